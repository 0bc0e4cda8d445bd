# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

HANDLING_TYPE_SELECTION = [
    ("immediate", "Immediate"),
    ("promised", "Promised"),
    ("missing", "Missing Documents"),
    ("joint", "Joint Handling"),
    ("report", "Reported Upward"),
    ("reject", "Cannot Be Done"),
]


class PartyTicketCategory(models.Model):
    _name = "party.ticket.category"
    _description = "Ticket Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    default_handling_type = fields.Selection(
        HANDLING_TYPE_SELECTION, required=True, default="promised"
    )
    allow_skip_level = fields.Boolean(
        string="May Skip Levels",
        help="Tickets of this category may be reported past the parent grid "
        "(e.g. safety hazards straight to the township).",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a ticket category must be unique."),
    ]

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        tickets = self.env["party.ticket"].sudo().with_context(active_test=False)
        # sudo: records of every grid count, none is named
        if tickets.search_count([("category_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "This category is used by tickets "
                    "and cannot be deleted; archive it instead."
                )
            )
