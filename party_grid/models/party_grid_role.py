# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError

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

    @api.model
    def _check_grant(self, vals_list):
        """A role may give its holder a grid's subtree: check, against the
        scope as it is before the write, that the grid and the member named
        are in the user's scope (the record rule alone would be checked
        after the insert, against a scope that already includes the role)."""
        user = self.env.user
        if self.env.su or user._party_grid_is_admin():
            return
        grid_ids = {vals["grid_id"] for vals in vals_list if vals.get("grid_id")}
        user._party_grid_check_covers(self.env["party.grid"].browse(grid_ids))
        member_ids = {vals["member_id"] for vals in vals_list if vals.get("member_id")}
        if member_ids:
            # sudo: the member's grid, to refuse members outside the scope
            members = self.env["party.member"].sudo().browse(member_ids)
            user._party_grid_check_covers(members.grid_id)
        partner_ids = {
            vals["partner_id"] for vals in vals_list if vals.get("partner_id")
        }
        partners = self.env["res.partner"].browse(partner_ids)
        if partners and len(partners._filtered_access("read")) != len(partners):
            raise AccessError(
                self.env._("You cannot give a role to a person you may not see.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_grant(vals_list)
        lines = super().create(vals_list)
        if lines.filtered("user_id"):
            self.env["res.users"]._party_grid_scope_changed()
        return lines

    def write(self, vals):
        self._check_grant([vals])
        scope_fields = [f for f in ("grid_id", "user_id", "active") if f in vals]
        scope_before = self.env["res.users"]._party_grid_scope_snapshot(
            self.filtered("user_id") if "user_id" not in vals else self, scope_fields
        )
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # roles may be moved only within the grids the user manages
            self.check_access("write")
        self.env["res.users"]._party_grid_scope_changed_since(
            self.filtered("user_id") if "user_id" not in vals else self,
            scope_fields,
            scope_before,
        )
        return res

    def unlink(self):
        scope = self.user_id
        res = super().unlink()
        if scope:
            self.env["res.users"]._party_grid_scope_changed()
        return res
