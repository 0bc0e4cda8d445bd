# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from random import randint

from odoo import fields, models


class PartyHouseholdTag(models.Model):
    _name = "party.household.tag"
    _description = "Household Tag"
    _order = "name"

    def _default_color(self):
        return randint(1, 11)

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    must_visit = fields.Boolean(
        help="Households with this tag must be visited (hardship families, elderly "
        "living alone, left-behind children…)."
    )
    color = fields.Integer(default=lambda self: self._default_color())
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a household tag must be unique."),
    ]
