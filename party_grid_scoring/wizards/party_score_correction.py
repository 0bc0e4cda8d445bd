# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import AccessError


class PartyScoreCorrectionWizard(models.TransientModel):
    _name = "party.score.correction.wizard"
    _description = "Correct a Points Line"

    line_id = fields.Many2one("party.score.line", required=True, ondelete="cascade")
    points = fields.Float(
        required=True, help="Points to add (positive) or take away (negative)."
    )
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("party_grid.party_grid_group_head"):
            raise AccessError(self.env._("Only grid heads and above correct points."))
        self.line_id._create_correction(self.points, self.reason)
        return {"type": "ir.actions.act_window_close"}
