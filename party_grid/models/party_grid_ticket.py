# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What tickets add to grids and households: history that forbids deletion,
and the ticket figures of a grid's subtree."""

from collections import Counter, defaultdict

from odoo import api, fields, models

from .party_grid import _path_ids
from .party_grid_tools import window_action

# sums of party.ticket.report rolled up per grid subtree
FIGURE_SUMS = (
    "received_count",
    "closed_count",
    "on_time_count",
    "reopened_count",
    "extended_count",
    "self_closed_count",
    "transferred_count",
    "accepted_count",
    "accept_hours",
    "close_hours",
    "visited_count",
    "satisfied_count",
    "open_count",
)


def _rate(part, whole):
    return 100.0 * part / whole if whole else 0.0


class PartyGrid(models.Model):
    _inherit = "party.grid"

    ticket_received_count = fields.Integer(
        compute="_compute_ticket_figures", string="Tickets Received"
    )
    ticket_open_count = fields.Integer(
        compute="_compute_ticket_figures", string="Open Tickets"
    )
    ticket_closed_rate = fields.Float(
        compute="_compute_ticket_figures", string="Closed (%)", digits=(16, 1)
    )
    ticket_on_time_rate = fields.Float(
        compute="_compute_ticket_figures",
        string="Closed on Time (%)",
        digits=(16, 1),
    )
    ticket_reopen_rate = fields.Float(
        compute="_compute_ticket_figures", string="Reopened (%)", digits=(16, 1)
    )
    ticket_extension_rate = fields.Float(
        compute="_compute_ticket_figures", string="Extended (%)", digits=(16, 1)
    )
    ticket_self_closed_count = fields.Integer(
        compute="_compute_ticket_figures", string="Self-closed"
    )
    ticket_transferred_count = fields.Integer(
        compute="_compute_ticket_figures", string="Transferred"
    )
    ticket_accept_hours = fields.Float(
        compute="_compute_ticket_figures",
        string="Average Hours to Accept",
        digits=(16, 1),
    )
    ticket_close_hours = fields.Float(
        compute="_compute_ticket_figures",
        string="Average Hours to Close",
        digits=(16, 1),
    )
    ticket_satisfaction_rate = fields.Float(
        compute="_compute_ticket_figures",
        string="Satisfaction (%)",
        digits=(16, 1),
    )

    def _compute_ticket_figures(self):
        """Figures of the tickets received in each grid's subtree, from one
        grouped query on the report view."""
        ids = set(self._origin.ids)
        sums = defaultdict(Counter)
        if ids:
            groups = self.env["party.ticket.report"]._read_group(
                [("origin_grid_id", "child_of", list(ids))],
                ["origin_grid_id"],
                [f"{fname}:sum" for fname in FIGURE_SUMS],
            )
            for grid, *values in groups:
                for ancestor in set(_path_ids(grid.sudo().parent_path)) & ids:
                    for fname, value in zip(FIGURE_SUMS, values, strict=True):
                        sums[ancestor][fname] += value or 0
        for grid in self:
            fig = sums[grid._origin.id]
            grid.ticket_received_count = fig["received_count"]
            grid.ticket_open_count = fig["open_count"]
            grid.ticket_closed_rate = _rate(fig["closed_count"], fig["received_count"])
            grid.ticket_on_time_rate = _rate(fig["on_time_count"], fig["closed_count"])
            grid.ticket_reopen_rate = _rate(
                fig["reopened_count"], fig["received_count"]
            )
            grid.ticket_extension_rate = _rate(
                fig["extended_count"], fig["received_count"]
            )
            grid.ticket_self_closed_count = fig["self_closed_count"]
            grid.ticket_transferred_count = fig["transferred_count"]
            grid.ticket_accept_hours = (
                fig["accept_hours"] / fig["accepted_count"]
                if fig["accepted_count"]
                else 0.0
            )
            grid.ticket_close_hours = (
                fig["close_hours"] / fig["closed_count"] if fig["closed_count"] else 0.0
            )
            grid.ticket_satisfaction_rate = _rate(
                fig["satisfied_count"], fig["visited_count"]
            )

    @api.readonly
    def action_view_tickets(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_ticket_action",
            domain=[
                "|",
                ("grid_id", "child_of", self.id),
                ("origin_grid_id", "child_of", self.id),
            ],
            context={"default_grid_id": self.id},
        )

    @api.readonly
    def action_view_ticket_report(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_ticket_report_action",
            domain=[("origin_grid_id", "child_of", self.id)],
            display_name=self.env._(
                "Ticket Figures: %(grid)s",
                grid=self.display_name,
            ),
        )

    def _grid_history_fields(self):
        return super()._grid_history_fields() + [  # pylint: disable=no-member
            ("party.ticket", "grid_id"),
            ("party.ticket", "origin_grid_id"),
        ]


class PartyHousehold(models.Model):
    _inherit = "party.household"

    def _get_households_with_history(self):
        used = super()._get_households_with_history()  # pylint: disable=no-member
        # sudo: tickets outside the user's scope still forbid deletion
        groups = (
            self.env["party.ticket"]
            .sudo()
            .with_context(active_test=False)
            ._read_group([("household_id", "in", self.ids)], ["household_id"])
        )
        return used | self.browse(household.id for (household,) in groups)
