# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .party_ticket_operation import LOG_SELECTION


class PartyTicketLog(models.Model):
    """Append-only handling log of a ticket: one line per operation."""

    _name = "party.ticket.log"
    _description = "Ticket Handling Log"
    _order = "date, id"

    ticket_id = fields.Many2one(
        "party.ticket", required=True, index=True, ondelete="cascade"
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        default=lambda self: self.env.user,
        ondelete="restrict",
    )
    operation = fields.Selection(LOG_SELECTION, required=True)
    from_grid_id = fields.Many2one("party.grid")
    to_grid_id = fields.Many2one("party.grid")
    from_user_id = fields.Many2one("res.users")
    to_user_id = fields.Many2one("res.users")
    from_office_id = fields.Many2one("party.ticket.office")
    to_office_id = fields.Many2one("party.ticket.office")
    from_stage_id = fields.Many2one("party.ticket.stage")
    to_stage_id = fields.Many2one("party.ticket.stage")
    reason = fields.Text(string="Why")

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "Handling log lines are written by the ticket's operations only."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise UserError(
                self.env._("The handling log of a ticket is never changed.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The handling log of a ticket is never changed."))
