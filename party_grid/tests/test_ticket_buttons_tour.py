# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ticket's operation buttons and pickers in headless Chromium, with the
demo data (static/tests/tours/party_grid_ticket_buttons_tour.js)."""

import unittest

from odoo.tests import HttpCase, common, tagged

from .test_tours import SKIP_NO_BROWSER, SKIP_NO_WEBSOCKET


@tagged("post_install", "-at_install")
class TestTicketButtonsTour(HttpCase):
    @staticmethod
    def _missing():
        """Why the browser tests cannot run here, or None."""
        if common.websocket is None:
            return SKIP_NO_WEBSOCKET
        try:
            common._find_executable()
        except unittest.SkipTest:
            return SKIP_NO_BROWSER
        return None

    @classmethod
    def setUpClass(cls):
        missing = cls._missing()
        if missing:
            raise unittest.SkipTest(missing)
        super().setUpClass()
        demo = cls.env.ref("party_grid.pg_worker_demo", raise_if_not_found=False)
        if not demo:
            raise unittest.SkipTest("the tours walk the demo data")
        cls.worker, cls.head = demo, cls.env.ref("party_grid.pg_head_demo")

    def _url(self, ticket):
        return f"/odoo/action-party_grid.party_ticket_action/{ticket.id}"

    def test_phone_buttons(self):
        """On a phone the main operation is on the form, not behind ⚙."""
        ticket = self.env.ref("party_grid.party_ticket_wire_demo")
        self.assertFalse(ticket.user_id)
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour(
            self._url(ticket), "party_grid_ticket_phone_tour", login="worker"
        )
        self.env.invalidate_all()
        self.assertEqual(ticket.user_id, self.worker)

    def test_assign_picker(self):
        """The head hands a ticket down to a group's worker, picked from
        the people who work there."""
        ticket = self.env.ref("party_grid.party_ticket_streetlight_demo")
        self.env["party.ticket.wizard"].with_user(self.worker).create(
            {"ticket_id": ticket.id, "operation": "report", "reason": "需村里更换"}
        ).action_confirm()
        village = ticket.grid_id
        self.start_tour(
            self._url(ticket), "party_grid_ticket_assign_tour", login="head"
        )
        self.env.invalidate_all()
        self.assertEqual(ticket.user_id, self.worker)
        self.assertEqual(ticket.grid_id.parent_id, village)
        self.assertEqual(ticket.grid_id.name, "第一党小组")
