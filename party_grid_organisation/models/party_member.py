# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CENTRAL_KIND_SELECTION = [
    ("household", "Central Household"),
    ("model_post", "Model Post"),
]


class PartyMember(models.Model):
    _inherit = "party.member"

    central_kind = fields.Selection(
        CENTRAL_KIND_SELECTION,
        string="Central Household Kind",
        default="household",
        help="A central household (党员中心户) or a model post (党员示范岗): both "
        "coordinate 5 to 10 party members.",
    )
    sign_installed_date = fields.Date(
        string="Sign Plate Installed",
        tracking=True,
        help="The day the central household's sign plate (标识牌) was installed.",
    )
    contact_link_ids = fields.One2many(
        "party.contact.link",
        "member_id",
        string="Links in the Contact Pyramid",
    )
    linked_by_ids = fields.One2many(
        "party.contact.link",
        "target_member_id",
        string="Linked by Party Group Heads",
    )
    service_team_ids = fields.Many2many(
        "party.service.team",
        "party_service_team_member_rel",
        "member_id",
        "team_id",
        string="Service Teams",
    )

    @api.constrains("sign_installed_date", "is_central_household")
    def _check_sign_installed_date(self):
        today = fields.Date.context_today(self)
        for member in self:
            if member.sign_installed_date and not member.is_central_household:
                raise ValidationError(
                    self.env._(
                        "%(member)s is not a central household or model post and "
                        "gets no sign plate.",
                        member=member.name,
                    )
                )
            if member.sign_installed_date and member.sign_installed_date > today:
                raise ValidationError(
                    self.env._(
                        "The sign plate of %(member)s cannot be installed in the "
                        "future.",
                        member=member.name,
                    )
                )

    @api.constrains("central_household_id", "is_central_household")
    def _check_central_load(self):
        """A central household coordinates no more members than the norm."""
        level = self.env["party.contact.level"]._by_code().get("central")
        if not (level and level.enforce_max):
            return
        # sudo: coordinated members of other grids count too
        centrals = self.sudo().central_household_id | self.sudo().filtered(
            "is_central_household"
        )
        counts = dict(
            self.sudo()._read_group(
                [("central_household_id", "in", centrals.ids)],
                ["central_household_id"],
                ["__count"],
            )
        )
        for central, count in counts.items():
            if count > level.max_load:
                raise ValidationError(
                    self.env._(
                        "%(central)s would coordinate %(count)s party members; the "
                        "norm of level “%(level)s” is %(min)s to %(max)s.",
                        central=central.name,
                        count=count,
                        level=level.name,
                        min=level.min_load,
                        max=level.max_load,
                    )
                )

    @api.constrains("is_central_household")
    def _check_linked_by_ids(self):
        # a member who stops being a central household leaves no dangling
        # links from party group heads (sudo: links of other grids count)
        if not all(self.mapped("is_central_household")):
            stopped = self.sudo().filtered(
                lambda m: not m.is_central_household and m.linked_by_ids
            )
            if stopped:
                raise ValidationError(
                    self.env._(
                        "%(member)s is still linked by a party group head and must "
                        "stay a central household or model post.",
                        member=stopped[0].name,
                    )
                )

    def _get_members_with_history(self):
        used = super()._get_members_with_history()
        # sudo: links out of the user's scope still count as history
        links = self.env["party.contact.link"].sudo().with_context(active_test=False)
        for fname in ("member_id", "target_member_id"):
            groups = links._read_group([(fname, "in", self.ids)], [fname])
            used |= self.browse(member.id for (member,) in groups)
        return used
