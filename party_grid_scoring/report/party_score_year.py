# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL
from odoo.tools.sql import table_exists

from .party_score_subject import LINE_DEPENDS


class PartyScoreYear(models.Model):
    """The year's score (mean monthly total) and rank in the scheme; the top
    of the ranking (the scheme's share) is proposed as candidates for 优秀党员
    or 先进党小组; the rewards of the year's quarters are summed."""

    _name = "party.score.year"
    _inherit = ["party.score.subject.view"]
    _description = "Yearly Ranking and Candidates"
    _auto = False
    _order = "year desc, rank, subject_id"
    _rec_name = "subject_name"
    _depends = {
        "party.score.line": LINE_DEPENDS,
        "party.score.scheme": ["base_points", "candidate_share"],
        "party.score.period": ["state", "scheme_id"],
    }

    scheme_id = fields.Many2one("party.score.scheme", readonly=True)
    year = fields.Date(string="Year Starting", readonly=True)
    month_count = fields.Integer(string="Months", readonly=True)
    score = fields.Float(readonly=True, aggregator="avg", help="Mean monthly total.")
    lost_points = fields.Float(readonly=True, aggregator="sum")
    reward = fields.Float(
        readonly=True, aggregator="sum", help="The rewards of the year's quarters."
    )
    rank = fields.Integer(string="Rank in Scheme", readonly=True, aggregator="min")
    is_candidate = fields.Boolean(
        string="Proposed Candidate",
        readonly=True,
        help="In the top share of the year's ranking set by the scheme: proposed as "
        "优秀党员 (members) or 先进党小组 (party groups).",
    )

    def init(self):
        if not table_exists(self.env.cr, "party_score_quarter"):
            # the quarterly view makes this one after itself
            self.env["party.score.quarter"].init()
            return
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE VIEW %s AS (
                   WITH y AS (
                     SELECT min(q.id) AS id, q.scheme_id,
                            date_trunc('year', q.quarter)::date AS year,
                            q.subject_type, q.subject_id,
                            min(q.member_id) AS member_id, min(q.user_id) AS user_id,
                            min(q.subject_grid_id) AS subject_grid_id,
                            min(q.subject_user_id) AS subject_user_id,
                            min(q.grid_id) AS grid_id,
                            sum(q.month_count) AS month_count,
                            round(sum(q.points)::numeric / sum(q.month_count), 2)
                              AS score,
                            sum(q.lost_points) AS lost_points,
                            sum(q.reward) AS reward
                     FROM party_score_quarter q
                     GROUP BY q.scheme_id, date_trunc('year', q.quarter),
                              q.subject_type, q.subject_id),
                   r AS (
                     SELECT y.*,
                       RANK() OVER (PARTITION BY y.scheme_id, y.year
                                    ORDER BY y.score DESC) AS rank,
                       count(*) OVER (PARTITION BY y.scheme_id, y.year) AS ranked
                     FROM y)
                   SELECT r.id, r.scheme_id, r.year, r.subject_type, r.subject_id,
                          r.member_id, r.user_id, r.subject_grid_id, r.subject_user_id,
                          r.grid_id, r.month_count, r.score, r.lost_points, r.reward,
                          r.rank,
                          r.rank <= greatest(
                            1, ceil(r.ranked * s.candidate_share / 100)
                          ) AS is_candidate
                   FROM r JOIN party_score_scheme s ON s.id = r.scheme_id)""",
                SQL.identifier(self._table),
            )
        )
