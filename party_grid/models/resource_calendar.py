# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Working time of the county: a resource.calendar's working hours, minus
its public holidays (global resource.calendar.leaves), plus the adjusted
working days (调休) on which offices work although it is a weekend."""

from datetime import datetime, time, timedelta

import pytz

from odoo import fields, models

from odoo.addons.resource.models.utils import Intervals

# the window of working intervals read at a time when planning a limit
PLAN_WINDOW = timedelta(days=30)
PLAN_WINDOWS = 24


class ResourceCalendar(models.Model):
    _inherit = "resource.calendar"

    party_day_ids = fields.One2many(
        "party.calendar.day", "calendar_id", string="Holidays and Adjusted Days"
    )

    def _party_tz(self):
        return pytz.timezone(self.tz or "Asia/Shanghai")

    def _party_work_intervals(self, start, end):
        """Working intervals between the naive UTC datetimes ``start`` and
        ``end`` (aware UTC intervals): Odoo's own work intervals (attendances
        minus the global leaves, i.e. the public holidays) and, on an
        adjusted working day, the working hours of a Monday."""
        self.ensure_one()
        tz = self._party_tz()
        start_dt = pytz.utc.localize(start)
        end_dt = pytz.utc.localize(end)
        intervals = self._work_intervals_batch(start_dt, end_dt, tz=tz)[False]
        local_start = start_dt.astimezone(tz).date()
        local_end = end_dt.astimezone(tz).date()
        extra = []
        for day in self.party_day_ids:
            if day.day_type != "workday" or not local_start <= day.date <= local_end:
                continue
            # the hours of the Monday of that week, moved to the adjusted day
            monday = day.date - timedelta(days=day.date.weekday())
            shift = day.date - monday
            day_start = tz.localize(datetime.combine(monday, time.min))
            attendances = self._attendance_intervals_batch(
                day_start, day_start + timedelta(days=1), tz=tz
            )[False]
            for begin, stop, records in attendances:
                begin, stop = max(begin + shift, start_dt), min(stop + shift, end_dt)
                if begin < stop:
                    extra.append((begin, stop, records))
        return intervals | Intervals(extra)

    def _party_plan_hours(self, start, hours):
        """The naive UTC datetime ``hours`` of working time after ``start``."""
        self.ensure_one()
        for n in range(PLAN_WINDOWS):
            window = start + PLAN_WINDOW * n
            for begin, stop, _records in self._party_work_intervals(
                window, window + PLAN_WINDOW
            ):
                length = (stop - begin).total_seconds() / 3600
                if hours <= length:
                    due = begin + timedelta(hours=hours)
                    return due.astimezone(pytz.utc).replace(tzinfo=None)
                hours -= length
        return False

    def _party_work_hours(self, start, end):
        """Hours of working time between the naive UTC datetimes ``start``
        and ``end``."""
        self.ensure_one()
        if end <= start:
            return 0.0
        return sum(
            (stop - begin).total_seconds() / 3600
            for begin, stop, _records in self._party_work_intervals(start, end)
        )
