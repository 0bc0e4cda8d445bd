# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_ticket_category import HANDLING_TYPE_SELECTION

UNIT_SELECTION = [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days")]


class PartyTicketTimeLimit(models.Model):
    _name = "party.ticket.time.limit"
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

    def _delta(self, amount):
        self.ensure_one()
        return timedelta(**{self.unit: amount}) if amount else None

    @api.model
    def _get_limits(self):
        """{(handling_type, level id or False): limit} of every limit."""
        return {
            (limit.handling_type, limit.level_id.id): limit
            for limit in self.sudo().search([])
        }

    @api.model
    def _deadlines(self, handling_type, level, start, limits=None):
        """Yellow and red dates to accept and to finish a ticket of
        ``handling_type`` that arrives at ``start`` at a grid of ``level``."""
        limits = self._get_limits() if limits is None else limits
        limit = limits.get((handling_type, level.id)) or limits.get(
            (handling_type, False)
        )
        vals = dict.fromkeys(
            (
                "date_accept_warning",
                "date_accept_deadline",
                "date_warning",
                "date_deadline",
            ),
            False,
        )
        if limit:
            for fname, amount in (
                ("date_accept_warning", limit.accept_warning),
                ("date_accept_deadline", limit.accept_limit),
                ("date_warning", limit.finish_warning),
                ("date_deadline", limit.finish_limit),
            ):
                delta = limit._delta(amount)
                vals[fname] = start + delta if delta else False
        return vals
