# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from .party_ticket_category import HANDLING_TYPE_SELECTION

UNIT_SELECTION = [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days")]
TIME_BASIS_SELECTION = [("calendar", "Calendar Time"), ("working", "Working Time")]
DEADLINE_FIELDS = (
    "date_accept_warning",
    "date_accept_deadline",
    "date_warning",
    "date_deadline",
)


class PartyTicketTimeLimit(models.Model):
    _name = "party.ticket.time.limit"
    _inherit = ["party.config.cache"]
    _description = "Ticket Time Limit"
    _order = "handling_type, level_id, id"

    handling_type = fields.Selection(HANDLING_TYPE_SELECTION, required=True)
    level_id = fields.Many2one(
        "party.grid.level",
        string="Grid Level",
        ondelete="cascade",
        help="Empty: the limit of this handling type at every level that has no "
        "limit of its own.",
    )
    unit = fields.Selection(UNIT_SELECTION, required=True, default="hours")
    time_basis = fields.Selection(
        TIME_BASIS_SELECTION,
        string="Counted In",
        required=True,
        default="calendar",
        help="Calendar time: the clock runs day and night (e.g. the 30-minute "
        "rules). Working time: only the working hours count, skipping weekends "
        "and public holidays and counting adjusted working days (工作日); a day "
        "is a working day's hours.",
    )
    calendar_id = fields.Many2one(
        "resource.calendar",
        string="Working Hours",
        default=lambda self: self.env["party.calendar.day"]._default_calendar(),
        help="The working hours, public holidays and adjusted working days that "
        "working time is counted on.",
    )
    accept_warning = fields.Float(
        string="Accept: Yellow After", help="Zero: no yellow warning."
    )
    accept_limit = fields.Float(string="Accept: Red After", help="Zero: no limit.")
    finish_warning = fields.Float(
        string="Finish: Yellow After", help="Zero: no yellow warning."
    )
    finish_limit = fields.Float(string="Finish: Red After", help="Zero: no limit.")

    @api.constrains("accept_warning", "accept_limit", "finish_warning", "finish_limit")
    def _check_thresholds(self):
        for limit in self:
            values = (
                limit.accept_warning,
                limit.accept_limit,
                limit.finish_warning,
                limit.finish_limit,
            )
            if any(value < 0 for value in values) or any(
                warning and red and warning > red
                for warning, red in (values[:2], values[2:])
            ):
                raise ValidationError(
                    self.env._(
                        "Time limits cannot be negative, and the yellow threshold "
                        "must come before the red one."
                    )
                )

    @api.constrains("handling_type", "level_id")
    def _check_unique(self):
        for limit in self:
            if self.search_count(
                [
                    ("handling_type", "=", limit.handling_type),
                    ("level_id", "=", limit.level_id.id),
                    ("id", "!=", limit.id),
                ],
                limit=1,
            ):
                raise ValidationError(
                    self.env._(
                        "There is already a time limit for this handling type "
                        "and level."
                    )
                )

    @api.constrains("time_basis", "calendar_id")
    def _check_calendar(self):
        for limit in self:
            if limit.time_basis == "working" and not limit.calendar_id:
                raise ValidationError(
                    self.env._(
                        "A limit counted in working time needs the working hours "
                        "it is counted on."
                    )
                )

    def _working_calendar(self):
        """The calendar the limit counts on, or nothing for calendar time."""
        self.ensure_one()
        if self.time_basis != "working":
            return self.env["resource.calendar"]
        # sudo: the working hours are configuration every ticket is counted on
        return self.calendar_id.sudo()

    def _hours(self, amount):
        self.ensure_one()
        if self.unit == "days":
            return amount * (self.calendar_id.sudo().hours_per_day or 8.0)
        return amount / 60.0 if self.unit == "minutes" else amount

    def _add(self, start, amount):
        """``start`` plus ``amount`` of the limit's unit, in calendar or
        working time."""
        self.ensure_one()
        if not amount:
            return False
        calendar = self._working_calendar()
        if calendar:
            return calendar._party_plan_hours(start, self._hours(amount))
        return start + timedelta(**{self.unit: amount})

    @api.model
    def _get_limits(self):
        """{(handling_type, level id or False): limit} of every limit (sudo:
        the limits are configuration every ticket is counted on)."""
        limits = self.sudo()
        return {key: limits.browse(id_) for key, id_ in self._limit_ids()}

    @api.model
    @tools.ormcache()
    def _limit_ids(self):
        """((handling_type, level id or False), limit id) of every limit.
        Cached: every new ticket asks for them; the cache is cleared when a
        limit or a grid level is created, changed or deleted."""
        return tuple(
            ((limit.handling_type, limit.level_id.id), limit.id)
            for limit in self.sudo().search([])
        )

    @api.model
    def _deadlines(self, handling_type, level, start, limits=None):
        """Yellow and red dates to accept and to finish a ticket of
        ``handling_type`` that arrives at ``start`` at a grid of ``level``."""
        limits = self._get_limits() if limits is None else limits
        limit = limits.get((handling_type, level.id)) or limits.get(
            (handling_type, False)
        )
        vals = dict.fromkeys(DEADLINE_FIELDS, False)
        vals["calendar_id"] = False
        if limit:
            for fname, amount in zip(
                DEADLINE_FIELDS,
                (
                    limit.accept_warning,
                    limit.accept_limit,
                    limit.finish_warning,
                    limit.finish_limit,
                ),
                strict=True,
            ):
                vals[fname] = limit._add(start, amount)
            vals["calendar_id"] = limit._working_calendar().id
        return vals

    @api.model
    def _shift(self, ticket, since, now):
        """The deadlines of ``ticket`` after its clock was paused from
        ``since`` to ``now``: each keeps the time that was left of it (in
        working time where the ticket counts working time)."""
        calendar = ticket.calendar_id.sudo()
        vals = {}
        for fname in DEADLINE_FIELDS:
            date = ticket[fname]
            if not date:
                continue
            if calendar and date > since:
                left = calendar._party_work_hours(since, date)
                vals[fname] = calendar._party_plan_hours(now, left) or date
            else:
                vals[fname] = date + (now - since)
        return vals
