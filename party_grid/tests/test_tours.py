# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A browser smoke test of every demo role's day: each demo user logs in to
the web client in headless Chromium (Odoo's ``start_tour``) and walks their
main path through the real screens, in Chinese, with the demo data. The
tours are in ``static/tests/tours/``; the checks of what they did are here.

Needs the demo data (the demo users and their grids) and a Chrome or
Chromium binary (Debian: ``apt-get install chromium``); without either the
tests are skipped and say why."""

import unittest

from odoo.tests import HttpCase, common, tagged

SKIP_NO_BROWSER = (
    "no Chrome/Chromium browser found on PATH (looked for google-chrome, "
    "chromium, chromium-browser, google-chrome-stable): the role tours need "
    "one; on Debian/Ubuntu run `apt-get install -y chromium`"
)
SKIP_NO_WEBSOCKET = (
    "the Python module websocket-client is not installed in Odoo's environment: "
    "Odoo drives the headless browser through it (pip install websocket-client)"
)


@tagged("post_install", "-at_install")
class TestRoleTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        # checked before Odoo tries, so that the reason is said in words
        if common.websocket is None:
            raise unittest.SkipTest(SKIP_NO_WEBSOCKET)
        try:
            common._find_executable()
        except unittest.SkipTest:
            raise unittest.SkipTest(SKIP_NO_BROWSER) from None
        super().setUpClass()
        cls.worker = cls.env.ref("party_grid.pg_worker_demo", raise_if_not_found=False)
        if not cls.worker:
            raise unittest.SkipTest(
                "the role tours walk the demo data: install party_grid with demo data"
            )
        cls.head = cls.env.ref("party_grid.pg_head_demo")
        cls.office_user = cls.env.ref("party_grid.pg_office_demo")
        cls.leader = cls.env.ref("party_grid.pg_leader_demo")
        cls.village = cls.env.ref("party_grid.party_grid_zhangshijun_demo")
        cls.office = cls.env.ref("party_grid.party_ticket_office_traffic_demo")

    def _logs(self, ticket, operation, user):
        return ticket.log_ids.filtered(
            lambda log: log.operation == operation and log.user_id == user
        )

    def test_worker_tour(self):
        """李红梅 on a phone: lands on 我的今日, visits her must-visit
        household 王秀兰户 with a photo, sees the confirmation and the changed
        count, and claims the unclaimed ticket of her group."""
        household = self.env.ref("party_grid.party_household_worker_alone_demo")
        ticket = self.env.ref("party_grid.party_ticket_wire_demo")
        self.assertFalse(ticket.user_id, "the demo ticket must start unclaimed")
        self.assertEqual(
            self.worker.action_id.id,
            self.env.ref("party_grid.party_grid_action_today").id,
        )
        visits_before = self.env["party.visit"].search(
            [("household_id", "=", household.id)]
        )
        contacts_before = household.month_contact_count
        self.browser_size = "375x667"
        self.touch_enabled = True
        self.start_tour("/odoo", "party_grid_worker_tour", login="worker")
        self.env.invalidate_all()
        visit = (
            self.env["party.visit"].search([("household_id", "=", household.id)])
            - visits_before
        )
        self.assertEqual(len(visit), 1, "the tour logs one visit of the household")
        self.assertEqual(
            visit.member_id.user_id, self.worker, "in the worker's own name"
        )
        self.assertEqual(visit.method, "home")
        self.assertTrue(visit.check_people)
        self.assertIn("取暖", visit.finding)
        photo = visit.attachment_ids
        self.assertEqual(len(photo), 1, "the photo is attached to the visit")
        self.assertEqual(photo.mimetype, "image/png")
        self.assertEqual((photo.res_model, photo.res_id), ("party.visit", visit.id))
        self.assertFalse(visit.location_accuracy, "no place: it was not asked for")
        self.assertEqual(household.month_contact_count, contacts_before + 1)
        self.assertEqual(ticket.user_id, self.worker, "the worker claimed the ticket")
        self.assertEqual(ticket.stage_id.code, "accepted")
        self.assertTrue(self._logs(ticket, "claim", self.worker), "claim logged")

    def test_head_tour(self):
        """刘根波 claims a ticket his group reported to the village and
        reports it on to the township."""
        ticket = self.env.ref("party_grid.party_ticket_streetlight_demo")
        township = self.village.parent_id
        # the set-up, as the worker through the product's own operation
        self.env["party.ticket.wizard"].with_user(self.worker).create(
            {
                "ticket_id": ticket.id,
                "operation": "report",
                "reason": "路灯线路老化，需村里统一更换。",
            }
        ).action_confirm()
        self.assertEqual(ticket.grid_id, self.village)
        self.assertFalse(ticket.user_id)
        self.start_tour("/odoo", "party_grid_head_tour", login="head")
        self.env.invalidate_all()
        self.assertTrue(self._logs(ticket, "claim", self.head), "claim logged")
        report = self._logs(ticket, "report", self.head)
        self.assertEqual(len(report), 1, "the head reported the ticket once")
        self.assertEqual(report.from_grid_id, self.village)
        self.assertEqual(report.to_grid_id, township)
        self.assertIn("镇", report.reason)
        self.assertEqual(ticket.grid_id, township)
        self.assertEqual(ticket.stage_id.code, "new")
        self.assertFalse(ticket.user_id)

    def _hand_to_office(self):
        """The village head hands a ticket of his village to the county
        traffic office (the set-up, through the product's own operation)."""
        ticket = self.env.ref("party_grid.party_ticket_hardship_demo")
        self.env["party.ticket.wizard"].with_user(self.head).create(
            {
                "ticket_id": ticket.id,
                "operation": "office",
                "office_id": self.office.id,
                "reason": "需县里协调救助资金。",
            }
        ).action_confirm()
        self.assertEqual(ticket.office_id, self.office)
        return ticket

    def test_office_tour(self):
        """孙海涛 of the county traffic office finds on his board the ticket
        the village handed to his office."""
        ticket = self._hand_to_office()
        self.start_tour("/odoo", "party_grid_office_tour", login="office")
        self.env.invalidate_all()
        self.assertEqual(ticket.office_id, self.office)

    def test_office_give_back_tour(self):
        """孙海涛 gives the ticket back (办毕交回), saying what was done."""
        ticket = self._hand_to_office()
        self.start_tour("/odoo", "party_grid_office_give_back_tour", login="office")
        self.env.invalidate_all()
        give_back = self._logs(ticket, "office_return", self.office_user)
        self.assertEqual(len(give_back), 1, "the office gave the ticket back once")
        self.assertEqual(give_back.from_office_id, self.office)
        self.assertIn("救助", give_back.reason)
        self.assertFalse(ticket.office_id)

    def test_township_tour(self):
        """赵志强 claims a ticket the village reported to the township and
        hands it to the county traffic office."""
        ticket = self.env.ref("party_grid.party_ticket_streetlight_demo")
        township = self.village.parent_id
        township_user = self.env.ref("party_grid.pg_township_demo")
        # the set-up: the worker reports it to the village, the head on to the
        # township, through the product's own operation
        for user in (self.worker, self.head):
            self.env["party.ticket.wizard"].with_user(user).create(
                {
                    "ticket_id": ticket.id,
                    "operation": "report",
                    "reason": "需上级协调。",
                }
            ).action_confirm()
        self.assertEqual(ticket.grid_id, township)
        self.start_tour("/odoo", "party_grid_township_tour", login="township")
        self.env.invalidate_all()
        self.assertTrue(self._logs(ticket, "claim", township_user), "claim logged")
        handed = self._logs(ticket, "office", township_user)
        self.assertEqual(len(handed), 1, "the township handed the ticket over once")
        self.assertEqual(handed.to_office_id, self.office)
        self.assertEqual(ticket.office_id, self.office)
        self.assertEqual(ticket.user_id, township_user)

    def test_instructor_tour(self):
        """张晓燕 reads a household, the contact duty report and a ticket of
        the grids assigned to her."""
        self.start_tour("/odoo", "party_grid_instructor_tour", login="instructor")

    def test_leader_home_tour(self):
        """王建国 lands on his figures (the leader dashboard)."""
        self.start_tour("/odoo", "party_grid_leader_home_tour", login="leader")

    def test_leader_tour(self):
        """王建国 opens the ticket figures and sees numbers."""
        self.start_tour("/odoo", "party_grid_leader_tour", login="leader")

    def test_login_page_tour(self):
        """王建国 logs in through the real login page, with his password."""
        self.start_tour("/web/login", "party_grid_login_tour")
        self.assertTrue(
            self.env["res.users.log"].search([("create_uid", "=", self.leader.id)]),
            "the login was recorded for the leader",
        )
