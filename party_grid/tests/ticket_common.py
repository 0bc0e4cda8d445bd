# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests.common import new_test_user

from .common import PartyGridCommon


class PartyTicketCommon(PartyGridCommon):
    """The grid tree of PartyGridCommon, plus tickets' configuration: a
    second worker of G1, a joint office with its user, two categories
    (one that may skip levels) and time limits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        group = "party_grid.party_grid_group_"
        cls.user_worker2 = new_test_user(
            cls.env, "pg_t_worker2", groups=group + "worker"
        )
        cls.env["party.grid.role"].create(
            {"grid_id": cls.g1.id, "user_id": cls.user_worker2.id, "role": "part_time"}
        )
        cls.user_office = new_test_user(cls.env, "pg_t_office", groups=group + "office")
        cls.office = cls.env["party.ticket.office"].create(
            {
                "name": "County Traffic Office",
                "user_ids": [Command.set(cls.user_office.ids)],
            }
        )
        cls.t1.head_id = cls.user_township
        cls.county.head_id = cls.user_county
        Category = cls.env["party.ticket.category"]
        cls.cat_facility = Category.create(
            {
                "name": "Facility (test)",
                "code": "t_facility",
                "default_handling_type": "promised",
            }
        )
        cls.cat_safety = Category.create(
            {
                "name": "Safety (test)",
                "code": "t_safety",
                "default_handling_type": "report",
                "allow_skip_level": True,
            }
        )
        # the data's limits apply at every level; these are per level
        cls.env["party.ticket.time.limit"].create(
            [
                {
                    "handling_type": "promised",
                    "level_id": cls.level_group.id,
                    "unit": "hours",
                    "accept_warning": 1,
                    "accept_limit": 2,
                    "finish_warning": 48,
                    "finish_limit": 72,
                },
                {
                    "handling_type": "report",
                    "level_id": cls.level_village.id,
                    "unit": "minutes",
                    "accept_warning": 20,
                    "accept_limit": 30,
                    "finish_warning": 0,
                    "finish_limit": 0,
                },
            ]
        )
        cls.stage = {
            code: cls.env.ref(f"party_grid.party_ticket_stage_{code}")
            for code in (
                "new",
                "accepted",
                "in_progress",
                "verify",
                "done",
                "closed",
                "rejected",
                "parked",
            )
        }

    def _ticket(self, grid=None, user=None, **vals):
        """A ticket created by ``user`` (default: the grid worker) in ``grid``
        (default: G1)."""
        values = {
            "title": "Broken street light",
            "grid_id": (grid or self.g1).id,
            "category_id": self.cat_facility.id,
            "household_id": self.h_g1a.id if (grid or self.g1) == self.g1 else False,
        }
        values.update(vals)
        return (
            self.env["party.ticket"]
            .with_user(user or self.user_worker)
            .create(values)
            .with_user(self.env.user)
        )

    def _as(self, ticket, user):
        return ticket.with_user(user)

    def _wizard(self, ticket, user, operation, **vals):
        return (
            self.env["party.ticket.wizard"]
            .with_user(user)
            .create({"ticket_id": ticket.id, "operation": operation, **vals})
            .action_confirm()
        )

    def _operations(self, ticket):
        return (
            ticket.sudo()
            .log_ids.sorted(lambda log: (log.date, log.id))
            .mapped("operation")
        )
