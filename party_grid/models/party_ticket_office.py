# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyTicketOffice(models.Model):
    _name = "party.ticket.office"
    _description = "Joint Handling Office"
    _order = "name, id"

    name = fields.Char(required=True)
    user_ids = fields.Many2many(
        "res.users",
        "party_ticket_office_user_rel",
        "office_id",
        "user_id",
        string="Office Users",
        help="Users of the office who see and return the tickets handed to it; "
        "give them the group Joint Office.",
    )
    phone = fields.Char()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "An office with this name already exists."),
    ]
