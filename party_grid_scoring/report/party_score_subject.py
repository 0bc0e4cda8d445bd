# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.party_score_scheme import SUBJECT_TYPE_SELECTION

# the ledger columns the monthly, quarterly and yearly views are made of
LINE_DEPENDS = [
    "period_id",
    "date",
    "subject_type",
    "subject_id",
    "member_id",
    "user_id",
    "subject_grid_id",
    "subject_user_id",
    "grid_id",
    "points",
    "lost_points",
    "state",
]


class PartyScoreSubjectView(models.AbstractModel):
    """The scored subject of a row of the points views (monthly total,
    quarter, year): a party member, a grid worker or a party group/grid."""

    _name = "party.score.subject.view"
    _description = "Scored Subject (points views)"

    subject_type = fields.Selection(SUBJECT_TYPE_SELECTION, readonly=True)
    subject_id = fields.Integer(string="Subject ID", readonly=True)
    member_id = fields.Many2one("party.member", string="Party Member", readonly=True)
    user_id = fields.Many2one("res.users", string="Grid Worker", readonly=True)
    subject_grid_id = fields.Many2one(
        "party.grid", string="Party Group / Grid", readonly=True
    )
    subject_user_id = fields.Many2one(
        "res.users", string="Subject's Login", readonly=True
    )
    subject_name = fields.Char(compute="_compute_subject_name", string="Subject")
    grid_id = fields.Many2one("party.grid", string="Organisation", readonly=True)

    def _compute_subject_name(self):
        # sudo: the name of the subject of a row the user may read
        for row in self.sudo():
            row.subject_name = (
                row.member_id or row.subject_grid_id or row.user_id
            ).display_name
