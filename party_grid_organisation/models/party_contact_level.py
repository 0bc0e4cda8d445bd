# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# the levels of the contact pyramid (seed 004, 四级联系服务制度), from the top:
# who links whom. The first four are links recorded in party.contact.link;
# the last two are party_grid's own register (a member's central household,
# a household's contact member), counted but not duplicated.
LEVEL_SELECTION = [
    ("township", "Township Committee Member → Village Organisation"),
    ("general_branch", "General Branch Committee Member → Grid Party Branch"),
    ("branch", "Branch Committee Member → Party Group"),
    ("group", "Party Group Head → Central Household or Model Post"),
    ("central", "Central Household → Party Members"),
    ("member", "Party Member → Households"),
]
LINK_LEVELS = ("township", "general_branch", "branch", "group")
GRID_LEVELS = ("township", "general_branch", "branch")
# index of each level, for the ids of the load view
LEVEL_INDEX = {code: index for index, (code, _label) in enumerate(LEVEL_SELECTION)}


class PartyContactLevel(models.Model):
    _name = "party.contact.level"
    _description = "Contact Pyramid Level"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Selection(LEVEL_SELECTION, required=True, readonly=True)
    sequence = fields.Integer(default=10)
    min_load = fields.Integer(
        string="Minimum",
        required=True,
        help="Fewer links than this are shown as too few.",
    )
    max_load = fields.Integer(
        string="Maximum",
        required=True,
        help="More links than this are shown as too many, and refused where "
        "“Refuse Above the Maximum” is ticked.",
    )
    enforce_max = fields.Boolean(
        string="Refuse Above the Maximum",
        default=True,
        help="Refuse a link, coordinated member or household beyond the maximum. "
        "Untick it for a level whose existing ledgers are imported as they are "
        "(they are then only highlighted).",
    )
    is_link = fields.Boolean(
        compute="_compute_is_link",
        string="Recorded as Links",
        help="Links of this level are recorded in the contact pyramid; the last "
        "two levels are the central household and contact member of the register.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "Each pyramid level exists once."),
    ]

    @api.depends("code")
    def _compute_is_link(self):
        for level in self:
            level.is_link = level.code in LINK_LEVELS

    @api.constrains("min_load", "max_load")
    def _check_loads(self):
        for level in self:
            if level.min_load < 0 or level.max_load < max(level.min_load, 1):
                raise ValidationError(
                    self.env._(
                        "The norm of level “%(level)s” is wrong: the minimum cannot "
                        "be negative and the maximum must be at least the minimum "
                        "and at least 1.",
                        level=level.name,
                    )
                )

    @api.model
    def _by_code(self):
        """The levels by code (sudo: the norms are configuration every role
        applies, whoever may read them)."""
        return {level.code: level for level in self.sudo().search([])}
