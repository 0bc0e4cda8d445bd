# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .party_ticket import DEADLINE_RANK, DEADLINE_STAGES


class PartyTicket(models.Model):
    """The scheduled deadline check of tickets: yellow and red flags and reminders."""

    _inherit = "party.ticket"

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
        labels = {}
        for ticket in self:
            state = ticket._deadline_state_at(now)
            if DEADLINE_RANK[state] <= DEADLINE_RANK[ticket.deadline_state]:
                continue
            by_state[state].append(ticket.id)
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
        for state, ids in by_state.items():
            if ids:
                # sudo: the deadline flags are operation fields, set here by
                # the scheduled check and refused to users' writes
                self.browse(ids).sudo().write(
                    {"deadline_state": state, "reminder_state": state}
                )
        if activities:
            self.env["mail.activity"].with_context(
                mail_activity_quick_update=True
            ).create(activities)

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
