# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class PartyMember(models.Model):
    """A member's name, phone, photo and address live on their partner, which
    record rules keep within the member's grid. Users manage members (their
    access rights and rules decide), never partners directly: the partner is
    written by the product once the member's own access is checked."""

    _inherit = "party.member"

    def _split_partner_vals(self, vals):
        own = {
            fname: value
            for fname, value in vals.items()
            if fname not in self._fields or not self._fields[fname].inherited
        }
        partner = {
            fname: value
            for fname, value in vals.items()
            if fname in self._fields and self._fields[fname].inherited
        }
        return own, partner

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
            Partner = self.env["res.partner"]
            # an existing person: the user must be allowed to see them
            Partner.browse(
                [vals["partner_id"] for vals in vals_list if vals.get("partner_id")]
            ).check_access("read")
            new = [i for i, vals in enumerate(vals_list) if not vals.get("partner_id")]
            split = [self._split_partner_vals(vals_list[i]) for i in new]
            # sudo: users have no right on partners; the member's create
            # (checked above, and by the member's rules after insert) carries
            # it. One create for the batch (an import of members)
            partners = Partner.sudo().create([partner for _own, partner in split])
            for i, (own, _partner), partner in zip(new, split, partners, strict=True):
                vals_list[i] = dict(own, partner_id=partner.id)
        members = super().create(vals_list)
        members._party_grid_sync_partner()
        return members

    def write(self, vals):
        if not self.env.su:
            own, partner_vals = self._split_partner_vals(vals)
            if partner_vals:
                self.check_access("write")
                # sudo: as in create, the member's write rights carry it
                self.partner_id.sudo().write(partner_vals)
                vals = own
        res = super().write(vals)
        if "grid_id" in vals or "partner_id" in vals:
            self._party_grid_sync_partner()
        return res

    def _party_grid_sync_partner(self):
        self.env["res.partner"]._party_grid_set(
            {member.partner_id: member.grid_id for member in self.sudo()}
        )
