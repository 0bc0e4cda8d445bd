# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

WEEKDAY_SELECTION = [
    ("0", "Monday"),
    ("1", "Tuesday"),
    ("2", "Wednesday"),
    ("3", "Thursday"),
    ("4", "Friday"),
    ("5", "Saturday"),
    ("6", "Sunday"),
]


class PartyGridDuty(models.Model):
    _name = "party.grid.duty"
    _description = "Service Station Duty Rota"
    _order = "grid_id, weekday, id"

    grid_id = fields.Many2one(
        "party.grid", required=True, index=True, ondelete="cascade"
    )
    weekday = fields.Selection(WEEKDAY_SELECTION, required=True, default="0")
    partner_id = fields.Many2one(
        "res.partner", string="Person on Duty", required=True, index=True
    )
    phone = fields.Char(related="partner_id.phone", string="Phone")
    note = fields.Char()
