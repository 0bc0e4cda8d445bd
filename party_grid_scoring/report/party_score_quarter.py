# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL
from odoo.tools.sql import table_exists

from .party_score_subject import LINE_DEPENDS

STARS_SELECTION = [
    ("0", "No Star"),
    ("1", "★"),
    ("2", "★★"),
    ("3", "★★★"),
    ("4", "★★★★"),
    ("5", "★★★★★"),
]


class PartyScoreQuarter(models.Model):
    """Quarterly score (mean of the monthly totals), star rating and rank:
    across the scheme (township, county) and within the subject's own grid
    (party group, village); ties rank alike (SQL ``RANK()``)."""

    _name = "party.score.quarter"
    _inherit = ["party.score.subject.view"]
    _description = "Quarterly Points, Stars and Ranking"
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
            "star1_reward",
            "star2_reward",
            "star3_reward",
            "star4_reward",
            "star5_reward",
        ],
        "party.score.period": ["state", "scheme_id"],
    }
    _order = "quarter desc, rank, subject_id"
    _rec_name = "subject_name"

    scheme_id = fields.Many2one("party.score.scheme", readonly=True)
    quarter = fields.Date(string="Quarter Starting", readonly=True)
    quarter_name = fields.Char(compute="_compute_quarter_name", string="Quarter")
    month_count = fields.Integer(string="Months", readonly=True)
    points = fields.Float(string="Quarter Total", readonly=True, aggregator="sum")
    score = fields.Float(readonly=True, aggregator="avg", help="Mean monthly total.")
    lost_points = fields.Float(readonly=True, aggregator="sum")
    stars = fields.Selection(STARS_SELECTION, string="Star Rating", readonly=True)
    reward = fields.Float(
        readonly=True,
        aggregator="sum",
        help="Performance pay for the quarter's star rating (以绩取酬), from the "
        "scheme.",
    )
    rank = fields.Integer(string="Rank in Scheme", readonly=True, aggregator="min")
    rank_local = fields.Integer(
        string="Rank in Own Grid", readonly=True, aggregator="min"
    )
    published = fields.Boolean(readonly=True)

    def _compute_quarter_name(self):
        for row in self:
            row.quarter_name = self.env._(
                "%(year)s Q%(quarter)s",
                year=row.quarter.year,
                quarter=(row.quarter.month - 1) // 3 + 1,
            )

    def init(self):
        if not table_exists(self.env.cr, "party_score_total"):
            # the monthly view makes this one after itself
            self.env["party.score.total"].init()
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                   WITH q AS (
                     SELECT min(t.id) AS id, t.scheme_id,
                            date_trunc('quarter', t.date)::date AS quarter,
                            t.subject_type, t.subject_id,
                            min(t.member_id) AS member_id, min(t.user_id) AS user_id,
                            min(t.subject_grid_id) AS subject_grid_id,
                            min(t.grid_id) AS grid_id,
                            min(t.subject_user_id) AS subject_user_id,
                            count(*) AS month_count,
                            sum(t.points) AS points,
                            round(avg(t.points)::numeric, 2) AS score,
                            sum(t.lost_points) AS lost_points,
                            bool_and(p.state IN ('published', 'closed')) AS published
                     FROM party_score_total t
                     JOIN party_score_period p ON p.id = t.period_id
                     GROUP BY t.scheme_id, date_trunc('quarter', t.date),
                              t.subject_type, t.subject_id)
                   SELECT q.*,
                     (CASE WHEN q.score >= s.star5_min THEN '5'
                           WHEN q.score >= s.star4_min THEN '4'
                           WHEN q.score >= s.star3_min THEN '3'
                           WHEN q.score >= s.star2_min THEN '2'
                           WHEN q.score >= s.star1_min THEN '1'
                           ELSE '0' END)::varchar AS stars,
                     (CASE WHEN q.score >= s.star5_min THEN s.star5_reward
                           WHEN q.score >= s.star4_min THEN s.star4_reward
                           WHEN q.score >= s.star3_min THEN s.star3_reward
                           WHEN q.score >= s.star2_min THEN s.star2_reward
                           WHEN q.score >= s.star1_min THEN s.star1_reward
                           ELSE 0 END) AS reward,
                     RANK() OVER (PARTITION BY q.scheme_id, q.quarter
                                  ORDER BY q.score DESC) AS rank,
                     RANK() OVER (PARTITION BY q.scheme_id, q.quarter,
                                  CASE WHEN q.subject_type = 'grid'
                                       THEN g.parent_id ELSE q.grid_id END
                                  ORDER BY q.score DESC) AS rank_local
                   FROM q
                   JOIN party_score_scheme s ON s.id = q.scheme_id
                   JOIN party_grid g ON g.id = q.grid_id)""",
                SQL.identifier(self._table),
            )
        )
        self.env["party.score.year"].init()
