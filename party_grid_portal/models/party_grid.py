# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import secrets

from odoo import api, fields, models


class PartyGrid(models.Model):
    """Each grid has a QR code (on its contact cards and notice board)
    that opens the residents' submit page, through an unguessable token."""

    _inherit = "party.grid"

    portal_token = fields.Char(
        string="QR Token",
        copy=False,
        readonly=True,
        index=True,
        groups="party_grid.party_grid_group_worker",
    )
    portal_url = fields.Char(
        string="Residents' Page",
        compute="_compute_portal_url",
        groups="party_grid.party_grid_group_worker",
        help="The page a resident opens with the grid's QR code to submit a "
        "request, without logging in.",
    )
    portal_qr = fields.Binary(
        string="QR Code",
        compute="_compute_portal_url",
        groups="party_grid.party_grid_group_worker",
    )

    _sql_constraints = [
        (
            "portal_token_uniq",
            "unique(portal_token)",
            "The QR token of a grid must be unique.",
        ),
    ]

    @api.depends("portal_token")
    def _compute_portal_url(self):
        Report = self.env["ir.actions.report"]
        for grid in self:
            if not grid.portal_token:
                grid.portal_url = False
                grid.portal_qr = False
                continue
            grid.portal_url = f"{grid.get_base_url()}/party/grid/{grid.portal_token}"
            grid.portal_qr = base64.b64encode(
                Report.barcode("QR", grid.portal_url, width=300, height=300)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals["portal_token"] = secrets.token_urlsafe(16)
        return super().create(vals_list)

    def _portal_station(self):
        """The grid whose service station serves this one: its own, or the
        nearest grid above that has one (a party group's is the village's)."""
        self.ensure_one()
        grid = self
        while grid and not (grid.station_address or grid.station_phone):
            grid = grid.parent_id
        return grid or self

    def _portal_head(self):
        """Who is told of the residents' requests: the grid's head, or the
        nearest head above (a party group's requests go to the village)."""
        self.ensure_one()
        grid = self
        while grid and not grid.head_id:
            grid = grid.parent_id
        return grid.head_id

    def _portal_reset_token(self):
        # sudo: the token is readonly for users; new tokens only, never chosen
        for grid in self.sudo():
            grid.portal_token = secrets.token_urlsafe(16)

    def action_portal_reset_token(self):
        """A new QR code: the printed old one stops working (a card that
        fell into the wrong hands, a flood of requests)."""
        self.check_access("write")
        self._portal_reset_token()
        for grid in self:
            grid._message_log(
                body=self.env._("New QR code: the old one no longer works.")
            )
        return True
