# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class PartyGridLevel(models.Model):
    _name = "party.grid.level"
    _description = "Grid Level"
    _order = "sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(
        required=True,
        default=10,
        help="Levels with a larger sequence are deeper in the grid tree.",
    )
    code = fields.Char(required=True)
    active = fields.Boolean(default=True)
    grid_count = fields.Integer(compute="_compute_grid_count", string="Grids")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a grid level must be unique."),
    ]

    def _compute_grid_count(self):
        counts = dict(
            self.env["party.grid"]._read_group(
                [("level_id", "in", self.ids)], ["level_id"], ["__count"]
            )
        )
        for level in self:
            level.grid_count = counts.get(level, 0)

    def write(self, vals):
        res = super().write(vals)
        if "sequence" in vals:
            grids = self.env["party.grid"].with_context(active_test=False)
            grids.search([("level_id", "in", self.ids)])._check_level_id()
        return res

    def unlink(self):
        # the level's time limits go with it (cascade): cached ids of them
        self.env.registry.clear_cache()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        grids = self.env["party.grid"].sudo().with_context(active_test=False)
        # sudo: records of every grid count, none is named
        if grids.search_count([("level_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "This level is used by grids "
                    "and cannot be deleted; archive it instead."
                )
            )
