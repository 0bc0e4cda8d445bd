# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The start screens of the roles: what waits for the user today, in one call
(the client action ``party_grid_today`` renders it). Everything is read under
the user's record rules; nothing is written."""

from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

from .party_visit import DUTY_TZ, duty_today

# how many entries a section lists before "show all"
SECTION_LIMIT = 8
MUST_VISIT_LIMIT = 30
WEEKDAYS = 7


class PartyGridToday(models.AbstractModel):
    _name = "party.grid.today"
    _description = "Start Screen of a Role"

    @api.model
    @api.readonly
    def get_screen(self, screen="worker"):
        """The sections of a start screen: ``worker`` (我的今日) or ``head``
        (待我处理). Each section has a title, its entries (at most a few), how
        many there are in all and the list that shows them all."""
        today = duty_today()
        if screen == "head":
            title = self.env._("Waiting for Me")
            sections = self._head_sections()
        else:
            title = self.env._("My Day")
            sections = self._worker_sections(today)
        return {
            "title": title,
            "date": self._date_label(today),
            "sections": sections,
        }

    # ------------------------------------------------------------ helpers

    @api.model
    def _date_label(self, day):
        weekdays = [
            self.env._("Monday"),
            self.env._("Tuesday"),
            self.env._("Wednesday"),
            self.env._("Thursday"),
            self.env._("Friday"),
            self.env._("Saturday"),
            self.env._("Sunday"),
        ]
        return self.env._(
            "%(weekday)s, %(month)s/%(day)s/%(year)s",
            year=day.year,
            month=day.month,
            day=day.day,
            weekday=weekdays[day.weekday() % WEEKDAYS],
        )

    @api.model
    def _today_bounds(self, day):
        """Naive UTC datetimes of the duty day ``day``."""
        tz = pytz.timezone(DUTY_TZ)
        start = tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc)
        return start.replace(tzinfo=None), (start + timedelta(days=1)).replace(
            tzinfo=None
        )

    @api.model
    def _local(self, value, fmt):
        if not value:
            return ""
        return fields.Datetime.context_timestamp(
            self.with_context(tz=DUTY_TZ), value
        ).strftime(fmt)

    @api.model
    def _section(self, key, title, model, domain, items, count, empty, icon):
        return {
            "key": key,
            "title": title,
            "icon": icon,
            "model": model,
            "domain": domain,
            "items": items,
            "count": count,
            "empty": empty,
        }

    @api.model
    def _household_items(self, households):
        labels = dict(
            households._fields["contact_state"]._description_selection(self.env)
        )
        tones = {"none": "danger", "due": "warning", "done": "success"}
        return [
            {
                "id": household.id,
                "model": "party.household",
                "name": household.name,
                "subtitle": household.address or "",
                "phone": household.phone or "",
                "badge": labels.get(household.contact_state, ""),
                "tone": tones.get(household.contact_state, "secondary"),
            }
            for household in households
        ]

    @api.model
    def _ticket_items(self, tickets):
        tones = {"normal": "secondary", "yellow": "warning", "red": "danger"}
        items = []
        for ticket in tickets:
            deadline = ticket.date_deadline or ticket.date_accept_deadline
            items.append(
                {
                    "id": ticket.id,
                    "model": "party.ticket",
                    "name": ticket.title,
                    "subtitle": " · ".join(
                        part
                        for part in (
                            ticket.name,
                            ticket.stage_id.name,
                            deadline
                            and self.env._(
                                "due %(date)s",
                                date=self._local(deadline, "%m-%d %H:%M"),
                            ),
                        )
                        if part
                    ),
                    "phone": "",
                    "badge": "" if ticket.user_id else self.env._("Unclaimed"),
                    "tone": tones.get(ticket.deadline_state, "secondary"),
                }
            )
        return items

    # ------------------------------------------------------------ worker

    @api.model
    def _worker_sections(self, today):
        Household = self.env["party.household"]
        must_domain = [("must_visit", "=", True)]
        must = Household.search_fetch(
            must_domain,
            ["name", "address", "phone", "contact_member_id"],
            limit=MUST_VISIT_LIMIT,
        )
        due_domain = [("is_contact_due", "=", True), ("must_visit", "=", False)]
        due = Household.search_fetch(
            due_domain, ["name", "address", "phone"], limit=SECTION_LIMIT
        )
        due_count = (
            len(due) if len(due) < SECTION_LIMIT else Household.search_count(due_domain)
        )
        # one grouped query of the visits for the duty figures of both lists
        (must | due).mapped("contact_state")
        # the user's own must-visit households first, those not yet contacted
        # enough first among them
        own = set(self.env["party.member"].search([("user_id", "=", self.env.uid)]).ids)
        order = {"none": 1, "due": 0, "done": 2}
        must = must.sorted(
            lambda h: (
                h.contact_member_id.id not in own,
                order.get(h.contact_state, 3),
            )
        )

        Ticket = self.env["party.ticket"]
        ticket_domain = [
            ("is_closed", "=", False),
            "|",
            ("user_id", "=", self.env.uid),
            ("user_id", "=", False),
        ]
        tickets = Ticket.search_fetch(
            ticket_domain,
            [
                "name",
                "title",
                "stage_id",
                "user_id",
                "date_deadline",
                "date_accept_deadline",
                "deadline_state",
            ],
            order="date_deadline asc nulls last, id",
            limit=SECTION_LIMIT,
        )
        ticket_count = (
            len(tickets)
            if len(tickets) < SECTION_LIMIT
            else Ticket.search_count(ticket_domain)
        )
        return [
            self._section(
                "must_visit",
                self.env._("Must-visit Households"),
                "party.household",
                must_domain,
                self._household_items(must),
                len(must),
                self.env._("No must-visit household in your grids."),
                "fa-heart",
            ),
            self._section(
                "not_contacted",
                self.env._("Not Contacted This Month"),
                "party.household",
                due_domain,
                self._household_items(due),
                due_count,
                self.env._("Every household has been contacted this month."),
                "fa-bell",
            ),
            self._section(
                "tickets",
                self.env._("My Open Tickets"),
                "party.ticket",
                ticket_domain,
                self._ticket_items(tickets),
                ticket_count,
                self.env._("No open ticket waits for you."),
                "fa-ticket",
            ),
            self._today_activities_section(today),
        ]

    @api.model
    def _today_activities_section(self, today):
        start, stop = self._today_bounds(today)
        domain = [("date_start", ">=", start), ("date_start", "<", stop)]
        activities = self.env["party.activity"].search_fetch(
            domain, ["name", "date_start", "place"], order="date_start", limit=20
        )
        items = [
            {
                "id": activity.id,
                "model": "party.activity",
                "name": activity.name,
                "subtitle": " · ".join(
                    part
                    for part in (
                        self._local(activity.date_start, "%H:%M"),
                        activity.place,
                    )
                    if part
                ),
                "phone": "",
                "badge": "",
                "tone": "info",
            }
            for activity in activities
        ]
        # the user's own to-dos due today or late (mail activities)
        todos = self.env["mail.activity"].search_fetch(
            [("user_id", "=", self.env.uid), ("date_deadline", "<=", today)],
            ["summary", "res_name", "res_model", "res_id", "date_deadline"],
            order="date_deadline, id",
            limit=SECTION_LIMIT,
        )
        for todo in todos:
            late = todo.date_deadline < today
            items.append(
                {
                    "id": todo.res_id,
                    "model": todo.res_model,
                    "name": todo.summary or todo.res_name or "",
                    "subtitle": todo.res_name if todo.summary else "",
                    "phone": "",
                    "badge": self.env._("Late") if late else self.env._("Today"),
                    "tone": "danger" if late else "warning",
                }
            )
        return self._section(
            "today",
            self.env._("Today's Activities and To-dos"),
            "party.activity",
            domain,
            items,
            len(items),
            self.env._("Nothing is planned for today."),
            "fa-calendar",
        )

    # ------------------------------------------------------------ head

    @api.model
    def _head_sections(self):
        Ticket = self.env["party.ticket"]
        ticket_fields = [
            "name",
            "title",
            "stage_id",
            "user_id",
            "date_deadline",
            "date_accept_deadline",
            "deadline_state",
        ]
        scope = self.env.user.party_grid_scope_ids
        verify_domain = [
            ("stage_code", "=", "verify"),
            ("is_verified", "=", False),
            ("user_id", "!=", self.env.uid),
            ("origin_grid_id", "child_of", scope.ids),
        ]
        overdue_domain = [("is_closed", "=", False), ("deadline_state", "=", "red")]
        sections = []
        for key, title, domain, empty, icon in (
            (
                "verify",
                self.env._("Tickets to Verify"),
                verify_domain,
                self.env._("No ticket waits for your verification."),
                "fa-check-square-o",
            ),
            (
                "overdue",
                self.env._("Overdue Tickets in My Grids"),
                overdue_domain,
                self.env._("No ticket of your grids is overdue."),
                "fa-clock-o",
            ),
        ):
            tickets = Ticket.search_fetch(
                domain,
                ticket_fields,
                order="date_deadline asc nulls last, id",
                limit=SECTION_LIMIT,
            )
            count = (
                len(tickets)
                if len(tickets) < SECTION_LIMIT
                else Ticket.search_count(domain)
            )
            sections.append(
                self._section(
                    key,
                    title,
                    "party.ticket",
                    domain,
                    self._ticket_items(tickets),
                    count,
                    empty,
                    icon,
                )
            )
        # members behind on their duty: their households not yet contacted
        Household = self.env["party.household"]
        groups = Household._read_group(
            [("is_contact_due", "=", True)],
            ["contact_member_id"],
            ["__count"],
            order="__count desc",
        )
        member_items = [
            {
                "id": member.id,
                # the member's households not yet contacted: what the figure
                # counts (the member may be in a grid above the user's)
                "model": "party.household",
                "domain": [
                    ("is_contact_due", "=", True),
                    ("contact_member_id", "=", member.id),
                ],
                # sudo: the name as the household list shows it
                "name": member.sudo().name,
                "subtitle": self.env._(
                    "%(count)s household(s) not contacted this month", count=count
                ),
                "phone": "",
                "badge": "",
                "tone": "warning",
            }
            for member, count in groups[:SECTION_LIMIT]
            if member
        ]
        sections.append(
            self._section(
                "members_behind",
                self.env._("Members Behind on Their Duty"),
                "party.household",
                [("is_contact_due", "=", True)],
                member_items,
                len(groups),
                self.env._("Every member has contacted their households this month."),
                "fa-users",
            )
        )
        none_domain = [("contact_member_id", "=", False)]
        without = Household.search_fetch(
            none_domain, ["name", "address", "phone"], limit=SECTION_LIMIT
        )
        without.mapped("contact_state")
        sections.append(
            self._section(
                "no_contact",
                self.env._("Households Without Contact Member"),
                "party.household",
                none_domain,
                self._household_items(without),
                len(without)
                if len(without) < SECTION_LIMIT
                else Household.search_count(none_domain),
                self.env._("Every household has a contact member."),
                "fa-user-times",
            )
        )
        return sections
