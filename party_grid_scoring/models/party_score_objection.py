# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

OBJECTION_STATE_SELECTION = [
    ("open", "Waiting for Answer"),
    ("accepted", "Corrected"),
    ("refused", "Refused with Reasons"),
]


class PartyScoreObjection(models.Model):
    _name = "party.score.objection"
    _description = "Objection to a Points Line"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"

    line_id = fields.Many2one(
        "party.score.line",
        required=True,
        index=True,
        # lines are never deleted but when the addon is uninstalled
        ondelete="cascade",
    )
    period_id = fields.Many2one(
        related="line_id.period_id", store=True, index=True, string="Month"
    )
    item_id = fields.Many2one(related="line_id.item_id", string="Criterion")
    subject_name = fields.Char(related="line_id.subject_name", string="Subject")
    grid_id = fields.Many2one(
        related="line_id.grid_id", store=True, index=True, string="Organisation"
    )
    points = fields.Float(related="line_id.points", string="Points on the Line")
    reason = fields.Text(required=True, tracking=True)
    state = fields.Selection(
        OBJECTION_STATE_SELECTION,
        required=True,
        default="open",
        tracking=True,
        readonly=True,
    )
    head_id = fields.Many2one(
        "res.users",
        string="Decided By",
        index=True,
        readonly=True,
        help="The grid head who answers: the head of the subject's grid or of "
        "the nearest grid above it.",
    )
    answer = fields.Text(tracking=True)
    correction_points = fields.Float(
        help="Points given back (or taken) by the correction line, when the "
        "objection is upheld."
    )
    correction_line_id = fields.Many2one(
        "party.score.line", string="Correction", readonly=True
    )

    @api.model_create_multi
    def create(self, vals_list):
        today = fields.Date.context_today(self)
        Line = self.env["party.score.line"]
        for vals in vals_list:
            line = Line.browse(vals.get("line_id"))
            period = line.period_id
            if period.state != "published":
                raise UserError(
                    self.env._(
                        "Objections are possible only while the period %(period)s "
                        "is published.",
                        period=period.name,
                    )
                )
            if today > period.objection_deadline:
                raise UserError(
                    self.env._(
                        "The objection window of %(period)s ended on %(date)s: no "
                        "more objections can be made.",
                        period=period.name,
                        date=period.objection_deadline,
                    )
                )
            vals["head_id"] = self._find_head(line.grid_id).id
        objections = super().create(vals_list)
        # sudo: the subject who objects asks the head, whose activity it is;
        # the subject may not write the objection afterwards. The activity
        # shows in the head's activities; no e-mail from a subject who may
        # have no address
        for objection in (
            objections.sudo()
            .with_context(mail_activity_quick_update=True)
            .filtered("head_id")
        ):
            objection.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=objection.period_id.objection_deadline,
                summary=self.env._("Answer the objection to the points"),
                user_id=objection.head_id.id,
            )
        return objections

    def write(self, vals):
        if not self.env.su and {"state", "head_id", "correction_line_id"}.intersection(
            vals
        ):
            raise UserError(
                self.env._(
                    "An objection is answered through its buttons only: correct the "
                    "points or refuse with reasons."
                )
            )
        return super().write(vals)

    def _find_head(self, grid):
        # sudo: the head of a grid above the subject, whom the subject may
        # not be allowed to read
        grid = grid.sudo()
        while grid and not grid.head_id:
            grid = grid.parent_id
        return grid.head_id

    def _check_can_answer(self):
        user = self.env.user
        for objection in self:
            if objection.state != "open":
                raise UserError(self.env._("This objection was already answered."))
            if self.env.su:
                continue
            if user != objection.head_id and not user.has_group(
                "party_grid.party_grid_group_head"
            ):
                raise AccessError(
                    self.env._("Only the grid head answers an objection.")
                )
            if user == objection.line_id.subject_user_id:
                raise UserError(
                    self.env._("You cannot answer an objection to your own points.")
                )
            user._party_grid_check_covers(objection.grid_id)
            if not objection.answer:
                raise UserError(self.env._("Write the answer to the objection first."))

    def action_accept(self):
        self._check_can_answer()
        for objection in self:
            if not objection.correction_points:
                raise UserError(
                    self.env._("Enter the points the correction gives or takes.")
                )
            line = objection.line_id._create_correction(
                objection.correction_points,
                objection.answer,
                origin=f"{self._name}:{objection.id}",
            )
            # sudo: the outcome is written by this checked operation only
            objection.sudo().write({"state": "accepted", "correction_line_id": line.id})
        self.activity_feedback(  # pylint: disable=no-member
            ["mail.mail_activity_data_todo"]
        )
        return True

    def action_refuse(self):
        self._check_can_answer()
        # sudo: the outcome is written by this checked operation only
        self.sudo().write({"state": "refused"})
        self.activity_feedback(  # pylint: disable=no-member
            ["mail.mail_activity_data_todo"]
        )
        return True
