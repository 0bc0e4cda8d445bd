# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

CHANNEL_TIER_SELECTION = [
    ("township", "Township Group"),
    ("village", "Village Group"),
    ("grid", "Grid Group"),
]


class PartyGridLevel(models.Model):
    _inherit = "party.grid.level"

    channel_tier = fields.Selection(
        CHANNEL_TIER_SELECTION,
        string="Group Tower Tier",
        help="Which tier of the three-level group tower (三级微信塔群) the grids of "
        "this level get: a township group (township cadres and village heads), a "
        "village group (liaison cadre, village committee and the village's party "
        "members) or a grid group (the grid's members and their contacts who have "
        "a login). Empty: the grids of this level get no group.",
    )

    def write(self, vals):
        res = super().write(vals)
        if "channel_tier" in vals:
            # the scheduled sync creates the groups of the new tier and refreshes
            # the members of those whose tier changed
            channels = (
                self.env["discuss.channel"]
                .sudo()
                .search([("party_grid_id.level_id", "in", self.ids)])
            )
            channels._party_mark_dirty()
            self.env["discuss.channel"]._party_trigger_sync()
        return res
