# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, models
from odoo.tools import split_every

from .party_visit import duty_month_start, duty_today

# the reminder of households not yet contacted: members per batch, and the days
# of the month it acts on (the 15th and the last three days)
REMINDER_BATCH = 500
REMINDER_MID_MONTH_DAY = 15
REMINDER_LAST_DAYS = 3


class PartyMember(models.Model):
    """The monthly reminder of linked households not yet contacted."""

    _inherit = "party.member"

    @api.model
    def _is_reminder_day(self, day):
        last_day = (duty_month_start(day) + relativedelta(months=1, days=-1)).day
        return day.day == REMINDER_MID_MONTH_DAY or day.day > last_day - (
            REMINDER_LAST_DAYS
        )

    @api.model
    def _cron_remind_uncontacted(self, batch_size=REMINDER_BATCH):
        """Scheduled daily; on the 15th and the last three days of the month,
        give each member with a login one to-do activity listing the linked
        households not yet contacted this month. Processes members in batches,
        reports progress, commits per batch (except in tests); an open reminder
        of the month is refreshed, never doubled, so a stopped run can resume."""
        today = duty_today()
        if not self._is_reminder_day(today):
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return
        self._remind_all_uncontacted(today, batch_size=batch_size)

    @api.model
    def _remind_all_uncontacted(self, day, batch_size=REMINDER_BATCH):
        """Remind every member with a login and linked households not yet
        contacted, ``batch_size`` members at a time; return how many."""
        cron = self.env["ir.cron"]
        members = self.search(
            [
                ("user_id", "!=", False),
                ("household_ids", "any", [("is_contact_due", "=", True)]),
            ],
            order="id",
        )
        auto_commit = not getattr(threading.current_thread(), "testing", False)
        done = 0
        for batch in split_every(batch_size, members.ids, self.browse):
            batch._remind_uncontacted(day)
            done += len(batch)
            cron._notify_progress(done=done, remaining=len(members) - done)
            if auto_commit:
                self.env.cr.commit()  # pylint: disable=invalid-commit
        if not members:
            cron._notify_progress(done=0, remaining=0)
        return len(members)

    def _remind_uncontacted(self, day):
        """Create or refresh the reminder of this month for the members of
        ``self``, in a fixed number of queries plus one write per open
        reminder to refresh."""
        month = duty_month_start(day)
        deadline = month + relativedelta(months=1, days=-1)
        households = self.env["party.household"].search_fetch(
            [("contact_member_id", "in", self.ids), ("is_contact_due", "=", True)],
            ["name", "address", "must_visit", "contact_member_id"],
            order="name, id",
        )
        by_member = defaultdict(list)
        for household in households:
            by_member[household.contact_member_id.id].append(household)
        Reminder = self.env["party.visit.reminder"]
        reminders = {
            reminder.member_id.id: reminder
            for reminder in Reminder.search(
                [("member_id", "in", self.ids), ("month", "=", month)]
            )
        }
        todo = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        to_create, members_created = [], []
        for member in self:
            lines = by_member.get(member.id)
            if not lines or not member.user_id:
                continue
            # in the language of the member who reads it
            member_lang = member.with_context(lang=member.user_id.lang)
            note = member_lang._reminder_note(lines)
            summary = member_lang.env._("Households not yet contacted this month")
            reminder = reminders.get(member.id)
            if reminder and reminder.activity_id.active:
                reminder.activity_id.write({"note": note, "date_deadline": deadline})
                reminder.reminder_count += 1
                continue
            to_create.append(
                {
                    "res_model_id": model_id,
                    "res_id": member.id,
                    "activity_type_id": todo.id,
                    "user_id": member.user_id.id,
                    "summary": summary,
                    "note": note,
                    "date_deadline": deadline,
                }
            )
            members_created.append(member)
        activities = (
            self.env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(to_create)
        )
        new_reminders = []
        for member, activity in zip(members_created, activities, strict=True):
            reminder = reminders.get(member.id)
            if reminder:
                reminder.write(
                    {
                        "activity_id": activity.id,
                        "reminder_count": reminder.reminder_count + 1,
                    }
                )
            else:
                new_reminders.append(
                    {"member_id": member.id, "month": month, "activity_id": activity.id}
                )
        Reminder.create(new_reminders)

    def _reminder_note(self, households):
        items = Markup("").join(
            Markup("<li>%s%s%s</li>")
            % (
                household.name,
                Markup(" — %s") % household.address if household.address else "",
                Markup(" <b>(%s)</b>") % self.env._("must visit")
                if household.must_visit
                else "",
            )
            for household in households
        )
        return Markup("<p>%s</p><ul>%s</ul>") % (
            self.env._(
                "These linked households have not yet been contacted as often as "
                "required this month:"
            ),
            items,
        )
