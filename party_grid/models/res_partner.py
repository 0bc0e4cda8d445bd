# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    """The persons the product registers (party members, household heads)
    carry their grid, so that the record rules keep their phones and
    addresses within the grid's scope."""

    _inherit = "res.partner"

    party_grid_id = fields.Many2one(
        "party.grid",
        string="Registered in Grid",
        index="btree_not_null",
        readonly=True,
        copy=False,
        ondelete="restrict",
        help="Set by the party member or household this person is registered "
        "as; only users working on that grid (and above) see the person.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("party_grid_id" in vals for vals in vals_list):
            self._refuse_party_grid_id()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "party_grid_id" in vals:
            self._refuse_party_grid_id()
        return super().write(vals)

    def _refuse_party_grid_id(self):
        raise UserError(
            self.env._(
                "The grid of a registered person follows their party member or "
                "household record and cannot be set directly."
            )
        )

    @api.model
    def _party_grid_set(self, partner_grids):
        """Give each partner of ``partner_grids`` ({partner: grid}) its grid,
        one write per grid."""
        by_grid = {}
        for partner, grid in partner_grids.items():
            if partner and partner.party_grid_id != grid:
                by_grid.setdefault(grid, self.browse())
                by_grid[grid] |= partner
        for grid, partners in by_grid.items():
            # sudo: the grid of a person is set by the product, never by users
            partners.sudo().write({"party_grid_id": grid.id})
