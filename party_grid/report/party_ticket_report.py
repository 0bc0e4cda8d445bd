# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..models.party_ticket import (
    RESOLUTION_SCOPE_SELECTION,
    SATISFACTION_SELECTION,
)
from ..models.party_ticket_category import HANDLING_TYPE_SELECTION

AGE_SELECTION = [
    ("0_3", "Up to 3 Days"),
    ("4_7", "4 to 7 Days"),
    ("8_30", "8 to 30 Days"),
    ("31", "Over 30 Days"),
]


class PartyTicketReport(models.Model):
    """One row per ticket (merged duplicates left out), with 0/1 counters and
    0/100 rates, so that sums and averages in pivot and graph views give
    the figures leaders ask for."""

    _name = "party.ticket.report"
    _description = "Ticket Figures"
    _auto = False
    _order = "date_received desc"
    _rec_name = "ticket_id"

    ticket_id = fields.Many2one("party.ticket", readonly=True)
    grid_id = fields.Many2one("party.grid", string="Current Grid", readonly=True)
    origin_grid_id = fields.Many2one(
        "party.grid", string="Receiving Grid", readonly=True
    )
    level_id = fields.Many2one(
        "party.grid.level", string="Current Level", readonly=True
    )
    category_id = fields.Many2one("party.ticket.category", readonly=True)
    handling_type = fields.Selection(HANDLING_TYPE_SELECTION, readonly=True)
    stage_id = fields.Many2one("party.ticket.stage", readonly=True)
    user_id = fields.Many2one("res.users", string="Assignee", readonly=True)
    date_received = fields.Datetime(readonly=True)
    resolved_grid_id = fields.Many2one("party.grid", readonly=True)
    resolved_level_id = fields.Many2one(
        "party.grid.level", string="Resolved at Level", readonly=True
    )
    resolution_scope = fields.Selection(
        RESOLUTION_SCOPE_SELECTION, string="Self-closed or Transferred", readonly=True
    )
    satisfaction = fields.Selection(SATISFACTION_SELECTION, readonly=True)
    age = fields.Selection(AGE_SELECTION, string="Open For", readonly=True)
    received_count = fields.Integer(string="Received", readonly=True)
    closed_count = fields.Integer(string="Concluded", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    on_time_count = fields.Integer(string="Concluded on Time", readonly=True)
    reopened_count = fields.Integer(string="Reopened", readonly=True)
    extended_count = fields.Integer(string="Extended", readonly=True)
    self_closed_count = fields.Integer(string="Self-closed", readonly=True)
    transferred_count = fields.Integer(string="Transferred", readonly=True)
    accepted_count = fields.Integer(string="Accepted", readonly=True)
    visited_count = fields.Integer(string="Return Visits", readonly=True)
    satisfied_count = fields.Integer(string="Satisfied", readonly=True)
    closed_rate = fields.Float(
        string="Closed (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    on_time_rate = fields.Float(
        string="Closed on Time (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    reopen_rate = fields.Float(
        string="Reopened (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    extension_rate = fields.Float(
        string="Extended (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    satisfaction_rate = fields.Float(
        string="Satisfaction (%)", aggregator="avg", readonly=True, digits=(16, 1)
    )
    accept_hours = fields.Float(
        string="Hours to Accept", aggregator="avg", readonly=True, digits=(16, 1)
    )
    close_hours = fields.Float(
        string="Hours to Close", aggregator="avg", readonly=True, digits=(16, 1)
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
CREATE OR REPLACE VIEW %s AS (
SELECT t.id AS id,
       t.id AS ticket_id,
       t.grid_id, t.origin_grid_id, t.level_id, t.category_id, t.handling_type,
       t.stage_id, t.user_id, t.date_received, t.resolved_grid_id,
       t.resolved_level_id, t.resolution_scope, t.satisfaction,
       CASE WHEN t.is_closed THEN NULL
            WHEN t.date_received > now() at time zone 'UTC' - interval '4 days'
                THEN '0_3'
            WHEN t.date_received > now() at time zone 'UTC' - interval '8 days'
                THEN '4_7'
            WHEN t.date_received > now() at time zone 'UTC' - interval '31 days'
                THEN '8_30'
            ELSE '31' END AS age,
       1 AS received_count,
       CASE WHEN t.is_closed THEN 1 ELSE 0 END AS closed_count,
       CASE WHEN t.is_closed THEN 0 ELSE 1 END AS open_count,
       CASE WHEN t.is_closed AND t.closed_on_time THEN 1 ELSE 0 END AS on_time_count,
       CASE WHEN t.reopen_count > 0 THEN 1 ELSE 0 END AS reopened_count,
       CASE WHEN t.extension_count > 0 THEN 1 ELSE 0 END AS extended_count,
       CASE WHEN t.is_closed AND t.resolution_scope = 'self' THEN 1 ELSE 0 END
           AS self_closed_count,
       CASE WHEN t.is_closed AND t.resolution_scope = 'transferred' THEN 1 ELSE 0 END
           AS transferred_count,
       CASE WHEN t.date_accepted IS NULL THEN 0 ELSE 1 END AS accepted_count,
       CASE WHEN t.satisfaction IS NULL THEN 0 ELSE 1 END AS visited_count,
       CASE WHEN t.satisfaction IN ('satisfied', 'basic') THEN 1 ELSE 0 END
           AS satisfied_count,
       CASE WHEN t.is_closed THEN 100.0 ELSE 0.0 END AS closed_rate,
       CASE WHEN NOT t.is_closed THEN NULL
            WHEN t.closed_on_time THEN 100.0 ELSE 0.0 END AS on_time_rate,
       CASE WHEN t.reopen_count > 0 THEN 100.0 ELSE 0.0 END AS reopen_rate,
       CASE WHEN t.extension_count > 0 THEN 100.0 ELSE 0.0 END AS extension_rate,
       CASE WHEN t.satisfaction IS NULL THEN NULL
            WHEN t.satisfaction IN ('satisfied', 'basic') THEN 100.0
            ELSE 0.0 END AS satisfaction_rate,
       GREATEST(EXTRACT(EPOCH FROM t.date_accepted - t.date_received) / 3600.0
                - COALESCE(t.accept_paused_hours, 0), 0) AS accept_hours,
       CASE WHEN t.is_closed
            THEN GREATEST(EXTRACT(EPOCH FROM t.date_closed - t.date_received)
                          / 3600.0 - COALESCE(t.paused_hours, 0), 0)
       END AS close_hours
  FROM party_ticket t
 WHERE t.merged_into_id IS NULL
)""",
                SQL.identifier(self._table),
            )
        )

    @api.model
    @api.readonly
    def get_figures(self, grid_id):
        """The figures screen of a grid's subtree: totals and rates, tickets
        concluded at each level, months, and the open backlog by age — four
        grouped queries."""
        if not isinstance(grid_id, int) or isinstance(grid_id, bool):
            raise UserError(self.env._("Choose the grid whose figures to show."))
        # the figures' record rules limit them to the user's grids
        domain = [("origin_grid_id", "child_of", grid_id)]
        sums = (
            "received_count",
            "closed_count",
            "on_time_count",
            "reopened_count",
            "extended_count",
            "self_closed_count",
            "transferred_count",
            "visited_count",
            "satisfied_count",
            "open_count",
        )
        [totals] = self._read_group(
            domain,
            [],
            [f"{f}:sum" for f in sums] + ["accept_hours:avg", "close_hours:avg"],
        )
        fig = dict(zip(sums, (v or 0 for v in totals[: len(sums)]), strict=True))
        fig["accept_hours"] = round(totals[-2] or 0.0, 2)
        fig["close_hours"] = round(totals[-1] or 0.0, 2)
        received = fig["received_count"]
        fig["closed_rate"] = (
            round(100.0 * fig["closed_count"] / received, 1) if received else 0.0
        )
        fig["on_time_rate"] = (
            round(100.0 * fig["on_time_count"] / fig["closed_count"], 1)
            if fig["closed_count"]
            else 0.0
        )
        fig["reopen_rate"] = (
            round(100.0 * fig["reopened_count"] / received, 1) if received else 0.0
        )
        fig["extension_rate"] = (
            round(100.0 * fig["extended_count"] / received, 1) if received else 0.0
        )
        fig["satisfaction_rate"] = (
            round(100.0 * fig["satisfied_count"] / fig["visited_count"], 1)
            if fig["visited_count"]
            else 0.0
        )
        fig["by_level"] = {
            level.name: count
            for level, count in self._read_group(
                domain + [("closed_count", "=", 1)], ["resolved_level_id"], ["__count"]
            )
            if level
        }
        resolved = fig["self_closed_count"] + fig["transferred_count"]
        # 自办自结率: the share of resolved tickets closed by the receiving grid
        fig["self_closed_rate"] = (
            round(100.0 * fig["self_closed_count"] / resolved, 1) if resolved else 0.0
        )
        # months as "YYYY-MM": the figures travel as JSON (keys are strings)
        fig["by_month"] = {
            month.strftime("%Y-%m"): (received, closed)
            for month, received, closed in self._read_group(
                domain,
                ["date_received:month"],
                ["received_count:sum", "closed_count:sum"],
            )
        }
        fig["backlog"] = {
            age: count
            for age, count in self._read_group(
                domain + [("open_count", "=", 1)], ["age"], ["__count"]
            )
        }
        return fig
