# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .party_score_subject import LINE_DEPENDS


class PartyScoreTotal(models.Model):
    """Monthly total of each subject: base points plus its approved lines."""

    _name = "party.score.total"
    _inherit = ["party.score.subject.view"]
    _description = "Monthly Points Total"
    _auto = False
    _depends = {
        "party.score.line": LINE_DEPENDS,
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
    points = fields.Float(string="Total", readonly=True, aggregator="sum")
    lost_points = fields.Float(readonly=True, aggregator="sum")
    state = fields.Selection(
        related="period_id.state", string="Period State", readonly=True
    )

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
