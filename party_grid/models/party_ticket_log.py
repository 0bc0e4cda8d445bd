# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .party_grid_tools import readable_name
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
    by_name = fields.Char(
        string="Done By",
        compute="_compute_by_name",
        help="The user who did it; for what a resident did on the portal without "
        "a login, the resident's own name.",
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

    @api.depends("user_id", "ticket_id.partner_id")
    @api.depends_context("lang")
    def _compute_by_name(self):
        for line in self:
            user = line.user_id
            if user and user._is_public():
                # a resident on the portal: the ticket's requester, named only
                # where the reader may read them
                partner = line.ticket_id.partner_id
                line.by_name = (
                    self.env._(
                        "%(name)s (resident)",
                        name=readable_name(self.env, partner, "name"),
                    )
                    if partner
                    else self.env._("A resident")
                )
            else:
                line.by_name = user.name

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
