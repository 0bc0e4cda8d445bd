# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import api, fields, models

PARAM_SIGN_DEADLINE = "party_grid_organisation.sign_deadline"


def sign_deadline(env):
    """The day by which every central household's sign plate is installed:
    the configured date, else the end of September of this year (seed 004)."""
    # sudo: a configuration value every role applies
    value = env["ir.config_parameter"].sudo().get_param(PARAM_SIGN_DEADLINE)
    if value:
        return fields.Date.to_date(value)
    return date(fields.Date.context_today(env["res.users"]).year, 9, 30)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_sign_deadline = fields.Date(
        string="Sign Plates Installed By",
        help="The day by which every central household's sign plate (标识牌) must "
        "be installed; empty, the end of September of this year.",
    )

    @api.model
    def get_values(self):
        res = super().get_values()
        value = self.env["ir.config_parameter"].sudo().get_param(PARAM_SIGN_DEADLINE)
        res["party_sign_deadline"] = fields.Date.to_date(value) if value else False
        return res

    def set_values(self):
        res = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            PARAM_SIGN_DEADLINE,
            fields.Date.to_string(self.party_sign_deadline)
            if self.party_sign_deadline
            else False,
        )
        return res
