# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, models

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
        households not yet contacted this month. One batch of members per
        call; ir.cron calls again (committing in between) while
        ``_notify_progress`` reports members left. The members reminded that
        day are not taken again, so a stopped run goes on where it stopped,
        and an open reminder of the month is refreshed, never doubled."""
        today = duty_today()
        if not self._is_reminder_day(today):
            self.env["ir.cron"]._notify_progress(done=0, remaining=0)
            return 0
        return self._remind_next_batch(today, batch_size=batch_size)

    @api.model
    def _reminder_pending_domain(self, day):
        """Members with a login and linked households not yet contacted, not
        yet reminded on ``day``."""
        reminded = self.env["party.visit.reminder"]._search(
            [("month", "=", duty_month_start(day)), ("date_last", "=", day)]
        )
        return [
            ("user_id", "!=", False),
            ("household_ids", "any", [("is_contact_due", "=", True)]),
            ("id", "not in", reminded.subselect("member_id")),
        ]

    @api.model
    def _remind_next_batch(self, day, batch_size=REMINDER_BATCH):
        """Remind the next ``batch_size`` members due on ``day``; report the
        progress; return how many were reminded."""
        domain = self._reminder_pending_domain(day)
        total = self.search_count(domain)
        batch = self.search(domain, limit=batch_size, order="id")
        batch._remind_uncontacted(day)
        self.env["ir.cron"]._notify_progress(
            done=len(batch), remaining=max(total - len(batch), 0)
        )
        return len(batch)

    @api.model
    def _remind_all_uncontacted(self, day, batch_size=REMINDER_BATCH):
        """Every batch of ``day`` in one call (the benchmark, a shell); the
        scheduled action runs one batch per call instead. Return how many
        members were reminded."""
        total = self.search_count(self._reminder_pending_domain(day))
        done = 0
        # bounded: each batch leaves its members reminded on that day
        for _batch in range(-(-total // batch_size)):
            count = self._remind_next_batch(day, batch_size=batch_size)
            if not count:
                break
            done += count
        return done

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
                reminder.write(
                    {"reminder_count": reminder.reminder_count + 1, "date_last": day}
                )
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
                        "date_last": day,
                    }
                )
            else:
                new_reminders.append(
                    {
                        "member_id": member.id,
                        "month": month,
                        "activity_id": activity.id,
                        "date_last": day,
                    }
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
