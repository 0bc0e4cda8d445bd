# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyVisitReminder(models.Model):
    _name = "party.visit.reminder"
    _description = "Monthly Contact Reminder"
    _order = "month desc, member_id"

    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="cascade"
    )
    month = fields.Date(required=True, help="First day of the month reminded of.")
    activity_id = fields.Many2one(
        "mail.activity",
        string="Reminder Activity",
        ondelete="set null",
        help="The open to-do activity of the reminder; empty once it is done.",
    )
    reminder_count = fields.Integer(
        default=1, help="How many times the reminder was given or refreshed."
    )
    date_last = fields.Date(
        string="Last Reminded",
        help="The reminder day that last gave or refreshed the reminder: a run "
        "stopped that day and started again goes on with the members left.",
    )

    _sql_constraints = [
        (
            "member_month_uniq",
            "unique(member_id, month)",
            "A member has one reminder per month.",
        ),
    ]
