# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    readable_name,
)

from .party_score_scheme import SUBJECT_TYPE_SELECTION

KIND_SELECTION = [
    ("auto", "Automatic"),
    ("manual", "Manual Entry"),
    ("correction", "Correction"),
]
LINE_STATE_SELECTION = [
    ("draft", "Waiting for Approval"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]
# what the author of a draft manual entry may still change
DRAFT_FIELDS = {"points", "basis", "attachment_ids", "item_id", "refuse_reason"}


class PartyScoreLine(models.Model):
    """Append-only points ledger (like ``gamification.karma.tracking``): lines
    are added, never edited once published; corrections are new lines."""

    _name = "party.score.line"
    _description = "Points Ledger Line"
    _order = "date desc, subject_id, item_id, id"
    _rec_name = "item_id"

    period_id = fields.Many2one(
        "party.score.period",
        string="Month",
        required=True,
        index=True,
        # a period with lines is never deleted (see the period's ondelete)
        ondelete="cascade",
        domain="[('period_type', '=', 'month')]",
    )
    # few indexes: the monthly computation inserts tens of thousands of lines
    scheme_id = fields.Many2one(related="period_id.scheme_id", string="Scheme")
    date = fields.Date(related="period_id.date_from", store=True, string="Month Of")
    period_state = fields.Selection(related="period_id.state", string="Period State")
    item_id = fields.Many2one(
        "party.score.item",
        string="Criterion",
        required=True,
        ondelete="restrict",
    )
    category_id = fields.Many2one(
        related="item_id.category_id", store=True, string="Category"
    )
    subject_type = fields.Selection(
        SUBJECT_TYPE_SELECTION, compute="_compute_subject", store=True, precompute=True
    )
    subject_id = fields.Integer(
        string="Subject ID",
        compute="_compute_subject",
        store=True,
        precompute=True,
    )
    member_id = fields.Many2one(
        "party.member", string="Party Member", index="btree_not_null"
    )
    user_id = fields.Many2one("res.users", string="Grid Worker", index="btree_not_null")
    subject_grid_id = fields.Many2one(
        "party.grid", string="Party Group / Grid", index="btree_not_null"
    )
    subject_user_id = fields.Many2one(
        "res.users",
        string="Subject's Login",
        compute="_compute_subject",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="The login of the member or worker scored: they read their own lines.",
    )
    subject_name = fields.Char(compute="_compute_subject_name", string="Subject")
    grid_id = fields.Many2one(
        "party.grid",
        string="Organisation",
        compute="_compute_subject",
        store=True,
        precompute=True,
        index=True,
        help="The grid the subject belongs to: its scores are read in that "
        "grid's subtree.",
    )
    points = fields.Float(required=True, aggregator="sum")
    max_points = fields.Float(string="Maximum", aggregator="sum")
    lost_points = fields.Float(
        aggregator="sum",
        help="Points lost against the maximum (automatic lines), or the "
        "deduction; a correction gives points back.",
    )
    basis = fields.Text(
        required=True, help="The basis in words and numbers, e.g. 7 of 10 households."
    )
    origin = fields.Char(
        help="The source records, as model:ids, or the entry that gave the points."
    )
    kind = fields.Selection(KIND_SELECTION, required=True, default="manual")
    state = fields.Selection(LINE_STATE_SELECTION, required=True, default="draft")
    author_id = fields.Many2one(
        "res.users",
        string="Entered By",
        default=lambda self: self.env.user,
        required=True,
    )
    approver_id = fields.Many2one("res.users", string="Approved By", readonly=True)
    date_approved = fields.Datetime(readonly=True)
    refuse_reason = fields.Text()
    correction_of_id = fields.Many2one(
        "party.score.line", string="Corrects", index="btree_not_null", readonly=True
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_score_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
    )
    is_mine = fields.Boolean(
        compute="_compute_is_mine", search="_search_is_mine", string="My Points"
    )

    def init(self):
        # one automatic line per subject, item and month: reruns replace it
        if not tools.index_exists(self.env.cr, "party_score_line_auto_unique"):
            self.env.cr.execute(
                SQL(
                    "CREATE UNIQUE INDEX party_score_line_auto_unique ON %s "
                    "(period_id, item_id, subject_id) WHERE kind = 'auto'",
                    SQL.identifier(self._table),
                )
            )

    @api.depends("member_id", "user_id", "subject_grid_id")
    def _compute_subject(self):
        grid_of_worker = {}
        workers = self.filtered(lambda line: line.user_id and not line.grid_id)
        if workers:
            # sudo: the organisation of a worker is the grid of their role
            for role in (
                self.env["party.grid.role"]
                .sudo()
                .search([("user_id", "in", workers.user_id.ids)], order="id")
            ):
                grid_of_worker.setdefault(role.user_id.id, role.grid_id)
        for line in self:
            if line.member_id:
                line.subject_type = "member"
                line.subject_id = line.member_id.id
                line.grid_id = line.member_id.grid_id
                line.subject_user_id = line.member_id.user_id
            elif line.subject_grid_id:
                line.subject_type = "grid"
                line.subject_id = line.subject_grid_id.id
                line.grid_id = line.subject_grid_id
                line.subject_user_id = False
            elif line.user_id:
                line.subject_type = "worker"
                line.subject_id = line.user_id.id
                line.grid_id = line.grid_id or grid_of_worker.get(line.user_id.id)
                line.subject_user_id = line.user_id
            else:
                line.subject_type = False
                line.subject_id = 0
                line.grid_id = False
                line.subject_user_id = False

    @api.depends("member_id", "user_id", "subject_grid_id")
    def _compute_subject_name(self):
        # sudo: the name of the subject of a line the user may read (a member
        # reads their own points without reading the register)
        for line in self.sudo():
            line.subject_name = (
                line.member_id or line.subject_grid_id or line.user_id
            ).display_name

    @api.depends("subject_user_id")
    @api.depends_context("uid")
    def _compute_is_mine(self):
        uid = self.env.uid
        for line in self:
            line.is_mine = line.subject_user_id.id == uid

    def _search_is_mine(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        domain = [("subject_user_id", "=", self.env.uid)]
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    @api.constrains("points", "item_id", "kind", "state")
    def _check_points(self):
        for line in self.filtered(lambda line: line.kind == "manual"):
            item = line.item_id
            if line.points * (1 if item.points >= 0 else -1) < 0:
                raise ValidationError(
                    self.env._(
                        "The item %(item)s %(sense)s points: enter %(sign)s points.",
                        item=item.name,
                        sense=self.env._("takes away")
                        if item.points < 0
                        else self.env._("adds"),
                        sign=self.env._("negative")
                        if item.points < 0
                        else self.env._("positive"),
                    )
                )
            # sudo: the maximum counts every entry of the subject, seen or not
            total = sum(
                self.sudo()
                .search(
                    [
                        ("period_id", "=", line.period_id.id),
                        ("item_id", "=", item.id),
                        ("subject_id", "=", line.subject_id),
                        ("subject_type", "=", line.subject_type),
                        ("kind", "=", "manual"),
                        ("state", "!=", "refused"),
                    ]
                )
                .mapped("points")
            )
            if abs(total) > item.max_points + 1e-6:
                raise ValidationError(
                    self.env._(
                        "%(subject)s would have %(total)s points for %(item)s in "
                        "%(period)s, beyond the maximum of %(max)s points per period.",
                        subject=line.subject_name,
                        total=total,
                        item=item.name,
                        period=line.period_id.name,
                        max=item.max_points,
                    )
                )

    @api.constrains("item_id", "period_id", "member_id", "user_id", "subject_grid_id")
    def _check_subject(self):
        for line in self:
            if not line.subject_type:
                raise ValidationError(
                    self.env._("A ledger line needs a member, a worker or a grid.")
                )
            if line.item_id.scheme_id != line.period_id.scheme_id:
                raise ValidationError(
                    self.env._(
                        "The item %(item)s belongs to another scheme than the "
                        "period %(period)s.",
                        item=line.item_id.name,
                        period=line.period_id.name,
                    )
                )
            if line.subject_type != line.period_id.scheme_id.subject_type:
                raise ValidationError(
                    self.env._(
                        "The scheme %(scheme)s does not score this kind of subject.",
                        scheme=line.period_id.scheme_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            kind = vals.get("kind", "manual")
            if not self.env.su:
                if kind == "auto":
                    raise AccessError(
                        self.env._(
                            "Automatic lines are written by the computation only."
                        )
                    )
                # nobody enters points in another's name
                vals["author_id"] = self.env.uid
            vals.setdefault("author_id", self.env.uid)
            if kind == "manual":
                vals["state"] = "draft"
                for fname in ("approver_id", "date_approved"):
                    vals.pop(fname, None)
            elif kind == "correction" and not self.env.su:
                vals.update(
                    state="approved",
                    approver_id=self.env.uid,
                    date_approved=fields.Datetime.now(),
                )
        lines = super().create(vals_list)
        for line in lines:
            if line.kind == "manual" and line.period_id.state not in (
                "open",
                "computed",
            ):
                raise UserError(
                    self.env._(
                        "The period %(period)s is %(state)s: manual points can only "
                        "be entered while it is open or computed.",
                        period=line.period_id.name,
                        state=dict(
                            line.period_id._fields["state"]._description_selection(
                                self.env
                            )
                        )[line.period_id.state],
                    )
                )
            if line.kind == "correction" and line.period_id.state == "closed":
                raise UserError(
                    self.env._(
                        "The period %(period)s is closed: its points are final.",
                        period=line.period_id.name,
                    )
                )
            if line.kind != "auto" and not self.env.su:
                self.env.user._party_grid_check_covers(line.grid_id)
        return lines

    def write(self, vals):
        for line in self:
            if line.period_id.state in ("published", "closed"):
                raise UserError(
                    self.env._(
                        "The line %(line)s of the published period %(period)s cannot "
                        "be changed: enter a correction instead.",
                        line=line.item_id.name,
                        period=line.period_id.name,
                    )
                )
            if line.kind != "manual" and not self.env.su:
                raise UserError(
                    self.env._(
                        "Automatic lines and corrections are not edited: enter a "
                        "correction instead."
                    )
                )
            if not self.env.su and line.kind == "manual":
                # the approval is written by action_approve/action_refuse only
                allowed = DRAFT_FIELDS if line.state == "draft" else set()
                if set(vals) - allowed:
                    raise UserError(
                        self.env._(
                            "Only a manual entry waiting for approval can be changed."
                        )
                    )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_ledger(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Ledger lines are never deleted: refuse the entry or enter a "
                    "correction."
                )
            )
        if self.filtered(lambda line: line.period_id.state in ("published", "closed")):
            raise UserError(
                self.env._("Lines of a published period are never deleted.")
            )

    # ------------------------------------------------------------ approval
    def _check_can_approve(self):
        user = self.env.user
        for line in self:
            if line.kind != "manual" or line.state != "draft":
                raise UserError(
                    self.env._("Only manual entries waiting for approval are decided.")
                )
            if line.author_id == user and not self.env.su:
                raise UserError(
                    self.env._(
                        "You entered these points yourself: the level above you must "
                        "approve them."
                    )
                )
            if line.period_id.state not in ("open", "computed"):
                raise UserError(
                    self.env._(
                        "The period %(period)s is no longer open for manual entries.",
                        period=line.period_id.name,
                    )
                )
            if not self.env.su:
                if not user.has_group("party_grid.party_grid_group_head"):
                    raise AccessError(
                        self.env._("Only grid heads and above approve manual points.")
                    )
                # the next level: responsible for the grid above the subject's
                # (sudo: the parent grid may be outside what the user reads)
                above = line.grid_id.sudo().parent_id
                if not above or not user._party_grid_covers(above):
                    raise AccessError(
                        self.env._(
                            "Manual points are approved by the level above the "
                            "subject's grid: ask the head of %(grid)s.",
                            grid=readable_name(self.env, above or line.grid_id),
                        )
                    )

    def action_approve(self):
        return self._decide("approved")

    def action_refuse(self):
        return self._decide("refused")

    def _decide(self, state):
        self._check_can_approve()
        # sudo: the approval fields are written by this checked operation only
        self.sudo().write(
            {
                "state": state,
                "approver_id": self.env.uid,
                "date_approved": fields.Datetime.now(),
            }
        )
        return True

    def _create_correction(self, points, reason, origin=None):
        """A new line that corrects this one by ``points``."""
        self.ensure_one()
        if not reason:
            raise UserError(self.env._("A correction needs its reason."))
        return self.create(
            {
                "period_id": self.period_id.id,
                "item_id": self.item_id.id,
                "member_id": self.member_id.id,
                "user_id": self.user_id.id,
                "subject_grid_id": self.subject_grid_id.id,
                "grid_id": self.grid_id.id,
                "points": points,
                "max_points": 0.0,
                "lost_points": -points,
                "basis": reason,
                "origin": origin or f"{self._name}:{self.id}",
                "kind": "correction",
                "state": "approved",
                "approver_id": self.env.uid,
                "date_approved": fields.Datetime.now(),
                "correction_of_id": self.id,
            }
        )

    def action_correct(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.score.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }

    def action_object(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.score.objection",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }
