# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.4.0 keeps registered persons' partners within their grid (record rules
on res.partner.party_grid_id): give the partners of existing members and
household heads their grid, members first (a member keeps their own grid)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE res_partner p SET party_grid_id = m.grid_id
             FROM party_member m
            WHERE m.partner_id = p.id AND p.party_grid_id IS NULL"""
    )
    cr.execute(
        """UPDATE res_partner p SET party_grid_id = h.grid_id
             FROM party_household h
            WHERE h.partner_id = p.id AND p.party_grid_id IS NULL
              AND NOT EXISTS (SELECT 1 FROM party_member m WHERE m.partner_id = p.id)"""
    )
