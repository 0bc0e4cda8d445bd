# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The table of ticket operations and the one runner that carries them out.

Each operation is described once: who may do it (``who``, ``group``), from
which stages and states (``stages``, ``ready``), what it asks for and
requires (``inputs``, ``required``), what it writes (``writes`` plus its
specific ``_do_<code>`` method, if any), what it logs (``log`` label, the
``reason`` input) and whom it tells (``tell``). The form's buttons, the
operation wizard's fields and the handling log's labels are read from this
table; adding an operation is one entry plus its specific method."""

from dataclasses import dataclass, field

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

OPEN = ("new", "accepted", "in_progress", "verify")
HANDLING = ("new", "accepted", "in_progress")


@dataclass(frozen=True)
class Operation:
    code: str
    button: str  # the button's label
    log: str  # the handling log's label
    verb: object  # "You cannot <verb> ticket …"
    stages: tuple = OPEN  # the stages it starts from (None: any)
    stage_error: object = None  # why not from another stage (default: open)
    ready: str = None  # method: the refusal in the ticket's state, or None
    who: str = "grid"  # scope rule, see _check_who
    group: str = None  # the group it needs, and the refusal
    group_error: object = None
    not_own: bool = False  # someone other than who handled the ticket
    inputs: tuple = ()  # the wizard's fields; none: a direct button
    required: dict = field(default_factory=dict)  # input: refusal when empty
    reason: str = "reason"  # the input logged as the reason
    writes: dict = field(default_factory=dict)  # static values ("stage": code)
    moves: bool = False  # a move: the time limits start afresh
    tell: tuple = ()  # (whom, summary) — see _tell_users
    tell_first: bool = False  # tell before writing (the office leaves)
    main: bool = False  # may be the form's main button
    action: str = None  # a direct button's method (default: action_<code>)


HEAD = "party_grid.party_grid_group_head"
OPERATION_LIST = [
    Operation(
        "extend_approve",
        "Approve Extension",
        "Extension Approved",
        _lt("approve the extension of"),
        stages=None,
        ready="_ready_extension_waiting",
        who="next_level",
        main=True,
    ),
    Operation(
        "claim",
        "Claim",
        "Claim",
        _lt("claim"),
        ready="_ready_claim",
        main=True,
    ),
    Operation(
        "start",
        "Start Handling",
        "Start Handling",
        _lt("start handling"),
        stages=("accepted",),
        stage_error=_lt("Only an accepted ticket is started."),
        who="handler",
        writes={"stage": "in_progress"},
        main=True,
    ),
    Operation(
        "submit",
        "Submit Result",
        "Result Submitted",
        _lt("submit the result of"),
        stages=("accepted", "in_progress"),
        stage_error=_lt(
            "A result is submitted while the ticket is being handled: claim it "
            "first, or wait until it comes back from verification."
        ),
        ready="_ready_submit",
        who="handler",
        inputs=("resolution",),
        required={"resolution": _lt("Describe how the matter was resolved.")},
        reason="resolution",
        main=True,
    ),
    Operation(
        "verify",
        "Verify",
        "Verify",
        _lt("verify"),
        stages=("verify",),
        stage_error=_lt("Only a submitted result can be verified."),
        ready="_ready_verify",
        who="origin",
        not_own=True,
        main=True,
    ),
    Operation(
        "close",
        "Close with Feedback",
        "Close with Feedback",
        _lt("close"),
        stages=("verify",),
        stage_error=_lt(
            "The ticket must be verified by the receiving level before it is closed."
        ),
        ready="_ready_close",
        who="origin_or_grid",
        inputs=("resolution", "feedback"),
        required={
            "feedback": _lt(
                "Say what feedback was given to the requester: a ticket cannot "
                "be closed without it."
            )
        },
        reason="feedback",
        main=True,
    ),
    Operation(
        "return_visit",
        "Return Visit",
        "Return Visit",
        _lt("return-visit"),
        stages=("done",),
        stage_error=_lt("Only closed tickets awaiting a return visit get one."),
        who="origin_or_grid",
        not_own=True,
        inputs=("satisfaction", "reason"),
        main=True,
    ),
    Operation(
        "office_return",
        "Give Back",
        "Returned by Office",
        _lt("give back"),
        ready="_ready_office_return",
        who="office_or_grid",
        inputs=("reason",),
        required={"reason": _lt("Say what the office did before giving it back.")},
        writes={"office_id": False, "stage": "in_progress"},
        moves=True,
        tell=("handler", _lt("Ticket returned by %(office)s")),
        tell_first=True,
        main=True,
    ),
    Operation(
        "resume",
        "Resume",
        "Resume",
        _lt("resume"),
        stages=("parked",),
        stage_error=_lt("Only parked tickets are resumed."),
        main=True,
    ),
    Operation(
        "documents_received",
        "Documents Received",
        "Documents Received",
        _lt("record the documents of"),
        ready="_ready_documents_received",
        who="handler",
        main=True,
    ),
    Operation(
        "extend_refuse",
        "Refuse Extension",
        "Extension Refused",
        _lt("refuse the extension of"),
        stages=None,
        ready="_ready_extension_waiting",
        who="next_level",
        inputs=("reason",),
        required={"reason": _lt("Say why the extension is refused.")},
        writes={"extension_state": "refused"},
    ),
    Operation(
        "assign",
        "Assign Down",
        "Assign Down",
        _lt("assign"),
        inputs=("target_grid_id", "target_user_id", "reason"),
        moves=True,
        tell=("assignee", _lt("Ticket assigned to you: %(title)s")),
    ),
    Operation(
        "report",
        "Report Upward",
        "Report Upward",
        _lt("report"),
        ready="_ready_report",
        inputs=("target_grid_id", "reason"),
        required={"reason": _lt("Say why the ticket is reported upward.")},
        moves=True,
        tell=("grid_head", _lt("Ticket reported to your grid: %(title)s")),
    ),
    Operation(
        "office",
        "Hand to Office",
        "Hand to Office",
        _lt("hand to an office"),
        ready="_ready_office",
        group=HEAD,
        group_error=_lt("Only grid heads and above hand tickets to an office."),
        inputs=("office_id", "reason"),
        required={"office_id": _lt("Choose the office.")},
        moves=True,
        tell=("office", _lt("Ticket for joint handling: %(title)s")),
    ),
    Operation(
        "send_back",
        "Send Back",
        "Send Back",
        _lt("send back"),
        ready="_ready_send_back",
        inputs=("reason",),
        required={"reason": _lt("Say why the ticket is sent back.")},
        tell=("handler", _lt("Ticket sent back: %(title)s")),
    ),
    Operation(
        "wait_documents",
        "Ask for Missing Documents",
        "Waiting for Documents",
        _lt("wait for documents on"),
        stages=HANDLING,
        stage_error=_lt(
            "Missing documents are asked for while the ticket is being handled."
        ),
        ready="_ready_wait_documents",
        who="handler",
        inputs=("missing_documents", "reason"),
        required={
            "missing_documents": _lt(
                "List all the missing documents, so that the requester is told "
                "once and in full."
            )
        },
        reason="missing_documents",
    ),
    Operation(
        "extend_request",
        "Request Extension",
        "Extension Requested",
        _lt("extend"),
        ready="_ready_extend_request",
        who="handler",
        inputs=("deadline", "reason"),
        required={"reason": _lt("Say why the deadline must be extended.")},
        tell=("parent_head", _lt("Extension to approve: %(title)s")),
    ),
    Operation(
        "supervise",
        "Supervise",
        "Supervise",
        _lt("supervise"),
        who="next_level",
        inputs=("card", "reason"),
        required={"reason": _lt("Say what is being supervised.")},
        tell=("handler", _lt("Supervised ticket: %(title)s")),
    ),
    Operation(
        "urgent",
        "Mark Urgent",
        "Mark Urgent",
        _lt("mark urgent"),
        ready="_ready_urgent",
        writes={"priority": "1"},
        action="action_mark_urgent",
    ),
    Operation(
        "park",
        "Park",
        "Park",
        _lt("park"),
        group=HEAD,
        group_error=_lt("Only grid heads and above park tickets."),
        inputs=("reason",),
        required={"reason": _lt("Say why the ticket is parked.")},
    ),
    Operation(
        "merge",
        "Merge into Original",
        "Merge Duplicate",
        _lt("merge"),
        inputs=("original_id", "reason"),
    ),
    Operation(
        "reject",
        "Cannot Be Done",
        "Cannot Be Done",
        _lt("reject"),
        inputs=("reason", "feedback"),
        required={
            "reason": _lt(
                "Say why the matter cannot be done: the requester must be told "
                "the reason."
            ),
            "feedback": _lt("Say how the reason was told to the requester."),
        },
    ),
    Operation(
        "reopen",
        "Reopen",
        "Reopen",
        _lt("reopen"),
        stages=("done", "closed"),
        stage_error=_lt("Only closed tickets are reopened."),
        ready="_ready_reopen",
        who="origin_or_grid",
        inputs=("reason",),
        required={"reason": _lt("Say why the ticket is reopened.")},
        moves=True,
    ),
]
OPERATIONS = {op.code: op for op in OPERATION_LIST}
# the handling log's labels: the creation, then every operation
LOG_SELECTION = [("create", "Received")] + [(op.code, op.log) for op in OPERATION_LIST]
BUTTON_SELECTION = [(op.code, op.button) for op in OPERATION_LIST]
WIZARD_SELECTION = [(op.code, op.button) for op in OPERATION_LIST if op.inputs]


class PartyTicket(models.Model):
    _inherit = "party.ticket"

    operation_codes = fields.Char(
        compute="_compute_operations",
        help="The operations the current user may do on the ticket now, as "
        "|code|code|: the same checks as the operations themselves.",
    )
    main_operation = fields.Selection(BUTTON_SELECTION, compute="_compute_operations")
    operation_more = fields.Boolean(compute="_compute_operations")

    # ------------------------------------------------------------------ checks

    def _tr(self, lazy, **kwargs):
        """The table's text in the user's language, filled in."""
        return self.env._(lazy._source, **kwargs)

    def _check_operation(self, op):
        """Refuse, in words, what the current user may not do now: the stage,
        the ticket's state, the user's scope, group and own work."""
        if op.stages is not None and self.stage_code not in op.stages:
            if op.stage_error:
                raise UserError(self._tr(op.stage_error))
            # the other operations work on open tickets: the refusal says so
            self._check_open()
        refusal = op.ready and getattr(self, op.ready)()
        if refusal:
            raise UserError(refusal)
        self._check_who(op)
        if op.group and not self.env.user.has_group(op.group):
            raise UserError(self._tr(op.group_error))
        if op.not_own:
            self._check_not_own_work(self._tr(op.verb))

    def _check_who(self, op):
        verb = self._tr(op.verb)
        rule = op.who
        if rule == "next_level":
            self._check_next_level(verb)
        elif rule == "origin":
            self._check_covers(self.origin_grid_id, verb)
        elif rule == "origin_or_grid":
            if not self._covers(self.grid_id):
                self._check_covers(self.origin_grid_id, verb)
        elif rule == "office_or_grid":
            office = self.office_id.sudo()
            if self.env.user not in office.user_ids and not self._covers(self.grid_id):
                raise UserError(
                    self.env._(
                        "Only users of %(office)s or of the ticket's grid give the "
                        "ticket back.",
                        office=office.name,
                    )
                )
        elif rule != "handler" or self.user_id != self.env.user:
            # "grid", and "handler" for anyone but the assignee
            self._check_covers(self.grid_id, verb)

    def _operation_refusal(self, op):
        """Why the current user may not do ``op`` now, or None."""
        try:
            self._check_operation(op)
        except UserError as error:
            return error.args[0]
        return None

    @api.depends_context("uid")
    @api.depends(
        "stage_id",
        "user_id",
        "office_id",
        "grid_id",
        "origin_grid_id",
        "extension_state",
        "priority",
        "is_verified",
        "merged_into_id",
        "date_waiting",
    )
    def _compute_operations(self):
        for ticket in self:
            codes = []
            if ticket.id and ticket._filtered_access("write"):
                codes = [
                    op.code
                    for op in OPERATION_LIST
                    if ticket._operation_refusal(op) is None
                ]
            main = next((c for c in codes if OPERATIONS[c].main), False)
            ticket.operation_codes = f"|{'|'.join(codes)}|"
            ticket.main_operation = main
            ticket.operation_more = len(codes) > (1 if main else 0)

    # ------------------------------------------------------------------ runner

    def _run_operation(self, code, **values):
        """Carry out operation ``code`` with the wizard's ``values``: its
        checks, its required inputs, its specific method, the log line and
        the chatter, the values it writes, whom it tells."""
        self.ensure_one()
        op = OPERATIONS[code]
        self._check_operation(op)
        for fname, message in op.required.items():
            value = values.get(fname)
            if isinstance(value, str) or not value:
                values[fname] = self._require(value, self._tr(message))
        vals = {
            key if key != "stage" else "stage_id": (
                value if key != "stage" else self._get_stage(value).id
            )
            for key, value in op.writes.items()
        }
        specific = getattr(self, f"_do_{code}", None)
        if specific:
            vals.update(specific(**values) or {})
        tell = vals.pop("_tell", bool(op.tell))
        reason = vals.pop("_reason", values.get(op.reason))
        then = vals.pop("_then", None)
        words = {"title": self.title, "office": self.office_id.sudo().name}
        if tell and op.tell_first:
            self._tell_users(op.tell[0], op.tell[1], words)
        self._apply(code, vals, reason, moved=op.moves)
        if then:
            then()
        if tell and not op.tell_first:
            self._tell_users(op.tell[0], op.tell[1], words)
        return True

    def _tell_users(self, whom, lazy, words):
        grid = self.grid_id.sudo()
        if whom == "assignee":
            users = self.user_id - self.env.user
        elif whom == "grid_head":
            users = grid.head_id
        elif whom == "office":
            users = self.office_id.sudo().user_ids
        elif whom == "parent_head":
            users = grid.parent_id.head_id
        else:  # the handler: the assignee, or the grid's head
            users = self.user_id or grid.head_id
        for user in users:
            # in the recipient's language, who reads it
            self._notify_user(
                user, self.with_context(lang=user.lang)._tr(lazy, **words)
            )

    # ------------------------------------------------------------------ buttons

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """The form's operation buttons come from the table: where the arch
        has a ``party_ticket_operations`` placeholder, one main button (the
        first the user may do) and the others, each shown only when the
        server's own checks would let the user do it."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            labels = dict(
                self._fields["main_operation"]._description_selection(self.env)
            )
            for node in arch.xpath("//*[@name='party_ticket_operations']"):
                self._operation_buttons(node, labels, menu=False)
            for node in arch.xpath("//*[@name='party_ticket_operations_menu']"):
                self._operation_buttons(node, labels, menu=True)
        return arch, view

    def _operation_button(self, op, label, main):
        attrs = {"type": "object", "string": label}
        if op.inputs:
            attrs["name"] = "action_open_wizard"
            attrs["context"] = f"{{'party_ticket_wizard_operation': '{op.code}'}}"
        else:
            attrs["name"] = op.action or f"action_{op.code}"
        if main:
            attrs["class"] = "btn-primary"
            attrs["invisible"] = f"main_operation != '{op.code}'"
        else:
            attrs["class"] = "btn-secondary"
            attrs["invisible"] = (
                f"main_operation == '{op.code}' or '|{op.code}|' not in operation_codes"
            )
        return etree.Element("button", attrs)

    def _operation_buttons(self, node, labels, menu):
        """Replace the placeholder ``node`` by the main button (the first the
        user may do) and a menu (更多…) of the others: in the header on a
        desktop (its menu floats), in the sheet on a phone (the header's
        buttons are behind the cog there)."""
        parent = node.getparent()
        index = parent.index(node)
        parent.remove(node)
        mains = [
            self._operation_button(op, labels[op.code], True)
            for op in OPERATION_LIST
            if op.main
        ]
        if menu:
            classes = "d-flex flex-column gap-1 mt-1"
            more_classes = "o_party_ticket_more"
        else:
            classes = (
                "position-absolute z-3 bg-view border rounded shadow "
                "p-2 mt-1 d-flex flex-column gap-1"
            )
            more_classes = "o_party_ticket_more position-relative d-none d-md-block"
        more = etree.Element(
            "details", {"class": more_classes, "invisible": "not operation_more"}
        )
        summary = etree.SubElement(more, "summary", {"class": "btn btn-secondary"})
        summary.text = self.env._("More…")
        items = etree.SubElement(more, "div", {"class": classes})
        for op in OPERATION_LIST:
            items.append(self._operation_button(op, labels[op.code], False))
        if not menu:
            for offset, element in enumerate([*mains, more]):
                parent.insert(index + offset, element)
            return
        bar = etree.Element(
            "div",
            {
                "class": "o_party_ticket_operations d-flex flex-wrap "
                "align-items-start gap-2 mb-3 d-md-none",
                "invisible": "operation_codes == '||'",
            },
        )
        for element in [*mains, more]:
            bar.append(element)
        parent.insert(index, bar)
