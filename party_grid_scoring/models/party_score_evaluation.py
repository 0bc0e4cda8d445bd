# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

EVALUATION_KIND_SELECTION = [
    ("peer", "Democratic Evaluation of Members"),
    ("residents", "Residents' Satisfaction Survey"),
]
EVALUATION_STATE_SELECTION = [
    ("open", "Collecting Grades"),
    ("closed", "Closed"),
]
GRADE_SELECTION = [
    ("excellent", "Excellent"),
    ("qualified", "Qualified"),
    ("basic", "Basically Qualified"),
    ("unqualified", "Unqualified"),
]
# the value of a grade, out of 100, for the "evaluation_grade" measure
GRADE_VALUE = {"excellent": 100, "qualified": 80, "basic": 60, "unqualified": 0}


class PartyScoreEvaluation(models.Model):
    """A round of democratic evaluation (民主评议党员) or of residents'
    satisfaction (群众满意度测评) over a grid subtree: grades given to members
    by peers or residents; once closed, the mean grade of each member feeds
    the checklist items measured by "evaluation_grade"."""

    _name = "party.score.evaluation"
    _description = "Evaluation Round"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        EVALUATION_KIND_SELECTION, required=True, default="peer", tracking=True
    )
    grid_id = fields.Many2one(
        "party.grid",
        string="Grid Subtree",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    date = fields.Date(
        required=True,
        default=fields.Date.context_today,
        tracking=True,
        help="The grades count in the month of this date.",
    )
    state = fields.Selection(
        EVALUATION_STATE_SELECTION,
        required=True,
        default="open",
        readonly=True,
        tracking=True,
    )
    grade_ids = fields.One2many(
        "party.score.evaluation.grade", "evaluation_id", string="Grades"
    )
    grade_count = fields.Integer(compute="_compute_grade_count")

    def _compute_grade_count(self):
        counts = dict(
            self.env["party.score.evaluation.grade"]._read_group(
                [("evaluation_id", "in", self.ids)], ["evaluation_id"], ["__count"]
            )
        )
        for evaluation in self:
            evaluation.grade_count = counts.get(evaluation, 0)

    def write(self, vals):
        if self.filtered(lambda e: e.state == "closed") and set(vals) - {
            "name",
            "message_follower_ids",
        }:
            raise UserError(
                self.env._("A closed evaluation round is final: its grades count.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda e: e.state == "closed"):
            raise UserError(self.env._("A closed evaluation round cannot be deleted."))

    def action_close(self):
        for evaluation in self:
            if not evaluation.grade_ids:
                raise UserError(
                    self.env._(
                        "The evaluation round %(round)s has no grades yet.",
                        round=evaluation.name,
                    )
                )
        # sudo: the state is written by this checked operation only (the
        # record rules already allowed the user to write the round)
        self.check_access("write")
        self.sudo().write({"state": "closed"})
        return True


class PartyScoreEvaluationGrade(models.Model):
    _name = "party.score.evaluation.grade"
    _description = "Evaluation Grade"
    _order = "evaluation_id, member_id, id"
    _rec_name = "member_id"

    evaluation_id = fields.Many2one(
        "party.score.evaluation", required=True, index=True, ondelete="cascade"
    )
    grid_id = fields.Many2one(
        related="evaluation_id.grid_id", store=True, index=True, string="Grid Subtree"
    )
    member_id = fields.Many2one(
        "party.member", string="Party Member", required=True, index=True
    )
    grade = fields.Selection(GRADE_SELECTION, required=True, default="qualified")
    evaluator = fields.Char(
        help="Who gave the grade (a peer, a resident's household…); may stay anonymous."
    )

    @api.constrains("member_id", "evaluation_id")
    def _check_member(self):
        # sudo: the member's grid path, whoever enters the grade
        for grade in self.sudo():
            path = grade.evaluation_id.grid_id.parent_path or ""
            if not (grade.member_id.grid_id.parent_path or "").startswith(path):
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a member of %(grid)s or of a grid below it.",
                        member=grade.member_id.display_name,
                        grid=grade.evaluation_id.grid_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        rounds = self.env["party.score.evaluation"].browse(
            {vals["evaluation_id"] for vals in vals_list if vals.get("evaluation_id")}
        )
        if rounds.filtered(lambda e: e.state == "closed"):
            raise UserError(
                self.env._("A closed evaluation round is final: its grades count.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if self.evaluation_id.filtered(lambda e: e.state == "closed"):
            raise UserError(
                self.env._("A closed evaluation round is final: its grades count.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.evaluation_id.filtered(lambda e: e.state == "closed"):
            raise UserError(
                self.env._("A closed evaluation round is final: its grades count.")
            )
