# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

TITLE_LENGTH = 60


class PartyVisit(models.Model):
    _inherit = "party.visit"

    ticket_id = fields.Many2one(
        "party.ticket",
        string="Ticket",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The service ticket created from the problem found on this visit.",
    )

    def action_create_ticket(self):
        """A visit that found a problem creates its ticket in one step: same grid,
        same household, the finding as title and description, source 'visit'."""
        self.ensure_one()
        if self.ticket_id:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s was already created from this visit.",
                    ticket=self.ticket_id.display_name,
                )
            )
        finding = (self.finding or "").strip()
        if not finding:
            raise UserError(
                self.env._(
                    "Describe the problem found before creating a ticket from the "
                    "visit."
                )
            )
        first_line = finding.splitlines()[0].strip()
        ticket = self.env["party.ticket"].create(
            {
                "title": first_line[:TITLE_LENGTH],
                "description": plaintext2html(finding),
                "source": "visit",
                "grid_id": self.grid_id.id,
                "household_id": self.household_id.id,
            }
        )
        self.write({"ticket_id": ticket.id, "needs_follow_up": True})
        ticket.message_post(
            body=self.env._(
                "Created from the visit of %(member)s to %(household)s on %(date)s.",
                member=self.member_id.name,
                household=self.household_id.name,
                date=fields.Datetime.to_string(self.date),
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }


class PartyTicket(models.Model):
    _inherit = "party.ticket"

    visit_ids = fields.One2many(
        "party.visit", "ticket_id", string="Visits", readonly=True
    )
