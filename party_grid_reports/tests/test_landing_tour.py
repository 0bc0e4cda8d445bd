# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A county user who opens an app while his start screen (the leader
dashboard) is still loading keeps the app he chose. Each test slows one step
of the landing down on the server, before the request opens a cursor
(HttpCase serialises the requests on the test cursor), to make the window
wide; the tours are in static/tests/tours/party_grid_landing_tour.js.

Only the spreadsheet bundle raced: the dashboard's client action is a lazy
loader that awaits the bundle, then asks the action service again, as the
newest request (static/src/dashboard_landing_guard.js drops it when the user
asked for something else meanwhile)."""

import threading
import time
import unittest
from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase, common, tagged

DELAY = 4  # seconds; the tour waits longer than this (LANDING_WAIT)


@tagged("post_install", "-at_install")
class TestLandingTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        if common.websocket is None:
            raise unittest.SkipTest("websocket-client is needed to drive the browser")
        try:
            common._find_executable()
        except unittest.SkipTest:
            raise unittest.SkipTest("no Chrome/Chromium browser found") from None
        super().setUpClass()
        cls.leader = cls.env.ref("party_grid.pg_leader_demo", raise_if_not_found=False)
        if not cls.leader:
            raise unittest.SkipTest("the landing tour needs the demo data")

    def _slow_landing(self, marker):
        """Delay, once, the first request whose path contains ``marker``."""
        serve_db = http.Request._serve_db
        slowed = threading.Event()

        def _serve_db(request):
            if marker in request.httprequest.path and not slowed.is_set():
                slowed.set()
                time.sleep(DELAY)
            return serve_db(request)

        self.addCleanup(lambda: self.assertTrue(slowed.is_set(), marker))
        return patch.object(http.Request, "_serve_db", _serve_db)

    def _tour(self, marker, tour="party_grid_landing_tour"):
        with self._slow_landing(marker):
            self.start_tour("/odoo", tour, login="leader")

    def test_slow_spreadsheet_bundle(self):
        """The spreadsheet bundle still loading when he opens the app."""
        self._tour("o_spreadsheet", "party_grid_landing_bundle_tour")

    def test_slow_home_action(self):
        """His home action (the figures server action) still running: the
        action service drops its answer (KeepLast)."""
        self._tour("/web/action/run")

    def test_slow_dashboard_figures(self):
        """The dashboard on the screen, its figures still loading: opening
        the app unmounts it."""
        self._tour("get_readonly_dashboard", "party_grid_landing_figures_tour")
