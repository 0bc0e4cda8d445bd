# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PartyVisitDutyReport(models.Model):
    _name = "party.visit.duty.report"
    _inherit = ["party.visit.duty.report", "party.grid.month.label.mixin"]


class PartyTicketReport(models.Model):
    _name = "party.ticket.report"
    _inherit = ["party.ticket.report", "party.grid.month.label.mixin"]
