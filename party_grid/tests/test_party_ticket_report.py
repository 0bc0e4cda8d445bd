# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from datetime import timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .ticket_common import PartyTicketCommon


@tagged("post_install", "-at_install")
class TestTicketFigures(PartyTicketCommon):
    """Seed 002 in small: tickets closed by the grid itself, transferred to
    the village and to the township; on time or late; reopened, extended;
    satisfied or not; and an open backlog."""

    def _close(self, ticket, user, feedback="Told", satisfaction=None):
        as_user = ticket.with_user(user)
        if not ticket.user_id:
            as_user.action_claim()
        as_user._op_submit("Done")
        # verified and visited back by someone other than the handler
        other = self.user_worker2 if user != self.user_worker2 else self.user_worker
        if ticket.user_id == other:
            other = self.user_head
        ticket.with_user(other).action_verify()
        ticket.with_user(self.user_worker)._op_close(None, feedback)
        if satisfaction:
            ticket.with_user(other)._op_return_visit(satisfaction)

    def setUp(self):
        super().setUp()
        with freeze_time("2026-03-02 08:00:00"):
            self.self_closed = [self._ticket(title=f"Self {i}") for i in range(3)]
            self.to_village = self._ticket(title="Village")
            self.to_township = self._ticket(title="Township")
            self.backlog = self._ticket(title="Open")
            self.other_tree = self._ticket(grid=self.v3, user=self.user_manager)
            self.g1.invalidate_recordset()
        with freeze_time("2026-03-02 10:00:00"):
            self._close(self.self_closed[0], self.user_worker, satisfaction="satisfied")
            self._close(self.self_closed[1], self.user_worker, satisfaction="basic")
            for ticket, users in (
                (self.to_village, (self.user_worker,)),
                (self.to_township, (self.user_worker, self.user_head)),
            ):
                ticket.with_user(users[0]).action_claim()
                for user in users:
                    if not ticket.user_id:
                        ticket.with_user(user).action_claim()
                    ticket.with_user(user)._op_report(reason="Up")
        with freeze_time("2026-03-03 10:00:00"):
            self._close(self.to_village, self.user_head, satisfaction="unsatisfied")
            self._close(self.to_township, self.user_township)
        with freeze_time("2026-03-10 10:00:00"):
            self._close(self.self_closed[2], self.user_worker)
            self.self_closed[2].with_user(self.user_worker)._op_reopen("Broke again")
            self.self_closed[2].with_user(self.user_worker)._op_submit("Fixed")
            self.self_closed[2].with_user(self.user_worker2).action_verify()
            self.self_closed[2].with_user(self.user_worker)._op_close(None, "Told")
            self.backlog.with_user(self.user_worker).action_claim()
            self.backlog.with_user(self.user_worker)._op_extend_request(
                self.backlog.date_deadline + timedelta(days=5), "Parts"
            )
            self.backlog.with_user(self.user_head).action_extend_approve()
        self.env.flush_all()

    @freeze_time("2026-03-12 10:00:00")
    def test_figures(self):
        Report = self.env["party.ticket.report"].with_user(self.user_head)
        # resolved at each level: one grouped query (自办自结 vs 流转)
        groups = Report._read_group(
            [("origin_grid_id", "child_of", self.v1.id), ("closed_count", "=", 1)],
            ["resolution_scope", "resolved_level_id"],
            ["__count"],
        )
        self.assertEqual(
            sorted((scope, level.name, count) for scope, level, count in groups),
            [
                ("self", "Group", 3),
                ("transferred", "Township", 1),
                ("transferred", "Village", 1),
            ],
        )
        Report.invalidate_model()
        with self.assertQueryCount(5):
            fig = Report.get_figures(self.v1.id)
        self.assertEqual(fig["received_count"], 6)
        self.assertEqual(fig["closed_count"], 5)
        self.assertEqual(fig["closed_rate"], 83.3)
        self.assertEqual(fig["self_closed_count"], 3)
        self.assertEqual(fig["transferred_count"], 2)
        # 自办自结率: 3 of the 5 resolved tickets closed by the receiving grid
        self.assertEqual(fig["self_closed_rate"], 60.0)
        # the figures travel over JSON-RPC: months are "YYYY-MM" keys
        self.assertEqual(set(fig["by_month"]), {"2026-03"})
        json.dumps(fig)
        self.assertEqual(fig["by_level"], {"Group": 3, "Village": 1, "Township": 1})
        # the rework of self_closed[2] got a fresh time limit
        self.assertEqual(fig["on_time_count"], 5)
        self.assertEqual(fig["on_time_rate"], 100.0)
        self.assertEqual(fig["reopened_count"], 1)
        self.assertEqual(fig["extended_count"], 1)
        self.assertEqual(fig["reopen_rate"], 16.7)
        self.assertEqual(fig["visited_count"], 3)
        self.assertEqual(fig["satisfaction_rate"], 66.7)
        # four claimed after 2 hours, two after 8 days and 2 hours
        self.assertEqual(fig["accept_hours"], 66.0)
        # the view ages the backlog with the database clock, not the frozen one
        self.env.cr.execute(
            "SELECT (now() at time zone 'UTC')::date - date '2026-03-02'"
        )
        days = self.env.cr.fetchone()[0]
        bucket = (
            "0_3" if days < 4 else "4_7" if days < 8 else "8_30" if days < 31 else "31"
        )
        self.assertEqual(fig["backlog"], {bucket: 1})
        self.assertEqual(sum(r for r, _c in fig["by_month"].values()), 6)
        # the same figures on the grid form, from one grouped query
        self.v1.invalidate_recordset()
        grid = self.v1.with_user(self.user_head)
        self.assertEqual(grid.ticket_received_count, 6)
        self.assertEqual(grid.ticket_open_count, 1)
        self.assertAlmostEqual(grid.ticket_closed_rate, 83.33, places=1)
        self.assertEqual(grid.ticket_self_closed_count, 3)
        self.assertEqual(grid.ticket_transferred_count, 2)
        self.assertAlmostEqual(grid.ticket_satisfaction_rate, 66.67, places=1)
        self.assertAlmostEqual(grid.ticket_accept_hours, 66.0)
        # the county root counts the other township's ticket as well
        self.assertEqual(self.county.ticket_received_count, 7)
        # the worker's figures are those of their grid
        fig = (
            self.env["party.ticket.report"]
            .with_user(self.user_worker)
            .get_figures(self.county.id)
        )
        self.assertEqual(fig["received_count"], 6)
