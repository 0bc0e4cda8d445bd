# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models
from odoo.exceptions import UserError


class PartyScoreCompareWizard(models.TransientModel):
    """Two subjects side by side, item by item: "why do these two party
    groups differ so much?"."""

    _name = "party.score.compare.wizard"
    _description = "Compare Two Subjects Item by Item"

    period_id = fields.Many2one("party.score.period", required=True, ondelete="cascade")
    subject_type = fields.Selection(related="period_id.subject_type")
    member_a_id = fields.Many2one("party.member")
    member_b_id = fields.Many2one("party.member")
    grid_a_id = fields.Many2one("party.grid")
    grid_b_id = fields.Many2one("party.grid")
    user_a_id = fields.Many2one("res.users")
    user_b_id = fields.Many2one("res.users")
    line_ids = fields.One2many(
        "party.score.compare.line", "wizard_id", string="Comparison", readonly=True
    )
    total_a = fields.Float(readonly=True)
    total_b = fields.Float(readonly=True)

    def _subjects(self):
        self.ensure_one()
        if self.subject_type == "member":
            return self.member_a_id, self.member_b_id, "member_id"
        if self.subject_type == "grid":
            return self.grid_a_id, self.grid_b_id, "subject_grid_id"
        return self.user_a_id, self.user_b_id, "user_id"

    def action_compare(self):
        self.ensure_one()
        subject_a, subject_b, fname = self._subjects()
        if not subject_a or not subject_b:
            raise UserError(self.env._("Choose the two subjects to compare."))
        rows = self.period_id._compare(fname, subject_a.id, subject_b.id)
        months = len(self.period_id._get_months())
        base = self.period_id.scheme_id.base_points * months
        self.write(
            {
                "line_ids": [Command.clear()] + [Command.create(row) for row in rows],
                "total_a": base + sum(row["points_a"] for row in rows),
                "total_b": base + sum(row["points_b"] for row in rows),
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }


class PartyScoreCompareLine(models.TransientModel):
    _name = "party.score.compare.line"
    _description = "Comparison Line"
    _order = "sequence, id"

    wizard_id = fields.Many2one(
        "party.score.compare.wizard", required=True, ondelete="cascade"
    )
    sequence = fields.Integer()
    item_id = fields.Many2one("party.score.item", string="Criterion")
    category_id = fields.Many2one("party.score.category")
    max_points = fields.Float(string="Maximum")
    points_a = fields.Float()
    lost_a = fields.Float()
    points_b = fields.Float()
    lost_b = fields.Float()
    difference = fields.Float(string="A − B")
