# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_ticket_category import HANDLING_TYPE_SELECTION

SOURCE_SELECTION = [
    ("visit", "Visit"),
    ("walk_in", "Walk-in at the Service Station"),
    ("phone", "Phone"),
    ("online", "Online"),
    ("assigned", "Assigned from Above"),
]
PRIORITY_SELECTION = [("0", "Normal"), ("1", "Urgent")]
DEADLINE_STATE_SELECTION = [
    ("normal", "On Time"),
    ("yellow", "Yellow Warning"),
    ("red", "Overdue"),
]
DEADLINE_RANK = {"normal": 0, "yellow": 1, "red": 2}
SATISFACTION_SELECTION = [
    ("satisfied", "Satisfied"),
    ("basic", "Basically Satisfied"),
    ("unsatisfied", "Unsatisfied"),
]
EXTENSION_STATE_SELECTION = [
    ("none", "None"),
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("refused", "Refused"),
]
CARD_SELECTION = [("none", "None"), ("yellow", "Yellow Card"), ("red", "Red Card")]
RESOLUTION_SCOPE_SELECTION = [
    ("self", "Self-closed"),
    ("transferred", "Transferred"),
]
# fields that a concluded ticket keeps unless it is reopened
KEY_FIELDS = {
    "title",
    "description",
    "grid_id",
    "category_id",
    "handling_type",
    "household_id",
    "partner_id",
    "resolution",
    "feedback",
    "reject_reason",
    "missing_documents",
    "resolved_grid_id",
    "resolved_level_id",
    "date_closed",
}
# fields that only the handling operations move
MOVE_FIELDS = {"grid_id", "user_id", "office_id"}
# stages reached only through an operation, never by dragging a card
OPERATION_STAGES = {"verify", "done", "closed", "rejected", "parked"}
OPEN_STAGES = ("new", "accepted", "in_progress", "verify")
# stages whose tickets are checked against their deadlines
DEADLINE_STAGES = ("new", "accepted", "in_progress")


class PartyTicket(models.Model):
    _name = "party.ticket"
    _description = "Service Ticket"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "priority desc, date_deadline, id desc"
    _rec_names_search = ["name", "title"]

    name = fields.Char(
        string="Reference", required=True, copy=False, readonly=True, default="/"
    )
    title = fields.Char(required=True, tracking=True)
    description = fields.Html()
    active = fields.Boolean(default=True)
    source = fields.Selection(
        SOURCE_SELECTION, required=True, default="walk_in", tracking=True
    )
    household_id = fields.Many2one("party.household", index=True, tracking=True)
    visit_ids = fields.One2many(
        "party.visit", "ticket_id", string="Visits", readonly=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Requester",
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    requester_phone = fields.Char(
        compute="_compute_requester_phone",
        store=True,
        readonly=False,
        precompute=True,
    )
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    level_id = fields.Many2one(
        related="grid_id.level_id", store=True, index=True, string="Grid Level"
    )
    origin_grid_id = fields.Many2one(
        "party.grid",
        string="Receiving Grid",
        index=True,
        readonly=True,
        ondelete="restrict",
        help="The grid that received the ticket from the requester; it verifies "
        "the result and gives the feedback.",
    )
    category_id = fields.Many2one(
        "party.ticket.category",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    handling_type = fields.Selection(
        HANDLING_TYPE_SELECTION,
        required=True,
        compute="_compute_handling_type",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    priority = fields.Selection(PRIORITY_SELECTION, default="0", tracking=True)
    is_emergency = fields.Boolean(string="Emergency", tracking=True)
    user_id = fields.Many2one(
        "res.users", string="Assignee", index=True, tracking=True, copy=False
    )
    office_id = fields.Many2one(
        "party.ticket.office",
        string="Joint Office",
        index="btree_not_null",
        tracking=True,
        copy=False,
    )
    stage_id = fields.Many2one(
        "party.ticket.stage",
        index=True,
        tracking=True,
        copy=False,
        ondelete="restrict",
        default=lambda self: self._get_stage("new"),
        group_expand="_read_group_stage_ids",
    )
    stage_code = fields.Selection(related="stage_id.code", store=True, index=True)
    is_closed = fields.Boolean(
        related="stage_id.is_closed", store=True, string="Concluded"
    )
    color = fields.Integer(compute="_compute_color")
    # dates and deadlines
    date_received = fields.Datetime(
        required=True, default=fields.Datetime.now, readonly=True, copy=False
    )
    date_assigned = fields.Datetime(
        string="Arrived at Handler",
        readonly=True,
        copy=False,
        help="When the ticket last arrived at its current grid, person or office.",
    )
    date_accepted = fields.Datetime(string="First Accepted", readonly=True, copy=False)
    date_accept_warning = fields.Datetime(
        string="Accept: Yellow At", readonly=True, copy=False
    )
    date_accept_deadline = fields.Datetime(
        string="Accept By", readonly=True, copy=False
    )
    date_warning = fields.Datetime(
        string="Finish: Yellow At", readonly=True, copy=False
    )
    date_deadline = fields.Datetime(
        string="Finish By", readonly=True, copy=False, tracking=True
    )
    deadline_state = fields.Selection(
        DEADLINE_STATE_SELECTION,
        default="normal",
        required=True,
        readonly=True,
        copy=False,
        help="Set by the scheduled deadline check; reset when the ticket moves.",
    )
    reminder_state = fields.Selection(
        DEADLINE_STATE_SELECTION,
        default="normal",
        required=True,
        readonly=True,
        copy=False,
        help="The deadline state for which reminders were last given.",
    )
    date_closed = fields.Datetime(string="Concluded On", readonly=True, copy=False)
    closed_on_time = fields.Boolean(
        compute="_compute_closed_on_time", store=True, string="Concluded on Time"
    )
    # outcome
    resolution = fields.Text(tracking=True, copy=False)
    feedback = fields.Text(string="Feedback to Requester", tracking=True, copy=False)
    feedback_date = fields.Datetime(readonly=True, copy=False)
    missing_documents = fields.Text(
        help="The complete list of missing documents, told to the requester once."
    )
    reject_reason = fields.Text(
        string="Why It Cannot Be Done", tracking=True, copy=False
    )
    park_reason = fields.Text(tracking=True, copy=False)
    resolved_grid_id = fields.Many2one(
        "party.grid", readonly=True, index=True, copy=False
    )
    resolved_level_id = fields.Many2one(
        "party.grid.level",
        string="Resolved at Level",
        readonly=True,
        index=True,
        copy=False,
    )
    resolution_scope = fields.Selection(
        RESOLUTION_SCOPE_SELECTION,
        compute="_compute_resolution_scope",
        store=True,
        string="Self-closed or Transferred",
    )
    is_verified = fields.Boolean(string="Verified", readonly=True, copy=False)
    verified_user_id = fields.Many2one(
        "res.users", string="Verified By", readonly=True, copy=False
    )
    satisfaction = fields.Selection(
        SATISFACTION_SELECTION, readonly=True, copy=False, tracking=True
    )
    satisfaction_comment = fields.Text(readonly=True, copy=False)
    date_return_visit = fields.Datetime(readonly=True, copy=False)
    reopen_count = fields.Integer(readonly=True, copy=False)
    extension_state = fields.Selection(
        EXTENSION_STATE_SELECTION,
        default="none",
        required=True,
        readonly=True,
        copy=False,
    )
    extension_deadline = fields.Datetime(
        string="Requested Deadline", readonly=True, copy=False
    )
    extension_count = fields.Integer(readonly=True, copy=False)
    supervision_card = fields.Selection(
        CARD_SELECTION, default="none", required=True, readonly=True, copy=False
    )
    merged_into_id = fields.Many2one(
        "party.ticket", readonly=True, index="btree_not_null", copy=False
    )
    log_ids = fields.One2many("party.ticket.log", "ticket_id", string="Handling Log")

    # ------------------------------------------------------------------ defaults

    @api.model
    def _get_stage(self, code):
        return (
            self.env["party.ticket.stage"].sudo().search([("code", "=", code)], limit=1)
        ).sudo(False)

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        return stages.search([("code", "!=", False)], order=stages._order)

    # ------------------------------------------------------------------ computes

    @api.depends("household_id")
    def _compute_partner_id(self):
        for ticket in self:
            if ticket.household_id.partner_id:
                ticket.partner_id = ticket.household_id.partner_id

    @api.depends("partner_id")
    def _compute_requester_phone(self):
        for ticket in self:
            phone = ticket.partner_id.mobile or ticket.partner_id.phone
            if phone:
                ticket.requester_phone = phone

    @api.depends("category_id")
    def _compute_handling_type(self):
        for ticket in self:
            ticket.handling_type = (
                ticket.category_id.default_handling_type
                or ticket.handling_type
                or "promised"
            )

    @api.depends("deadline_state")
    def _compute_color(self):
        colors = {"normal": 0, "yellow": 3, "red": 1}
        for ticket in self:
            ticket.color = colors[ticket.deadline_state or "normal"]

    @api.depends("date_closed", "date_deadline")
    def _compute_closed_on_time(self):
        for ticket in self:
            ticket.closed_on_time = bool(
                ticket.date_closed
                and (
                    not ticket.date_deadline
                    or ticket.date_closed <= ticket.date_deadline
                )
            )

    @api.depends("resolved_grid_id", "origin_grid_id")
    def _compute_resolution_scope(self):
        for ticket in self:
            if not ticket.resolved_grid_id:
                ticket.resolution_scope = False
            elif ticket.resolved_grid_id == ticket.origin_grid_id:
                ticket.resolution_scope = "self"
            else:
                ticket.resolution_scope = "transferred"

    # ------------------------------------------------------------------ constraints

    @api.constrains("handling_type", "missing_documents")
    def _check_missing_documents(self):
        for ticket in self:
            if (
                ticket.handling_type == "missing"
                and not (ticket.missing_documents or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s waits for missing documents: list all of "
                        "them, so that the requester is told once and in full.",
                        ticket=ticket.name,
                    )
                )

    @api.constrains("stage_id", "resolution", "feedback", "reject_reason")
    def _check_outcome(self):
        for ticket in self:
            code = ticket.stage_code
            if code == "rejected" and not (
                (ticket.reject_reason or "").strip() and (ticket.feedback or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Ticket %(ticket)s cannot be done: give the reason and how "
                        "it was told to the requester.",
                        ticket=ticket.name,
                    )
                )
            if code in ("done", "closed") and not ticket.merged_into_id:
                if not (
                    (ticket.resolution or "").strip()
                    and (ticket.feedback or "").strip()
                ):
                    raise ValidationError(
                        self.env._(
                            "Ticket %(ticket)s cannot be closed without a resolution "
                            "and the feedback given to the requester.",
                            ticket=ticket.name,
                        )
                    )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        now = fields.Datetime.now()
        grids = (
            self.env["party.grid"]
            .sudo()
            .browse({vals["grid_id"] for vals in vals_list if vals.get("grid_id")})
        )
        grids.fetch(["level_id"])
        categories = (
            self.env["party.ticket.category"]
            .sudo()
            .browse(
                {vals["category_id"] for vals in vals_list if vals.get("category_id")}
            )
        )
        categories.fetch(["default_handling_type"])
        limits = self.env["party.ticket.time.limit"]._get_limits()
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("party.ticket") or "/"
            vals.setdefault("origin_grid_id", vals.get("grid_id"))
            vals.setdefault("date_received", now)
            vals.setdefault("date_assigned", vals["date_received"])
            if vals.get("user_id"):
                vals.setdefault("date_accepted", vals["date_received"])
            handling_type = vals.get("handling_type")
            if not handling_type and vals.get("category_id"):
                handling_type = categories.browse(
                    vals["category_id"]
                ).default_handling_type
            grid = grids.browse(vals.get("grid_id"))
            deadlines = self.env["party.ticket.time.limit"]._deadlines(
                handling_type or "promised",
                grid.level_id,
                fields.Datetime.to_datetime(vals["date_received"]),
                limits,
            )
            for fname, value in deadlines.items():
                vals.setdefault(fname, value)
        tickets = super().create(vals_list)
        self.env["party.ticket.log"].with_context(party_ticket_operation=True).create(
            [
                {
                    "ticket_id": ticket.id,
                    "operation": "create",
                    "date": ticket.date_received,
                    "to_grid_id": ticket.grid_id.id,
                    "to_user_id": ticket.user_id.id,
                    "to_stage_id": ticket.stage_id.id,
                }
                for ticket in tickets
            ]
        )
        return tickets

    def write(self, vals):
        operation = self.env.context.get("party_ticket_operation")
        if not operation and not self.env.su:
            if MOVE_FIELDS & set(vals) and any(
                ticket[fname].id != (vals[fname] or False)
                for ticket in self
                for fname in MOVE_FIELDS & set(vals)
            ):
                raise UserError(
                    self.env._(
                        "The grid, the assignee and the office of a ticket change "
                        "through its buttons (claim, assign down, report upward, "
                        "hand to an office), which log each move."
                    )
                )
            if "stage_id" in vals:
                stage = self.env["party.ticket.stage"].browse(vals["stage_id"])
                if stage.code in OPERATION_STAGES or any(
                    ticket.stage_code in OPERATION_STAGES for ticket in self
                ):
                    raise UserError(
                        self.env._(
                            "Tickets are verified, closed, rejected or parked with "
                            "their buttons, which ask for what the outcome needs."
                        )
                    )
            if KEY_FIELDS & set(vals) and any(ticket.is_closed for ticket in self):
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is concluded: reopen it before changing "
                        "its content, grid, category, handling type or outcome.",
                        ticket=self.filtered("is_closed")[0].name,
                    )
                )
        return super().write(vals)

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            vals.pop("origin_grid_id", None)
        return vals_list

    # ------------------------------------------------------------------ helpers

    def _covers(self, grid, user=None):
        """Whether ``user`` (default: the current user) works on ``grid``: the
        grid is in the subtree of one of their grids, or they are county
        leaders (or the superuser)."""
        user = user or self.env.user
        if not grid:
            return False
        if (user == self.env.user and self.env.su) or user.has_group(
            "party_grid.party_grid_group_county"
        ):
            return True
        path = grid.sudo().parent_path or ""
        # sudo: reading the user's own scope, which feeds the record rules
        return any(
            path.startswith(scope.parent_path)
            for scope in user.sudo().party_grid_scope_ids
        )

    @api.model
    def _works_within(self, user, grid, top):
        """Whether ``user`` works on ``grid`` through a grid of the subtree of
        ``top`` (a person one may assign a ticket of ``top`` down to)."""
        top_path = top.sudo().parent_path
        path = grid.sudo().parent_path
        return any(
            scope.parent_path.startswith(top_path)
            and path.startswith(scope.parent_path)
            for scope in user.sudo().party_grid_scope_ids
        )

    def _check_covers(self, grid, what):
        if not self._covers(grid):
            raise UserError(
                self.env._(
                    "You cannot %(what)s ticket %(ticket)s: grid “%(grid)s” is not "
                    "among the grids you work on.",
                    what=what,
                    ticket=self.name,
                    grid=grid.sudo().complete_name,
                )
            )

    def _check_open(self):
        for ticket in self:
            if ticket.is_closed or ticket.stage_code == "parked":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is %(stage)s: this operation needs an "
                        "open ticket.",
                        ticket=ticket.name,
                        stage=ticket.stage_id.name,
                    )
                )

    @staticmethod
    def _require(text, message):
        if not (text or "").strip():
            raise UserError(message)
        return text.strip()

    def _operation_label(self, operation):
        labels = dict(
            self.env["party.ticket.log"]
            ._fields["operation"]
            ._description_selection(self.env)
        )
        return labels[operation]

    def _apply(self, operation, vals=None, reason=None, moved=False):
        """Write the handling log line of ``operation`` (from the ticket's
        current grid/user/office/stage to those in ``vals``), post it in the
        chatter, then apply ``vals``. A move resets the deadlines from now."""
        self.ensure_one()
        vals = dict(vals or {})
        Grid = self.env["party.grid"]
        new_grid = Grid.browse(vals["grid_id"]) if "grid_id" in vals else self.grid_id
        new_user = (
            self.env["res.users"].browse(vals["user_id"])
            if "user_id" in vals
            else self.user_id
        )
        new_office = (
            self.env["party.ticket.office"].browse(vals["office_id"])
            if "office_id" in vals
            else self.office_id
        )
        new_stage = (
            self.env["party.ticket.stage"].browse(vals["stage_id"])
            if "stage_id" in vals
            else self.stage_id
        )
        now = fields.Datetime.now()
        log = (
            self.env["party.ticket.log"]
            .with_context(party_ticket_operation=True)
            .create(
                {
                    "ticket_id": self.id,
                    "operation": operation,
                    "date": now,
                    "from_grid_id": self.grid_id.id,
                    "to_grid_id": new_grid.id,
                    "from_user_id": self.user_id.id,
                    "to_user_id": new_user.id,
                    "from_office_id": self.office_id.id,
                    "to_office_id": new_office.id,
                    "from_stage_id": self.stage_id.id,
                    "to_stage_id": new_stage.id,
                    "reason": reason,
                }
            )
        )
        self._post_log(log)
        if moved:
            vals["date_assigned"] = now
            vals["deadline_state"] = "normal"
            vals["reminder_state"] = "normal"
            vals.update(
                self.env["party.ticket.time.limit"]._deadlines(
                    vals.get("handling_type", self.handling_type),
                    new_grid.sudo().level_id,
                    now,
                )
            )
            if self.extension_state == "requested":
                vals["extension_state"] = "none"
        self.with_context(party_ticket_operation=operation).write(vals)
        return log

    def _post_log(self, log):
        self.ensure_one()
        parts = []
        for label, old, new in (
            (self.env._("Grid"), log.from_grid_id, log.to_grid_id),
            (self.env._("Assignee"), log.from_user_id, log.to_user_id),
            (self.env._("Office"), log.from_office_id, log.to_office_id),
            (self.env._("Stage"), log.from_stage_id, log.to_stage_id),
        ):
            if old != new:
                parts.append(
                    Markup("%s: %s → %s")
                    % (
                        label,
                        old.sudo().display_name or "-",
                        new.sudo().display_name or "-",
                    )
                )
        body = Markup("<b>%s</b>") % self._operation_label(log.operation)
        if parts:
            body += Markup("<br/>") + Markup("<br/>").join(parts)
        if log.reason:
            body += Markup("<br/>%s %s") % (self.env._("Why:"), log.reason)
        self.message_post(  # pylint: disable=no-member
            body=body, subtype_xmlid="mail.mt_note"
        )

    def _notify_user(self, user, summary):
        if user:
            self.activity_schedule(  # pylint: disable=no-member
                "party_grid.mail_activity_type_ticket_handling",
                summary=summary,
                user_id=user.id,
            )

    # ------------------------------------------------------------------ operations

    def action_claim(self):
        """认领: take an unassigned ticket of a grid one works on. Two users
        claiming at once: the conditional UPDATE lets exactly one win."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("claim"))
        self.check_access("write")
        if self.user_id:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s has already been claimed by %(user)s.",
                    ticket=self.name,
                    user=self.user_id.sudo().name,
                )
            )
        self.env.cr.execute(
            SQL(
                "UPDATE party_ticket SET user_id = %s, write_uid = %s, "
                "write_date = (now() at time zone 'UTC') "
                "WHERE id = %s AND user_id IS NULL RETURNING id",
                self.env.uid,
                self.env.uid,
                self.id,
            )
        )
        won = self.env.cr.fetchone()
        self.invalidate_recordset(["user_id", "write_uid", "write_date"])
        if not won:
            raise UserError(
                self.env._(
                    "Someone else has just claimed ticket %(ticket)s (%(user)s); "
                    "reload the board.",
                    ticket=self.name,
                    user=self.sudo().user_id.name,
                )
            )
        # log the claim as a move from nobody to the claimant
        self.env.cache.update(self, self._fields["user_id"], [False])
        vals = {"user_id": self.env.uid}
        if self.stage_code == "new":
            vals["stage_id"] = self._get_stage("accepted").id
        if not self.date_accepted:
            vals["date_accepted"] = fields.Datetime.now()
        self._apply("claim", vals)
        return True

    def action_start(self):
        self.ensure_one()
        self._check_open()
        if self.user_id != self.env.user:
            self._check_covers(self.grid_id, self.env._("start handling"))
        self._apply("start", {"stage_id": self._get_stage("in_progress").id})
        return True

    def _op_assign(self, grid, user, reason=None):
        """交办: hand the ticket down to a grid of its subtree and/or a person
        who works there."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("assign"))
        grid = grid or self.grid_id
        if not grid.sudo().parent_path.startswith(self.grid_id.sudo().parent_path):
            raise UserError(
                self.env._(
                    "Grid “%(grid)s” is not within grid “%(current)s”: tickets are "
                    "assigned down only.",
                    grid=grid.sudo().complete_name,
                    current=self.grid_id.sudo().complete_name,
                )
            )
        if user and not self._works_within(user, grid, self.grid_id):
            raise UserError(
                self.env._(
                    "%(user)s does not work on grid “%(grid)s” or above it within "
                    "this ticket's subtree: assign the ticket to someone of the "
                    "subtree.",
                    user=user.name,
                    grid=grid.sudo().complete_name,
                )
            )
        if grid == self.grid_id and user == self.user_id:
            raise UserError(
                self.env._("Choose another grid or another person to assign to.")
            )
        vals = {
            "grid_id": grid.id,
            "user_id": user.id,
            "stage_id": self._get_stage("accepted" if user else "new").id,
        }
        if user and not self.date_accepted:
            vals["date_accepted"] = fields.Datetime.now()
        self._apply("assign", vals, reason, moved=True)
        if user and user != self.env.user:
            self._notify_user(
                user,
                self.env._("Ticket assigned to you: %(title)s", title=self.title),
            )
        return True

    def _op_report(self, grid=None, reason=None):
        """上报: move the ticket to the parent grid (or, where the category
        allows it, further up)."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("report"))
        parent = self.grid_id.sudo().parent_id
        if not parent:
            raise UserError(
                self.env._(
                    "Grid “%(grid)s” is the top of the grid tree: there is no "
                    "higher level to report ticket %(ticket)s to.",
                    grid=self.grid_id.sudo().complete_name,
                    ticket=self.name,
                )
            )
        grid = (grid or parent).sudo()
        if grid != parent:
            ancestors = self.grid_id.sudo().parent_path.split("/")
            if str(grid.id) not in ancestors or grid == self.grid_id.sudo():
                raise UserError(
                    self.env._(
                        "Grid “%(grid)s” is not above grid “%(current)s”.",
                        grid=grid.complete_name,
                        current=self.grid_id.sudo().complete_name,
                    )
                )
            if not self.category_id.allow_skip_level:
                raise UserError(
                    self.env._(
                        "Tickets of category “%(category)s” are reported level by "
                        "level: report to “%(parent)s” first.",
                        category=self.category_id.name or self.env._("none"),
                        parent=parent.complete_name,
                    )
                )
        reason = self._require(
            reason, self.env._("Say why the ticket is reported upward.")
        )
        vals = {
            "grid_id": grid.id,
            "user_id": False,
            "stage_id": self._get_stage("new").id,
        }
        if self.handling_type in ("immediate", "promised"):
            vals["handling_type"] = "report"
        self._apply("report", vals, reason, moved=True)
        head = grid.head_id
        if head:
            self._notify_user(
                head,
                self.env._("Ticket reported to your grid: %(title)s", title=self.title),
            )
        return True

    def _op_office(self, office, reason=None):
        """联办: hand the ticket to a named office for joint handling."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("hand to an office"))
        if not self.env.user.has_group("party_grid.party_grid_group_head"):
            raise UserError(
                self.env._("Only grid heads and above hand tickets to an office.")
            )
        if not office:
            raise UserError(self.env._("Choose the office."))
        if office == self.office_id:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is already with %(office)s.",
                    ticket=self.name,
                    office=office.name,
                )
            )
        vals = {
            "office_id": office.id,
            "handling_type": "joint",
            "stage_id": self._get_stage("in_progress").id,
        }
        self._apply("office", vals, reason, moved=True)
        for user in office.sudo().user_ids:
            self._notify_user(
                user,
                self.env._("Ticket for joint handling: %(title)s", title=self.title),
            )
        return True

    def _op_office_return(self, reason=None):
        """The office gives the ticket back, with what it did."""
        self.ensure_one()
        self._check_open()
        office = self.office_id
        if not office:
            raise UserError(
                self.env._("Ticket %(ticket)s is with no office.", ticket=self.name)
            )
        if self.env.user not in office.sudo().user_ids and not self._covers(
            self.grid_id
        ):
            raise UserError(
                self.env._(
                    "Only users of %(office)s or of the ticket's grid give the "
                    "ticket back.",
                    office=office.name,
                )
            )
        reason = self._require(
            reason, self.env._("Say what the office did before giving it back.")
        )
        # remind first: once returned, the office no longer sees the ticket
        self._notify_user(
            self.user_id or self.grid_id.sudo().head_id,
            self.env._("Ticket returned by %(office)s", office=office.name),
        )
        self._apply(
            "office_return",
            {"office_id": False, "stage_id": self._get_stage("in_progress").id},
            reason,
            moved=True,
        )
        return True

    def _op_send_back(self, reason=None):
        """回退: back to the lower level it came from or, when waiting for
        verification, back to handling."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("send back"))
        reason = self._require(reason, self.env._("Say why the ticket is sent back."))
        if self.stage_code == "verify":
            if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
                self._check_covers(self.origin_grid_id, self.env._("send back"))
            vals = {
                "stage_id": self._get_stage("in_progress").id,
                "is_verified": False,
                "resolved_grid_id": False,
                "resolved_level_id": False,
            }
            self._apply("send_back", vals, reason)
            return True
        arrival = self.env["party.ticket.log"].search(
            [
                ("ticket_id", "=", self.id),
                ("operation", "in", ("report", "assign")),
                ("to_grid_id", "=", self.grid_id.id),
                ("from_grid_id", "!=", self.grid_id.id),
            ],
            order="date desc, id desc",
            limit=1,
        )
        if not arrival:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s was received at grid “%(grid)s”: there is "
                    "no lower level to send it back to.",
                    ticket=self.name,
                    grid=self.grid_id.sudo().complete_name,
                )
            )
        user = arrival.from_user_id
        vals = {
            "grid_id": arrival.from_grid_id.id,
            "user_id": user.id,
            "stage_id": self._get_stage("in_progress" if user else "new").id,
        }
        self._apply("send_back", vals, reason, moved=True)
        self._notify_user(
            user or arrival.from_grid_id.sudo().head_id,
            self.env._("Ticket sent back: %(title)s", title=self.title),
        )
        return True

    def _check_next_level(self, what):
        """Operations of the next level up (approve an extension, supervise)."""
        parent = self.grid_id.sudo().parent_id
        if self.env.su or self.env.user.has_group("party_grid.party_grid_group_county"):
            return
        if not parent or not self._covers(parent):
            raise UserError(
                self.env._(
                    "Only the level above grid “%(grid)s” can %(what)s ticket "
                    "%(ticket)s.",
                    grid=self.grid_id.sudo().complete_name,
                    what=what,
                    ticket=self.name,
                )
            )

    def _op_extend_request(self, deadline, reason=None):
        """延期: ask the next level for a later deadline."""
        self.ensure_one()
        self._check_open()
        if self.user_id != self.env.user:
            self._check_covers(self.grid_id, self.env._("extend"))
        reason = self._require(
            reason, self.env._("Say why the deadline must be extended.")
        )
        if not deadline or (self.date_deadline and deadline <= self.date_deadline):
            raise UserError(
                self.env._("The new deadline must be later than the current one.")
            )
        if self.extension_state == "requested":
            raise UserError(
                self.env._("An extension of this ticket is already waiting.")
            )
        self._apply(
            "extend_request",
            {"extension_state": "requested", "extension_deadline": deadline},
            reason,
        )
        self._notify_user(
            self.grid_id.sudo().parent_id.head_id,
            self.env._("Extension to approve: %(title)s", title=self.title),
        )
        return True

    def action_extend_approve(self):
        self.ensure_one()
        if self.extension_state != "requested":
            raise UserError(self.env._("No extension of this ticket is waiting."))
        self._check_next_level(self.env._("approve the extension of"))
        self._apply(
            "extend_approve",
            {
                "extension_state": "approved",
                "date_deadline": self.extension_deadline,
                "date_warning": False,
                "extension_count": self.extension_count + 1,
                "deadline_state": "normal",
                "reminder_state": "normal",
            },
        )
        return True

    def _op_extend_refuse(self, reason=None):
        self.ensure_one()
        if self.extension_state != "requested":
            raise UserError(self.env._("No extension of this ticket is waiting."))
        self._check_next_level(self.env._("refuse the extension of"))
        reason = self._require(reason, self.env._("Say why the extension is refused."))
        self._apply("extend_refuse", {"extension_state": "refused"}, reason)
        return True

    def _op_supervise(self, card, reason=None):
        """督办: a higher level shows a yellow or red card."""
        self.ensure_one()
        self._check_open()
        self._check_next_level(self.env._("supervise"))
        if card not in ("yellow", "red"):
            raise UserError(self.env._("Choose a yellow or a red card."))
        reason = self._require(reason, self.env._("Say what is being supervised."))
        self._apply("supervise", {"supervision_card": card}, reason)
        self._notify_user(
            self.user_id or self.grid_id.sudo().head_id,
            self.env._("Supervised ticket: %(title)s", title=self.title),
        )
        return True

    def action_mark_urgent(self):
        """加急."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("mark urgent"))
        if self.priority == "1":
            raise UserError(self.env._("This ticket is already urgent."))
        self._apply("urgent", {"priority": "1"})
        return True

    def _op_park(self, reason=None):
        """挂账: park what cannot be solved now."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("park"))
        if not self.env.user.has_group("party_grid.party_grid_group_head"):
            raise UserError(self.env._("Only grid heads and above park tickets."))
        reason = self._require(reason, self.env._("Say why the ticket is parked."))
        self._apply(
            "park",
            {"stage_id": self._get_stage("parked").id, "park_reason": reason},
            reason,
        )
        return True

    def action_resume(self):
        self.ensure_one()
        if self.stage_code != "parked":
            raise UserError(self.env._("Only parked tickets are resumed."))
        self._check_covers(self.grid_id, self.env._("resume"))
        self._apply(
            "resume", {"stage_id": self._get_stage("in_progress").id}, moved=True
        )
        return True

    def _op_merge(self, original, reason=None):
        """Merge this duplicate into ``original``."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("merge"))
        if not original or original == self or original.merged_into_id:
            raise UserError(
                self.env._("Choose another ticket, not merged itself, as the original.")
            )
        original.check_access("write")
        reason = reason or self.env._("Duplicate of %(ticket)s", ticket=original.name)
        self._apply(
            "merge",
            {
                "merged_into_id": original.id,
                "stage_id": self._get_stage("closed").id,
                "date_closed": fields.Datetime.now(),
                "active": False,
            },
            reason,
        )
        original._apply(
            "merge",
            {},
            self.env._(
                "Ticket %(ticket)s (%(title)s) merged into this one.",
                ticket=self.name,
                title=self.title,
            ),
        )
        if self.partner_id and self.partner_id not in original.message_partner_ids:
            original.message_subscribe(partner_ids=self.partner_id.ids)
        return True

    def _op_submit(self, resolution):
        """办结: the handling level records the result, which the receiving
        level verifies. The ticket counts as resolved at this level."""
        self.ensure_one()
        self._check_open()
        if self.stage_code == "verify":
            raise UserError(
                self.env._("The result is already waiting for verification.")
            )
        if self.office_id:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is still with %(office)s.",
                    ticket=self.name,
                    office=self.office_id.name,
                )
            )
        if self.user_id != self.env.user:
            self._check_covers(self.grid_id, self.env._("submit the result of"))
        resolution = self._require(
            resolution, self.env._("Describe how the matter was resolved.")
        )
        grid = self.grid_id.sudo()
        self._apply(
            "submit",
            {
                "stage_id": self._get_stage("verify").id,
                "resolution": resolution,
                "resolved_grid_id": grid.id,
                "resolved_level_id": grid.level_id.id,
            },
            resolution,
        )
        return True

    def action_verify(self):
        """核查: the receiving level checks the result on the spot."""
        self.ensure_one()
        if self.stage_code != "verify":
            raise UserError(self.env._("Only a submitted result can be verified."))
        self._check_covers(self.origin_grid_id, self.env._("verify"))
        self._apply("verify", {"is_verified": True, "verified_user_id": self.env.uid})
        return True

    def _op_close(self, resolution, feedback):
        """结案: close with the resolution and the feedback given to the
        requester; the return visit follows."""
        self.ensure_one()
        if self.stage_code != "verify" or not self.is_verified:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s must be verified by the receiving level "
                    "before it is closed.",
                    ticket=self.name,
                )
            )
        if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
            self._check_covers(self.origin_grid_id, self.env._("close"))
        resolution = self._require(
            resolution or self.resolution,
            self.env._("A ticket cannot be closed without its resolution."),
        )
        feedback = self._require(
            feedback,
            self.env._(
                "Say what feedback was given to the requester: a ticket cannot "
                "be closed without it."
            ),
        )
        now = fields.Datetime.now()
        self._apply(
            "close",
            {
                "stage_id": self._get_stage("done").id,
                "resolution": resolution,
                "feedback": feedback,
                "feedback_date": now,
                "date_closed": now,
            },
            feedback,
        )
        return True

    def _op_reject(self, reason, feedback):
        """不予办理: with the reason, told to the requester."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("reject"))
        reason = self._require(
            reason,
            self.env._(
                "Say why the matter cannot be done: the requester must be told "
                "the reason."
            ),
        )
        feedback = self._require(
            feedback,
            self.env._("Say how the reason was told to the requester."),
        )
        now = fields.Datetime.now()
        grid = self.grid_id.sudo()
        self._apply(
            "reject",
            {
                "stage_id": self._get_stage("rejected").id,
                "handling_type": "reject",
                "reject_reason": reason,
                "feedback": feedback,
                "feedback_date": now,
                "date_closed": now,
                "resolved_grid_id": grid.id,
                "resolved_level_id": grid.level_id.id,
            },
            reason,
        )
        return True

    def _op_return_visit(self, satisfaction, comment=None):
        """回访: the requester's satisfaction closes the ticket."""
        self.ensure_one()
        if self.stage_code != "done":
            raise UserError(
                self.env._("Only closed tickets awaiting a return visit get one.")
            )
        if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
            self._check_covers(self.origin_grid_id, self.env._("return-visit"))
        if satisfaction not in dict(SATISFACTION_SELECTION):
            raise UserError(self.env._("Record the requester's satisfaction."))
        self._apply(
            "return_visit",
            {
                "stage_id": self._get_stage("closed").id,
                "satisfaction": satisfaction,
                "satisfaction_comment": comment,
                "date_return_visit": fields.Datetime.now(),
            },
            comment,
        )
        return True

    def _op_reopen(self, reason):
        """返工: the requester says the fix did not hold."""
        self.ensure_one()
        if self.stage_code not in ("done", "closed") or self.merged_into_id:
            raise UserError(self.env._("Only closed tickets are reopened."))
        if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
            self._check_covers(self.grid_id, self.env._("reopen"))
        reason = self._require(reason, self.env._("Say why the ticket is reopened."))
        self._apply(
            "reopen",
            {
                "stage_id": self._get_stage("in_progress").id,
                "reopen_count": self.reopen_count + 1,
                "is_verified": False,
                "verified_user_id": False,
                "resolved_grid_id": False,
                "resolved_level_id": False,
                "date_closed": False,
                "satisfaction": False,
                "satisfaction_comment": False,
            },
            reason,
            moved=True,
        )
        return True

    def action_open_wizard(self):
        """Open the operation wizard for the operation in the context."""
        self.ensure_one()
        operation = self.env.context.get("party_ticket_wizard_operation")
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_grid.party_ticket_wizard_action"
        )
        action["name"] = self._operation_label(operation)
        action["context"] = {
            "default_ticket_id": self.id,
            "default_operation": operation,
            "default_resolution": self.resolution,
        }
        return action

    def action_view_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_grid.party_ticket_log_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ deadlines

    @api.model
    def _deadline_check_domain(self, now):
        """Open tickets whose deadline state must go up at ``now``."""
        unclaimed = ["&", ("stage_code", "=", "new")]
        to_red = [
            ("deadline_state", "!=", "red"),
            "|",
            ("date_deadline", "<=", now),
            *unclaimed,
            ("date_accept_deadline", "<=", now),
        ]
        to_yellow = [
            ("deadline_state", "=", "normal"),
            "|",
            ("date_warning", "<=", now),
            *unclaimed,
            ("date_accept_warning", "<=", now),
        ]
        return [
            ("stage_code", "in", DEADLINE_STAGES),
            "|",
            "&",
            *to_red,
            "&",
            *to_yellow,
        ]

    def _deadline_state_at(self, now):
        self.ensure_one()
        reds = [self.date_deadline]
        yellows = [self.date_warning]
        if self.stage_code == "new":
            reds.append(self.date_accept_deadline)
            yellows.append(self.date_accept_warning)
        if any(date and date <= now for date in reds):
            return "red"
        if any(date and date <= now for date in yellows):
            return "yellow"
        return "normal"

    @api.model
    def _cron_check_deadlines(self, batch_size=1000):
        """Flag tickets yellow or red, and give the assignee (or the grid
        head) and the next level's head one reminder per state. One batch per
        call; ir.cron calls again while ``_notify_progress`` reports work
        left, committing between batches."""
        now = fields.Datetime.now()
        domain = self._deadline_check_domain(now)
        total = self.search_count(domain)
        tickets = self.search(domain, limit=batch_size, order="id")
        tickets._check_deadlines(now)
        self.env["ir.cron"]._notify_progress(
            done=len(tickets), remaining=max(total - len(tickets), 0)
        )
        return len(tickets)

    def _check_deadlines(self, now):
        if not self:
            return
        self.fetch(
            [
                "stage_code",
                "deadline_state",
                "reminder_state",
                "date_deadline",
                "date_warning",
                "date_accept_deadline",
                "date_accept_warning",
                "grid_id",
                "user_id",
                "title",
                "name",
            ]
        )
        self.grid_id.fetch(["head_id", "parent_id"])
        self.grid_id.parent_id.fetch(["head_id"])
        activity_type = self.env.ref("party_grid.mail_activity_type_ticket_deadline")
        # reminders already open, so that none is given twice
        existing = {
            (res_id, user.id)
            for res_id, user in self.env["mail.activity"]._read_group(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id", "user_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        by_state = {"yellow": [], "red": []}
        activities = []
        today = fields.Date.context_today(self)
        labels = dict(self._fields["deadline_state"]._description_selection(self.env))
        for ticket in self:
            state = ticket._deadline_state_at(now)
            if DEADLINE_RANK[state] <= DEADLINE_RANK[ticket.deadline_state]:
                continue
            by_state[state].append(ticket.id)
            if DEADLINE_RANK[state] <= DEADLINE_RANK[ticket.reminder_state]:
                continue
            users = ticket.user_id or ticket.grid_id.head_id
            users |= ticket.grid_id.parent_id.head_id
            summary = self.env._(
                "%(state)s: %(ticket)s %(title)s",
                state=labels[state],
                ticket=ticket.name,
                title=ticket.title,
            )
            for user in users:
                if (ticket.id, user.id) in existing and state == "yellow":
                    # an open reminder already tells this user
                    continue
                activities.append(
                    {
                        "res_model_id": model_id,
                        "res_id": ticket.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "summary": summary,
                        "date_deadline": today,
                        "automated": True,
                    }
                )
        for state, ids in by_state.items():
            if ids:
                self.browse(ids).with_context(party_ticket_operation="deadline").write(
                    {"deadline_state": state, "reminder_state": state}
                )
        if activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activities)
