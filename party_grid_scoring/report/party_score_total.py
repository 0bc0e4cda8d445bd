# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.party_score_scheme import SUBJECT_TYPE_SELECTION


class PartyScoreTotal(models.Model):
    """Monthly total of each subject: base points plus its approved lines."""

    _name = "party.score.total"
    _description = "Monthly Points Total"
    _auto = False
    _depends = {
        "party.score.line": [
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
        ],
        "party.score.scheme": [
            "base_points",
            "star1_min",
            "star2_min",
            "star3_min",
            "star4_min",
            "star5_min",
        ],
        "party.score.period": ["state", "scheme_id"],
    }
    _order = "date desc, points desc, subject_id"
    _rec_name = "subject_name"

    period_id = fields.Many2one("party.score.period", string="Month", readonly=True)
    scheme_id = fields.Many2one("party.score.scheme", readonly=True)
    date = fields.Date(string="Month Of", readonly=True)
    subject_type = fields.Selection(SUBJECT_TYPE_SELECTION, readonly=True)
    subject_id = fields.Integer(string="Subject ID", readonly=True)
    member_id = fields.Many2one("party.member", string="Party Member", readonly=True)
    user_id = fields.Many2one("res.users", string="Grid Worker", readonly=True)
    subject_grid_id = fields.Many2one(
        "party.grid", string="Party Group / Grid", readonly=True
    )
    subject_name = fields.Char(compute="_compute_subject_name", string="Subject")
    grid_id = fields.Many2one("party.grid", string="Organisation", readonly=True)
    subject_user_id = fields.Many2one(
        "res.users", string="Subject's Login", readonly=True
    )
    points = fields.Float(string="Total", readonly=True, aggregator="sum")
    lost_points = fields.Float(readonly=True, aggregator="sum")
    state = fields.Selection(
        related="period_id.state", string="Period State", readonly=True
    )

    def _compute_subject_name(self):
        # sudo: the name of the subject of a total the user may read
        for total in self.sudo():
            total.subject_name = (
                total.member_id or total.subject_grid_id or total.user_id
            ).display_name

    def init(self):
        # the quarterly and yearly views read this one: drop them with it and
        # make them again
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                   SELECT min(l.id) AS id, l.period_id, p.scheme_id, l.date,
                          l.subject_type, l.subject_id, min(l.member_id) AS member_id,
                          min(l.user_id) AS user_id,
                          min(l.subject_grid_id) AS subject_grid_id,
                          min(l.grid_id) AS grid_id,
                          min(l.subject_user_id) AS subject_user_id,
                          max(s.base_points) + sum(l.points) AS points,
                          sum(l.lost_points) AS lost_points
                   FROM party_score_line l
                   JOIN party_score_period p ON p.id = l.period_id
                   JOIN party_score_scheme s ON s.id = p.scheme_id
                   WHERE l.state = 'approved'
                   GROUP BY l.period_id, p.scheme_id, l.date, l.subject_type,
                            l.subject_id)""",
                SQL.identifier(self._table),
            )
        )
        self.env["party.score.quarter"].init()
