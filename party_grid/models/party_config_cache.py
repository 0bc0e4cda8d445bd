# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyConfigCache(models.AbstractModel):
    """Configuration that every ticket operation reads through an ormcache
    (the stages, the time limits): any change of it clears the server's
    cache, in every process (Odoo signals the change to the others)."""

    _name = "party.config.cache"
    _description = "Configuration Kept in the Server's Cache"

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
