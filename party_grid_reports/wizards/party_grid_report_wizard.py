# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

REPORT_SELECTION = [
    ("statistics", "Statistics Table"),
    ("contact_roster", "Contact Rosters"),
    ("roster", "Member and Grid Rosters"),
    ("duty", "Monthly Contact Duty Table"),
    ("ticket", "Ticket Statistics"),
    ("points", "Points Ranking Table"),
]
# the periods the points table is made for
POINTS_PERIOD_DOMAIN = [
    ("period_type", "in", ("month", "quarter")),
    ("state", "in", ("published", "closed")),
]


class PartyGridReportWizard(models.TransientModel):
    _name = "party.grid.report.wizard"
    _description = "Party Grid Report Export"

    report = fields.Selection(REPORT_SELECTION, required=True, default="statistics")
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        default=lambda self: self._default_grid_id(),
        help="The report covers this grid and every grid below it.",
    )
    date_from = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        required=True,
        default=lambda self: (
            fields.Date.context_today(self).replace(day=1)
            + relativedelta(months=1, days=-1)
        ),
        help="The contact duty is that of the month of this date.",
    )
    score_period_id = fields.Many2one(
        "party.score.period",
        string="Points Period",
        default=lambda self: self._default_score_period_id(),
        domain=POINTS_PERIOD_DOMAIN,
        help="The published month or quarter of a points scheme whose table is "
        "exported.",
    )

    @api.model
    def _default_grid_id(self):
        if self.env.context.get("active_model") == "party.grid":
            return self.env.context.get("active_id")
        return self.env["party.grid"].search([], limit=1, order="parent_path").id

    @api.model
    def _default_score_period_id(self):
        """The latest published month or quarter (the quarter before its last
        month), of a scheme over the default grid, above or below it."""
        grid_id = self._default_grid_id()
        scope = []
        if grid_id:
            scope = [
                "|",
                ("grid_id", "parent_of", grid_id),
                ("grid_id", "child_of", grid_id),
            ]
        return (
            self.env["party.score.period"]
            .search(
                [*POINTS_PERIOD_DOMAIN, *scope],
                limit=1,
                order="date_to desc, period_type desc, id desc",
            )
            .id
        )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_to < wizard.date_from:
                raise ValidationError(
                    self.env._("The end of the period cannot be before its start.")
                )

    def action_print(self):
        self.ensure_one()
        # refuse a grid outside the user's record rules before anything is built
        self.env["party.report.builder"]._check_grid(self.grid_id.id)
        if self.report == "points":
            if not self.score_period_id:
                raise UserError(self.env._("Choose a points period."))
            self.env["party.report.builder"]._score_period(self.score_period_id.id)
        return self.env.ref(
            f"party_grid_reports.{self.report}_xlsx_report"
        ).report_action(self)
