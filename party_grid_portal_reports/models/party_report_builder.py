# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PartyReportBuilder(models.AbstractModel):
    """The grid's residents' QR code (party_grid_portal) on the printed
    contact cards (民情联系卡) and notice boards (公示牌) of
    party_grid_reports: each card and board gets the code of its own grid,
    the one that opens that grid's submit page."""

    _inherit = "party.report.builder"

    @api.model
    def _portal_codes(self, grid_ids):
        """{grid id: (QR code as base64 PNG, submit page URL)}, one code per
        grid however many cards it prints."""
        # sudo: the token is printed for every resident to scan; the grids
        # were checked against the user's record rules by the builder
        grids = self.env["party.grid"].sudo().browse(set(grid_ids))
        return {
            grid.id: (grid.portal_qr.decode(), grid.portal_url)
            for grid in grids
            if grid.portal_token
        }

    def _with_portal_codes(self, rows):
        codes = self._portal_codes([row["grid_id"] for row in rows])
        for row in rows:
            row["portal_qr"], row["portal_url"] = codes.get(row["grid_id"], ("", ""))
        return rows

    @api.readonly
    @api.model
    def build_contact_cards(self, grid_ids):
        return self._with_portal_codes(super().build_contact_cards(grid_ids))

    @api.readonly
    @api.model
    def build_notice_boards(self, grid_ids):
        return self._with_portal_codes(super().build_notice_boards(grid_ids))
