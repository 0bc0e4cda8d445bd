# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who has not answered in time is reported up (seed 001: within 30 minutes
to the liaison cadre, who reports to level one within 30 more)."""

from collections import defaultdict

from markupsafe import Markup, escape

from odoo import api, fields, models

ESCALATION_BATCH = 100


class PartyNotice(models.Model):
    _inherit = "party.notice"

    @api.model
    def _escalation_domain(self, now):
        return [
            ("state", "=", "sent"),
            ("needs_reply", "=", True),
            "|",
            "&",
            ("escalation_stage", "=", "none"),
            ("reply_deadline", "<", now),
            "&",
            ("escalation_stage", "=", "liaison"),
            ("escalation_deadline", "<", now),
        ]

    @api.model
    def _cron_escalate(self, batch_size=ESCALATION_BATCH):
        """One batch of escalation reminders (an activity for each liaison
        cadre, then for level one), with ``ir.cron._notify_progress``. Each
        notice moves one stage per run of its deadline, so a rerun, or a run
        killed half-way and rerun, reminds nobody twice."""
        now = fields.Datetime.now()
        # sudo: the scheduled action reminds across every grid
        Notice = self.sudo()
        notices = Notice.search(self._escalation_domain(now), limit=batch_size)
        for notice in notices:
            notice._escalate(now)
        remaining = Notice.search_count(self._escalation_domain(now))
        self.env["ir.cron"]._notify_progress(done=len(notices), remaining=remaining)
        return remaining

    def _escalate(self, now):
        self.ensure_one()
        pending = self.recipient_ids.filtered(lambda line: line.state == "pending")
        if self.escalation_stage == "none":
            by_user = defaultdict(lambda: pending.browse())
            for line in pending:
                for user in self._liaison_users(line.grid_id):
                    by_user[user] |= line
            for user, lines in by_user.items():
                self._remind(user, lines, top=False)
            self.write({"escalation_stage": "liaison"})
            # both deadlines may have passed already (a late run): one stage
            # per run, level one at the next run
            return
        users = (self.grid_id.head_id | self.author_id).filtered("active")
        if pending:
            for user in users:
                self._remind(user, pending, top=True)
        self.write({"escalation_stage": "top"})

    def _liaison_users(self, grid):
        """The liaison cadres of a recipient's grid: the instructors of the
        nearest grid above it (itself included) that has instructors, else the
        head of the nearest grid that has a head."""
        grid = grid.sudo()
        path = [int(x) for x in (grid.parent_path or "").split("/") if x]
        chain = grid.browse(reversed(path))
        for ancestor in chain:
            if ancestor.instructor_ids:
                return ancestor.instructor_ids.filtered("active")
        for ancestor in chain:
            if ancestor.head_id:
                return ancestor.head_id.filtered("active")
        return grid.env["res.users"]

    def _remind(self, user, lines, top):
        names = ", ".join(lines.partner_id.mapped("name"))
        summary = (
            self.env._("Level one: %(count)s have not answered", count=len(lines))
            if top
            else self.env._("%(count)s have not answered in time", count=len(lines))
        )
        note = Markup("<p>%s</p>") % escape(
            self.env._(
                "Notice “%(notice)s”: no confirmation from %(names)s.",
                notice=self.name,
                names=names,
            )
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=fields.Date.context_today(self),
            summary=summary,
            note=note,
            user_id=user.id,
        )
