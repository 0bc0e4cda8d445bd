# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .party_ticket import DEADLINE_RANK, DEADLINE_STAGES

DEADLINE_LIMIT_SELECTION = [("accept", "Accept"), ("finish", "Finish")]
# one signal for the card, the ribbon, the filters and the colour
DEADLINE_SIGNAL_SELECTION = [
    ("none", "No Time Limit"),
    ("on_time", "Within the Time Limit"),
    ("accept_yellow", "Accept: Soon Due"),
    ("accept_red", "Accept: Overdue"),
    ("finish_yellow", "Finish: Soon Due"),
    ("finish_red", "Finish: Overdue"),
    ("paused", "Clock Paused"),
    ("done_on_time", "Concluded on Time"),
    ("done_late", "Concluded Late"),
]
SIGNAL_COLORS = {"accept_yellow": 3, "finish_yellow": 3, "accept_red": 1}
SIGNAL_COLORS.update(finish_red=1, done_late=1, done_on_time=10)


class PartyTicket(models.Model):
    """The deadline engine of tickets: the time limits' clock (paused while
    parked or waiting for documents), the one deadline signal, and the
    scheduled check that flags tickets yellow or red and reminds."""

    _inherit = "party.ticket"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Counted on Working Hours",
        readonly=True,
        copy=False,
        help="The working hours the ticket's time limits are counted on; empty: "
        "calendar time.",
    )
    date_waiting = fields.Datetime(
        string="Waiting for Documents Since",
        readonly=True,
        copy=False,
        help="While the requester's missing documents are awaited the time limits "
        "are paused, as when parked.",
    )
    paused_hours = fields.Float(
        string="Hours Paused",
        readonly=True,
        copy=False,
        help="Time parked or waiting for documents, left out of the handling time.",
    )
    accept_paused_hours = fields.Float(
        string="Hours Paused Before Acceptance", readonly=True, copy=False
    )
    deadline_limit = fields.Selection(
        DEADLINE_LIMIT_SELECTION,
        string="Limit Concerned",
        readonly=True,
        copy=False,
        help="The time limit (to accept, or to finish) the deadline state is about.",
    )
    deadline_signal = fields.Selection(
        DEADLINE_SIGNAL_SELECTION,
        string="Deadline",
        compute="_compute_deadline_signal",
        store=True,
        precompute=True,
        index=True,
    )
    color = fields.Integer(compute="_compute_color")

    @api.depends(
        "deadline_state",
        "deadline_limit",
        "is_closed",
        "closed_on_time",
        "stage_code",
        "date_waiting",
        "date_deadline",
        "date_accept_deadline",
    )
    def _compute_deadline_signal(self):
        for ticket in self:
            if ticket.is_closed:
                ticket.deadline_signal = (
                    "done_on_time" if ticket.closed_on_time else "done_late"
                )
            elif ticket.stage_code == "parked" or ticket.date_waiting:
                ticket.deadline_signal = "paused"
            elif ticket.deadline_state != "normal":
                ticket.deadline_signal = (
                    f"{ticket.deadline_limit or 'finish'}_{ticket.deadline_state}"
                )
            elif ticket.date_deadline or (
                ticket.stage_code == "new" and ticket.date_accept_deadline
            ):
                ticket.deadline_signal = "on_time"
            else:
                ticket.deadline_signal = "none"

    @api.depends("deadline_signal")
    def _compute_color(self):
        for ticket in self:
            ticket.color = SIGNAL_COLORS.get(ticket.deadline_signal, 0)

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
            ("date_waiting", "=", False),
            "|",
            "&",
            *to_red,
            "&",
            *to_yellow,
        ]

    def _deadline_state_at(self, now):
        """(state, limit concerned) of the ticket at ``now``: the accept
        limit counts only while nobody has accepted it; the finish limit
        first when both are passed."""
        self.ensure_one()
        checks = [("finish", self.date_warning, self.date_deadline)]
        if self.stage_code == "new":
            checks.append(
                ("accept", self.date_accept_warning, self.date_accept_deadline)
            )
        for state, index in (("red", 2), ("yellow", 1)):
            for check in checks:
                if check[index] and check[index] <= now:
                    return state, check[0]
        return "normal", False

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
        by_state = {}
        activities = []
        today = fields.Date.context_today(self)
        labels = {}
        for ticket in self:
            state, limit = ticket._deadline_state_at(now)
            if DEADLINE_RANK[state] <= DEADLINE_RANK[ticket.deadline_state]:
                continue
            by_state.setdefault((state, limit), []).append(ticket.id)
            if DEADLINE_RANK[state] <= DEADLINE_RANK[ticket.reminder_state]:
                continue
            users = ticket.user_id or ticket.grid_id.head_id
            users |= ticket.grid_id.parent_id.head_id
            for user in users:
                summary = self._deadline_summary(ticket, state, user.lang, labels)
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
        for (state, limit), ids in by_state.items():
            # sudo: the deadline flags are operation fields, set here by the
            # scheduled check and refused to users' writes
            self.browse(ids).sudo().write(
                {
                    "deadline_state": state,
                    "reminder_state": state,
                    "deadline_limit": limit,
                }
            )
        if activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activities)

    def _deadline_state_vals(self, now=None):
        """The deadline state after an operation: accepting a ticket ends its
        accept limit, so a flag that was about it goes; a flag that is about
        the finish limit stays."""
        self.ensure_one()
        if self.stage_code not in DEADLINE_STAGES or self.date_waiting:
            return {}
        state, limit = self._deadline_state_at(now or fields.Datetime.now())
        if DEADLINE_RANK[state] < DEADLINE_RANK[self.deadline_state] or (
            state == self.deadline_state and limit != self.deadline_limit
        ):
            return {"deadline_state": state, "deadline_limit": limit}
        return {}

    def _deadline_summary(self, ticket, state, lang, labels):
        """The reminder's title in the language of the user who reads it."""
        env = self.with_context(lang=lang or self.env.lang).env
        if lang not in labels:
            labels[lang] = dict(
                self._fields["deadline_state"]._description_selection(env)
            )
        return env._(
            "%(state)s: %(ticket)s %(title)s",
            state=labels[lang][state],
            ticket=ticket.name,
            title=ticket.title,
        )
