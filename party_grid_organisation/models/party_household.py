# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..report.party_contact_chain import GAP_SELECTION

CHAIN_FIELDS = {
    "chain_central_id": "central_id",
    "chain_group_head_names": "group_head_names",
    "chain_branch_names": "branch_names",
    "chain_general_branch_names": "general_branch_names",
    "chain_township_names": "township_names",
    "chain_gap": "gap",
}


class PartyHousehold(models.Model):
    _inherit = "party.household"

    chain_central_id = fields.Many2one(
        "party.member", compute="_compute_chain", string="Central Household"
    )
    chain_group_head_names = fields.Char(
        compute="_compute_chain", string="Party Group Heads"
    )
    chain_branch_names = fields.Char(
        compute="_compute_chain", string="Branch Committee Members"
    )
    chain_general_branch_names = fields.Char(
        compute="_compute_chain", string="General Branch Committee Members"
    )
    chain_township_names = fields.Char(
        compute="_compute_chain", string="Township Committee Members"
    )
    chain_gap = fields.Selection(
        GAP_SELECTION, compute="_compute_chain", string="First Gap"
    )

    def _compute_chain(self):
        """Who answers for each household at each level, from the chain view
        in one query for the batch (sudo: the chain names the people of the
        levels above, which the household's reader is shown, as on the notice
        board of the grid)."""
        chains = (
            self.env["party.contact.chain"]
            .sudo()
            .search_fetch(
                [("household_id", "in", self._origin.ids)],
                list(CHAIN_FIELDS.values()),
            )
        )
        by_id = {chain.id: chain for chain in chains}
        for household in self:
            chain = by_id.get(household._origin.id)
            for fname, chain_fname in CHAIN_FIELDS.items():
                value = chain[chain_fname] if chain else False
                if fname == "chain_central_id":
                    value = (value or self.env["party.member"]).sudo(False)
                household[fname] = value

    @api.constrains("contact_member_id", "active")
    def _check_contact_member_load(self):
        """A member links no more households than the norm."""
        level = self.env["party.contact.level"]._by_code().get("member")
        if not (level and level.enforce_max):
            return
        # sudo: households of every grid count
        households = self.sudo()
        counts = households._read_group(
            [("contact_member_id", "in", households.contact_member_id.ids)],
            ["contact_member_id"],
            ["__count"],
        )
        for member, count in counts:
            if count > level.max_load:
                raise ValidationError(
                    self.env._(
                        "%(member)s would contact %(count)s households; the norm "
                        "of level “%(level)s” is %(min)s to %(max)s.",
                        member=member.name,
                        count=count,
                        level=level.name,
                        min=level.min_load,
                        max=level.max_load,
                    )
                )
