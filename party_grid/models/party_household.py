# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

KIND_SELECTION = [
    ("household", "Household"),
    ("tenant", "Tenant"),
    ("shop", "Shop"),
    ("enterprise", "Enterprise"),
    ("organisation", "Social Organisation"),
    ("facility", "Facility"),
]
CONTACT_REASON_SELECTION = [
    ("kin", "Kinship"),
    ("near", "Nearby"),
    ("neighbour", "Neighbour"),
]


class PartyHousehold(models.Model):
    _name = "party.household"
    _description = "Household or Grid Object"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "grid_id, name, id"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        KIND_SELECTION, required=True, default="household", tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Head / Contact Person", index=True, ondelete="restrict"
    )
    address = fields.Char()
    phone = fields.Char()
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    residents_count = fields.Integer(string="Residents", default=1)
    tag_ids = fields.Many2many(
        "party.household.tag",
        "party_household_tag_rel",
        "household_id",
        "tag_id",
        string="Tags",
    )
    must_visit = fields.Boolean(
        compute="_compute_must_visit",
        store=True,
        index=True,
        help="Set when one of the tags requires visits.",
    )
    contact_member_id = fields.Many2one(
        "party.member",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The party member responsible for this household.",
    )
    contact_reason = fields.Selection(
        CONTACT_REASON_SELECTION,
        help="Why this member was chosen: kinship, living nearby or neighbour.",
    )
    notes = fields.Text()
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("tag_ids.must_visit")
    def _compute_must_visit(self):
        for household in self:
            household.must_visit = any(household.tag_ids.mapped("must_visit"))

    @api.constrains("residents_count")
    def _check_residents_count(self):
        for household in self:
            if household.residents_count < 0:
                raise ValidationError(
                    self.env._(
                        "The number of residents of %(household)s cannot be negative.",
                        household=household.name,
                    )
                )

    @api.constrains("contact_member_id", "grid_id")
    def _check_contact_member_id(self):
        # sudo: the member's grid may be an ancestor outside the user's scope
        for household in self.sudo():
            member = household.contact_member_id
            if not member:
                continue
            # the member's grid must be the household's grid or an ancestor
            member_path = member.grid_id.parent_path or ""
            if not (household.grid_id.parent_path or "").startswith(member_path):
                raise ValidationError(
                    self.env._(
                        "Contact member %(member)s belongs to grid “%(member_grid)s”, "
                        "outside the grid “%(grid)s” of household %(household)s. "
                        "Choose a member of that grid or of a grid above it.",
                        member=member.name,
                        member_grid=member.grid_id.complete_name,
                        grid=household.grid_id.complete_name,
                        household=household.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # households may be moved only within the grids the user manages
            self.check_access("write")
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        used = self._get_households_with_history()
        if used:
            raise UserError(
                self.env._(
                    "Household %(household)s has history and cannot be deleted. "
                    "Archive it instead.",
                    household=used[0].name,
                )
            )

    @api.model
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Households"),
                "template": (
                    "/party_grid/static/xlsx/party_household_import_template.xlsx"
                ),
            }
        ]

    def _get_households_with_history(self):
        """Return the households of ``self`` that must not be deleted. Addons
        that attach history to households (visits, tickets…) extend this."""
        return self.browse()
