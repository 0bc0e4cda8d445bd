# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common import PartyGridCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestVisitTicket(PartyGridCommon):
    """A visit that finds a problem creates a service ticket in one step."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m_g1.user_id = cls.user_worker

    def _visit(self, finding, household=None, user=None):
        return (
            self.env["party.visit"]
            .with_user(user or self.user_worker)
            .create(
                {
                    "member_id": self.m_g1.id,
                    "household_id": (household or self.h_g1a).id,
                    "finding": finding,
                }
            )
        )

    def test_worker_creates_ticket_from_visit(self):
        visit = self._visit("路口缺少交通标线\n车辆经常在此处抢行")
        action = visit.action_create_ticket()
        ticket = visit.ticket_id
        self.assertTrue(ticket)
        self.assertEqual(action["res_model"], "party.ticket")
        self.assertEqual(action["res_id"], ticket.id)
        self.assertEqual(ticket.source, "visit")
        self.assertEqual(ticket.grid_id, self.g1)
        self.assertEqual(ticket.origin_grid_id, self.g1)
        self.assertEqual(ticket.household_id, self.h_g1a)
        self.assertEqual(ticket.title, "路口缺少交通标线")
        self.assertIn("车辆经常在此处抢行", ticket.description)
        self.assertTrue(visit.needs_follow_up)
        self.assertEqual(ticket.visit_ids, visit)
        self.assertEqual(ticket.log_ids.mapped("operation"), ["create"])
        self.assertIn("Created from the visit", ticket.message_ids[0].body)
        # the worker sees the ticket the visit created
        self.assertTrue(ticket.with_user(self.user_worker).has_access("read"))

    def test_long_finding_gives_a_short_title(self):
        visit = self._visit("问题" * 50)
        visit.action_create_ticket()
        self.assertEqual(len(visit.ticket_id.title), 60)

    def test_no_second_ticket_and_none_without_finding(self):
        Ticket = self.env["party.ticket"]
        visit = self._visit("井盖破损")
        visit.action_create_ticket()
        count = Ticket.search_count([])
        with self.assertRaisesRegex(UserError, "already created from this visit"):
            visit.action_create_ticket()
        empty = self._visit("   ")
        with self.assertRaisesRegex(UserError, "Describe the problem found"):
            empty.action_create_ticket()
        self.assertFalse(empty.ticket_id)
        self.assertEqual(Ticket.search_count([]), count)

    def test_chinese_message(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        visit = self._visit(False)
        with self.assertRaisesRegex(UserError, "请先填写发现的问题"):
            visit.with_context(lang="zh_CN").action_create_ticket()

    def test_visit_outside_scope_creates_no_ticket(self):
        # an instructor reads the visits of assigned grids but cannot raise tickets
        visit = self._visit("路灯不亮", household=self.h_v3, user=self.env.user)
        with self.assertRaises(AccessError):
            visit.with_user(self.user_instructor).action_create_ticket()
        self.assertFalse(visit.ticket_id)
