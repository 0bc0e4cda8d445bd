# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ROLE_SELECTION = [
    ("full_time", "Full-time Grid Worker"),
    ("part_time", "Part-time Grid Worker"),
    ("volunteer", "Grid Volunteer"),
    ("group_head", "Group Head"),
    ("joint_defense", "Joint Defence Head"),
    ("mediator", "Mediator"),
    ("other", "Other"),
]


class PartyGridRole(models.Model):
    _name = "party.grid.role"
    _description = "Grid Role"
    _order = "grid_id, role, id"

    grid_id = fields.Many2one(
        "party.grid", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(
        "party.member", string="Party Member", index=True, ondelete="restrict"
    )
    user_id = fields.Many2one(
        "res.users",
        index=True,
        compute="_compute_user_id",
        store=True,
        readonly=False,
        precompute=True,
        help="The login that gets this grid in its scope.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    phone = fields.Char(related="partner_id.phone", string="Phone")
    role = fields.Selection(ROLE_SELECTION, required=True, default="full_time")
    note = fields.Char()

    _sql_constraints = [
        (
            "grid_partner_role_uniq",
            "unique(grid_id, partner_id, role)",
            "This person already holds this role in this grid.",
        ),
    ]

    @api.depends("member_id")
    def _compute_user_id(self):
        for line in self:
            if line.member_id.user_id:
                line.user_id = line.member_id.user_id

    @api.depends("member_id", "user_id")
    def _compute_partner_id(self):
        for line in self:
            line.partner_id = (
                line.member_id.partner_id or line.user_id.partner_id or line.partner_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if lines.filtered("user_id"):
            self.env["res.users"]._party_grid_scope_changed()
        return lines

    def write(self, vals):
        scope = self.user_id
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # roles may be moved only within the grids the user manages
            self.check_access("write")
        if scope or self.user_id:
            self.env["res.users"]._party_grid_scope_changed()
        return res

    def unlink(self):
        scope = self.user_id
        res = super().unlink()
        if scope:
            self.env["res.users"]._party_grid_scope_changed()
        return res
