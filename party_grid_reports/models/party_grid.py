# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PartyGrid(models.Model):
    _inherit = "party.grid"

    @api.model
    @api.readonly
    def _party_grid_figures_action(self):
        """Township and county land on the leader dashboard."""
        action = self.env.ref(
            "party_grid_reports.party_leader_dashboard_action", raise_if_not_found=False
        )
        if not action:
            return super()._party_grid_figures_action()
        return self.env["ir.actions.actions"]._for_xml_id(
            "party_grid_reports.party_leader_dashboard_action"
        )
