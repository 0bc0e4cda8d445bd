# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models

DAY_TYPE_SELECTION = [
    ("holiday", "Public Holiday"),
    ("workday", "Adjusted Working Day"),
]


class PartyCalendarDay(models.Model):
    """One day of the year's holiday schedule as the State Council publishes
    it: a public holiday (no working time; kept as a global leave of the
    calendar) or an adjusted working day (调休: a weekend day that is worked).
    The administrator enters or imports them as a simple list."""

    _name = "party.calendar.day"
    _description = "Public Holiday or Adjusted Working Day"
    _order = "date desc"
    _rec_name = "name"

    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        required=True,
        ondelete="cascade",
        default=lambda self: self._default_calendar(),
    )
    date = fields.Date(required=True)
    day_type = fields.Selection(
        DAY_TYPE_SELECTION, string="Type", required=True, default="holiday"
    )
    name = fields.Char(string="Occasion", required=True)
    leave_id = fields.Many2one(
        "resource.calendar.leaves", readonly=True, ondelete="set null", copy=False
    )

    _sql_constraints = [
        (
            "date_uniq",
            "unique(calendar_id, date)",
            "A day is listed once per working hours calendar.",
        )
    ]

    @api.model
    def _default_calendar(self):
        return (
            self.env.ref(
                "party_grid.resource_calendar_party_grid", raise_if_not_found=False
            )
            or self.env.company.resource_calendar_id
        )

    @api.model_create_multi
    def create(self, vals_list):
        days = super().create(vals_list)
        days._sync_leaves()
        return days

    def write(self, vals):
        result = super().write(vals)
        if {"calendar_id", "date", "day_type", "name"} & set(vals):
            self._sync_leaves()
        return result

    def unlink(self):
        # sudo: the holiday's leave belongs to this list and goes with it
        self.leave_id.sudo().unlink()
        return super().unlink()

    def _sync_leaves(self):
        """A public holiday is a whole-day global leave of its calendar (what
        resource.calendar's own work intervals skip); an adjusted working day
        has none."""
        # sudo: the leaves mirror this list, which the administrator may edit
        Leave = self.env["resource.calendar.leaves"].sudo()
        for day in self:
            if day.day_type != "holiday":
                day.leave_id.sudo().unlink()
                continue
            tz = day.calendar_id._party_tz()
            begin = tz.localize(datetime.combine(day.date, time.min))
            vals = {
                "name": day.name,
                "calendar_id": day.calendar_id.id,
                "resource_id": False,
                "time_type": "leave",
                "date_from": begin.astimezone(pytz.utc).replace(tzinfo=None),
                "date_to": (begin + timedelta(days=1, seconds=-1))
                .astimezone(pytz.utc)
                .replace(tzinfo=None),
            }
            if day.leave_id:
                day.leave_id.sudo().write(vals)
            else:
                day.leave_id = Leave.create(vals)
