# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    readable_name,
)

from .party_contact_level import GRID_LEVELS, LINK_LEVELS

VILLAGE_ORGS = ("general_branch", "branch")


def _in_subtree(grid, root):
    """Whether ``grid`` is ``root`` or lies below it."""
    return bool(grid and root) and (grid.parent_path or "").startswith(
        root.parent_path or ""
    )


class PartyContactLink(models.Model):
    _name = "party.contact.link"
    _description = "Contact Pyramid Link"
    _order = "level_sequence, grid_id, partner_id, id"
    _rec_name = "partner_id"

    level_id = fields.Many2one(
        "party.contact.level",
        required=True,
        index=True,
        ondelete="restrict",
        domain=[("code", "in", LINK_LEVELS)],
    )
    level_code = fields.Selection(related="level_id.code", store=True, index=True)
    level_sequence = fields.Integer(related="level_id.sequence", store=True)
    member_id = fields.Many2one(
        "party.member",
        string="Party Member",
        index=True,
        ondelete="restrict",
        help="The party member who links; a township cadre who is not registered "
        "as a member is given as a person.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    phone = fields.Char(related="partner_id.phone")
    target_grid_id = fields.Many2one(
        "party.grid",
        string="Linked Organisation",
        index=True,
        ondelete="restrict",
        help="The village organisation, grid party branch or party group linked.",
    )
    target_member_id = fields.Many2one(
        "party.member",
        string="Linked Central Household",
        index=True,
        ondelete="restrict",
        domain="[('is_central_household', '=', True)]",
        help="The central household or model post a party group head links.",
    )
    grid_id = fields.Many2one(
        "party.grid",
        compute="_compute_grid_id",
        store=True,
        index=True,
        help="The grid of the linked organisation or central household.",
    )
    date_start = fields.Date(string="Since", default=fields.Date.context_today)
    note = fields.Char()
    active = fields.Boolean(default=True)

    @api.depends("member_id")
    def _compute_partner_id(self):
        for link in self:
            if link.member_id:
                link.partner_id = link.member_id.partner_id

    @api.depends("target_grid_id", "target_member_id.grid_id")
    def _compute_grid_id(self):
        for link in self:
            link.grid_id = link.target_grid_id or link.target_member_id.grid_id

    @api.constrains(
        "level_id", "member_id", "partner_id", "target_grid_id", "target_member_id"
    )
    def _check_link(self):
        # sudo: the person's and the target's grids may lie outside the scope
        for link in self.sudo():
            code = link.level_id.code
            if code not in LINK_LEVELS:
                raise ValidationError(
                    self.env._(
                        "Level “%(level)s” is not recorded as a link: a central "
                        "household's members and a member's households are set on "
                        "the member and the household.",
                        level=link.level_id.name,
                    )
                )
            if code != "township" and not link.member_id:
                raise ValidationError(
                    self.env._(
                        "At level “%(level)s” the person who links must be a "
                        "registered party member.",
                        level=link.level_id.name,
                    )
                )
            if link.member_id and link.member_id.partner_id != link.partner_id:
                raise ValidationError(
                    self.env._("The person of a link is the party member's contact.")
                )
            if code in GRID_LEVELS:
                link._check_grid_target()
            else:
                link._check_member_target()
        self._check_load()
        self._check_duplicate()

    def _check_grid_target(self):
        self.ensure_one()
        target = self.target_grid_id
        level = self.level_id
        if not target or self.target_member_id:
            raise ValidationError(
                self.env._(
                    "A link of level “%(level)s” links an organisation (a grid), "
                    "not a central household.",
                    level=level.name,
                )
            )
        parent = target.parent_id
        expected = {
            "township": target.org_type in VILLAGE_ORGS
            and parent.org_type == "committee",
            "general_branch": target.org_type == "branch"
            and parent.org_type == "general_branch",
            "branch": target.org_type == "group",
        }[level.code]
        if not expected:
            raise ValidationError(
                self.env._(
                    "“%(target)s” cannot be linked at level “%(level)s”: each level "
                    "links the organisations just below it (township → village "
                    "organisation → grid party branch → party group → central "
                    "household), a link cannot skip a level.",
                    target=readable_name(self.env, target, "complete_name"),
                    level=level.name,
                )
            )
        # the person belongs to the organisation above the target
        if self.member_id and not _in_subtree(self.member_id.grid_id, parent):
            raise ValidationError(
                self.env._(
                    "%(person)s belongs to grid “%(grid)s”, not to the organisation "
                    "above “%(target)s”: a committee member links organisations "
                    "of their own organisation.",
                    person=self.partner_id.name,
                    grid=readable_name(self.env, self.member_id.grid_id, "name"),
                    target=readable_name(self.env, target, "name"),
                )
            )

    def _check_member_target(self):
        self.ensure_one()
        target = self.target_member_id
        if not target or self.target_grid_id:
            raise ValidationError(
                self.env._(
                    "A party group head links central households or model posts, "
                    "not an organisation."
                )
            )
        if target == self.member_id:
            raise ValidationError(
                self.env._(
                    "%(member)s cannot be linked as their own central household.",
                    member=self.member_id.name,
                )
            )
        if not target.is_central_household:
            raise ValidationError(
                self.env._(
                    "%(target)s is neither a central household nor a model post: a "
                    "party group head links only those (a link cannot skip a "
                    "level).",
                    target=readable_name(self.env, target, "name"),
                )
            )
        head_grid, target_grid = self.member_id.grid_id, target.grid_id
        if not (
            _in_subtree(target_grid, head_grid) or _in_subtree(head_grid, target_grid)
        ):
            raise ValidationError(
                self.env._(
                    "%(target)s does not belong to the party group of %(member)s.",
                    target=readable_name(self.env, target, "name"),
                    member=self.member_id.name,
                )
            )

    def _check_load(self):
        """More links than the level's norm allows are refused."""
        links = self.sudo().with_context(active_test=True)
        groups = links._read_group(
            [
                ("partner_id", "in", links.partner_id.ids),
                ("level_id", "in", links.level_id.ids),
            ],
            ["partner_id", "level_id"],
            ["__count"],
        )
        for partner, level, count in groups:
            if level.enforce_max and count > level.max_load:
                raise ValidationError(
                    self.env._(
                        "%(person)s would link %(count)s at level “%(level)s”; the "
                        "norm is %(min)s to %(max)s.",
                        person=partner.name,
                        count=count,
                        level=level.name,
                        min=level.min_load,
                        max=level.max_load,
                    )
                )

    def _check_duplicate(self):
        links = self.sudo()
        groups = links._read_group(
            [
                ("partner_id", "in", links.partner_id.ids),
                ("level_id", "in", links.level_id.ids),
            ],
            ["partner_id", "level_id", "target_grid_id", "target_member_id"],
            having=[("__count", ">", 1)],
        )
        if groups:
            partner, level = groups[0][:2]
            raise ValidationError(
                self.env._(
                    "%(person)s already has this link at level “%(level)s”.",
                    person=partner.name,
                    level=level.name,
                )
            )

    def _check_grant(self):
        """The user may record links only of people and organisations of their
        own subtrees (the linked organisation and the member who links)."""
        user = self.env.user
        if self.env.su or user._party_grid_is_admin():
            return
        # sudo: the grids are compared, not shown
        links = self.sudo()
        grids = links.grid_id | links.member_id.grid_id
        if links.filtered(lambda link: not link.member_id):
            # a township cadre without a member record: a township's matter
            grids |= links.target_grid_id.parent_id
        user._party_grid_check_covers(grids)
        partners = self.partner_id
        if len(partners._filtered_access("read")) != len(partners):
            raise AccessError(self.env._("You cannot link a person you may not see."))

    @api.model_create_multi
    def create(self, vals_list):
        links = super().create(vals_list)
        links._check_grant()
        return links

    def write(self, vals):
        if not (self.env.su or self.env.user._party_grid_is_admin()):
            # the links as they were must be the user's too
            self._check_grant()
        res = super().write(vals)
        self._check_grant()
        return res
