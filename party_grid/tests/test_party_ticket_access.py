# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .ticket_common import PartyTicketCommon

KANBAN_SPEC = {
    "title": {},
    "name": {},
    "priority": {},
    "grid_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "handling_type": {},
    "partner_id": {"fields": {"display_name": {}}},
    "office_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
    "date_deadline": {},
    "deadline_state": {},
    "is_closed": {},
    "color": {},
    "activity_ids": {},
}


@tagged("post_install", "-at_install")
class TestTicketAccess(PartyTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.t_g1 = cls._make(cls.g1, "G1 ticket")
        cls.t_g2 = cls._make(cls.g2, "G2 ticket")
        cls.t_v1 = cls._make(cls.v1, "V1 ticket")
        cls.t_v3 = cls._make(cls.v3, "V3 ticket")
        cls.t_t2 = cls._make(cls.t2, "T2 ticket")
        cls.t_county = cls._make(cls.county, "County ticket")

    @classmethod
    def _make(cls, grid, title):
        return cls.env["party.ticket"].create({"title": title, "grid_id": grid.id})

    def _visible(self, user):
        # the tickets of the test tree (demo data may hold others)
        return (
            self.env["party.ticket"]
            .with_user(user)
            .search([("origin_grid_id", "child_of", self.county.id)])
        )

    def test_worker(self):
        user = self.user_worker
        self.assertEqual(self._visible(user), self.t_g1)
        # and what is assigned to them elsewhere
        # set-up, not the user's doing: assigned by the level above
        self.t_g2.sudo().user_id = user
        self.assertEqual(self._visible(user), self.t_g1 | self.t_g2)
        self.assertEqual(
            self.env["party.ticket.log"]
            .with_user(user)
            .search([("ticket_id.origin_grid_id", "child_of", self.county.id)])
            .ticket_id,
            self.t_g1 | self.t_g2,
        )
        for ticket in (self.t_v1, self.t_v3):
            with self.assertRaises(AccessError):
                ticket.with_user(user).read(["title"])
        # a ticket of another grid cannot be moved or changed
        with self.assertRaises(AccessError):
            self.t_v3.with_user(user).write({"title": "x"})
        with self.assertRaises(AccessError):
            self._wizard(self.t_v3, user, "report", reason="x")
        self.assertEqual(self.t_v3.grid_id, self.v3)
        with self.assertRaisesRegex(UserError, "grids you work on"):
            self.env["party.ticket"].with_user(user).create(
                {"title": "Elsewhere", "grid_id": self.v3.id}
            )
        with self.assertRaises(AccessError):
            self.t_g1.with_user(user).unlink()
        # the log is written by the operations only
        with self.assertRaisesRegex(UserError, "operations only"):
            self.env["party.ticket.log"].with_user(user).create(
                {"ticket_id": self.t_g1.id, "operation": "claim"}
            )

    def test_head_and_township(self):
        self.assertEqual(
            self._visible(self.user_head), self.t_g1 | self.t_g2 | self.t_v1
        )
        self.assertEqual(
            self._visible(self.user_township), self.t_g1 | self.t_g2 | self.t_v1
        )
        with self.assertRaises(AccessError):
            self.t_v3.with_user(self.user_township).read(["title"])
        with self.assertRaises(AccessError):
            self.t_v3.with_user(self.user_township).action_claim()
        # a ticket the township sees through its origin, now at the county
        self.t_v1.with_user(self.user_head).action_claim()
        self._wizard(self.t_v1, self.user_head, "report", reason="Up")
        self._wizard(self.t_v1, self.user_township, "report", reason="Up")
        self.assertEqual(self.t_v1.grid_id, self.county)
        with self.assertRaisesRegex(UserError, "not among the grids you work on"):
            self.t_v1.with_user(self.user_township).action_claim()
        self.t_v1.with_user(self.user_county).action_claim()

    def test_office(self):
        self.assertFalse(self._visible(self.user_office))
        self.t_v1.with_user(self.user_head).action_claim()
        self._wizard(self.t_v1, self.user_head, "office", office_id=self.office.id)
        self.assertEqual(self._visible(self.user_office), self.t_v1)
        self.assertTrue(
            self.env["party.ticket.log"].with_user(self.user_office).search([])
        )
        with self.assertRaises(AccessError):
            self.t_g1.with_user(self.user_office).read(["title"])
        # a worker may not hand tickets to an office
        with self.assertRaisesRegex(UserError, "Only grid heads"):
            self._wizard(
                self.t_g1, self.user_worker, "office", office_id=self.office.id
            )
        self._wizard(self.t_v1, self.user_office, "office_return", reason="Done")
        self.assertFalse(self._visible(self.user_office))

    def test_county_and_instructor(self):
        everything = (
            self.t_g1 | self.t_g2 | self.t_v1 | self.t_v3 | self.t_t2 | self.t_county
        )
        self.assertEqual(self._visible(self.user_county), everything)
        self.assertEqual(self._visible(self.user_instructor), self.t_v3)
        with self.assertRaises(AccessError):
            self.t_v3.with_user(self.user_instructor).write({"title": "x"})
        with self.assertRaises(AccessError):
            self.env["party.ticket.report"].with_user(self.user_instructor).browse(
                self.t_g1.id
            ).read(["received_count"])
        # the county supervises from above
        self._wizard(
            self.t_t2, self.user_county, "supervise", card="yellow", reason="Check"
        )
        self.assertEqual(self.t_t2.supervision_card, "yellow")

    def test_kanban_queries(self):
        """The board of a grid worker and of a township officer: grouped by
        stage, then the first page of each unfolded column."""
        for user in (self.user_worker, self.user_township):
            Ticket = self.env["party.ticket"].with_user(user)

            def board(Ticket=Ticket):
                groups = Ticket.web_read_group([], ["stage_id"], ["stage_id"])
                for group in groups["groups"]:
                    if not group["__fold"]:
                        Ticket.web_search_read(group["__domain"], KANBAN_SPEC, limit=40)
                return groups

            board()
            self.env.invalidate_all()
            with self.assertQueryCount(19):
                groups = board()
            self.assertEqual(len(groups["groups"]), 8)
