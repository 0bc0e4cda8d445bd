# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    PartyGridCommon,
)


class OrganisationCommon(PartyGridCommon):
    """party_grid's tree with the party organisations of seed 004: townships
    are party committees, villages branches, groups party groups."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.county | cls.t1 | cls.t2).org_type = "committee"
        (cls.g1 | cls.g2 | cls.g3).org_type = "group"
        cls.levels = cls.env["party.contact.level"]._by_code()
        cls.Link = cls.env["party.contact.link"]
        # a township cadre who is not registered as a party member
        cls.cadre = cls.user_township.partner_id

    def _count(self, model, user=None):
        """Records of the test's county (the database may hold demo data)."""
        env = self.env(user=user) if user else self.env
        return env[model].search([("grid_id", "child_of", self.county.id)])

    @classmethod
    def _link(cls, code, person, target, env=None):
        vals = {"level_id": cls.levels[code].id}
        if person._name == "party.member":
            vals["member_id"] = person.id
        else:
            vals["partner_id"] = person.id
        key = "target_member_id" if target._name == "party.member" else "target_grid_id"
        vals[key] = target.id
        return (env or cls.env)["party.contact.link"].create(vals)
