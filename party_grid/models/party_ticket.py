# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

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
TITLE_MAX_LENGTH = 200
# fields that only the handling operations set, never a client
PROTECTED_FIELDS = {
    "name",
    "active",
    "origin_grid_id",
    "date_received",
    "date_assigned",
    "date_accepted",
    "date_accept_warning",
    "date_accept_deadline",
    "date_warning",
    "date_deadline",
    "deadline_state",
    "reminder_state",
    "date_closed",
    "feedback_date",
    "park_reason",
    "date_parked",
    "date_waiting",
    "paused_hours",
    "accept_paused_hours",
    "calendar_id",
    "deadline_limit",
    "resolved_grid_id",
    "resolved_level_id",
    "is_verified",
    "verified_user_id",
    "satisfaction",
    "satisfaction_comment",
    "date_return_visit",
    "reopen_count",
    "extension_state",
    "extension_deadline",
    "extension_count",
    "supervision_card",
    "merged_into_id",
    "merged_ticket_ids",
    "log_ids",
    "visit_ids",
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
        related="grid_id.level_id",
        store=True,
        index=True,
        precompute=True,
        string="Grid Level",
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
    # the stored computes below are precomputed: a new ticket is inserted
    # with them, not updated right after
    stage_code = fields.Selection(
        related="stage_id.code", store=True, index=True, precompute=True
    )
    is_closed = fields.Boolean(
        related="stage_id.is_closed", store=True, precompute=True, string="Concluded"
    )
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
        compute="_compute_closed_on_time",
        store=True,
        precompute=True,
        string="Concluded on Time",
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
    date_parked = fields.Datetime(
        string="Parked Since",
        readonly=True,
        copy=False,
        help="While a ticket is parked its time limits are paused; resuming it "
        "moves them on by the time it was parked.",
    )
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
        precompute=True,
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
    merged_ticket_ids = fields.One2many(
        "party.ticket",
        "merged_into_id",
        string="Merged Duplicates",
        readonly=True,
        context={"active_test": False},
        domain=[("active", "=", False)],
    )

    # ------------------------------------------------------------------ defaults

    @api.model
    def _get_stage(self, code):
        Stage = self.env["party.ticket.stage"]
        return Stage.browse(Stage._stage_id_of(code) or ())

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

    @api.constrains("title")
    def _check_title(self):
        for ticket in self:
            title = (ticket.title or "").strip()
            if not title or len(title) > TITLE_MAX_LENGTH:
                raise ValidationError(
                    self.env._(
                        "Give the ticket a title of 1 to %(max)s characters that "
                        "says what the matter is; details go in the description.",
                        max=TITLE_MAX_LENGTH,
                    )
                )

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
        if not self.env.su:
            protected = self._party_protected_fields()
            # context defaults are client input like the values themselves:
            # dropped (a dict, since keys are removed, not overridden)
            self = self.with_context(  # pylint: disable=context-overridden
                {
                    key: value
                    for key, value in self.env.context.items()
                    if not (key.startswith("default_") and key[8:] in protected)
                }
            )
            self._check_create_vals(vals_list)
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
        accepted = self._get_stage("accepted")
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = sequence.next_by_code("party.ticket") or "/"
            vals.setdefault("origin_grid_id", vals.get("grid_id"))
            vals.setdefault("date_received", now)
            vals.setdefault("date_assigned", vals["date_received"])
            if vals.get("user_id"):
                # received by someone who takes it on: accepted at once
                vals.setdefault("date_accepted", vals["date_received"])
                if not vals.get("stage_id") and accepted:
                    vals["stage_id"] = accepted.id
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
        # the assignee is told by the ticket's own to-do below, which also
        # works when the creating user has no e-mail address
        tickets = super(
            PartyTicket, self.with_context(mail_auto_subscribe_no_notify=True)
        ).create(vals_list)
        # sudo: the handling log has no create right for users; this line
        # records the creation that the user's own create just did
        self.env["party.ticket.log"].sudo().create(
            [
                {
                    "ticket_id": ticket.id,
                    "operation": "create",
                    "date": ticket.date_received,
                    "user_id": self.env.uid,
                    "to_grid_id": ticket.grid_id.id,
                    "to_user_id": ticket.user_id.id,
                    "to_stage_id": ticket.stage_id.id,
                }
                for ticket in tickets
            ]
        )
        for ticket in tickets:
            if ticket.user_id and ticket.user_id != self.env.user:
                ticket._notify_user(
                    ticket.user_id,
                    # in the assignee's language, who reads it
                    self.with_context(lang=ticket.user_id.lang).env._(
                        "Ticket assigned to you: %(title)s", title=ticket.title
                    ),
                )
        return tickets

    def write(self, vals):
        if not self.env.su:
            self._check_write_vals(vals)
        return super().write(vals)

    def _check_write_vals(self, vals):
        """What a user may change without an operation; the operations write
        with their own checks (see ``_apply``)."""
        forged = self._party_protected_fields() & set(vals)
        if forged:
            self._raise_protected(forged)
        if KEY_FIELDS & set(vals) and any(ticket.is_closed for ticket in self):
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is concluded: reopen it before "
                    "changing its content, grid, category, handling type or "
                    "outcome.",
                    ticket=self.filtered("is_closed")[0].name,
                )
            )
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
            stage = self.env["party.ticket.stage"].browse(vals["stage_id"]).exists()
            if (
                not stage
                or stage.code in OPERATION_STAGES
                or any(ticket.stage_code in OPERATION_STAGES for ticket in self)
            ):
                raise UserError(
                    self.env._(
                        "Tickets are verified, closed, rejected or parked with "
                        "their buttons, which ask for what the outcome needs."
                    )
                )
        self._check_links_readable(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "Tickets keep their handling history and are never deleted; a "
                "duplicate is merged, a mistaken one rejected with the reason."
            )
        )

    def copy_data(self, default=None):
        vals_list = super().copy_data(default=default)
        for vals in vals_list:
            vals.pop("origin_grid_id", None)
        return vals_list
