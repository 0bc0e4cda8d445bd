# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests.common import new_test_user

from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    PartyGridCommon,
)


class OutreachCommon(PartyGridCommon):
    """The grid tree of PartyGridCommon with the tiers of the group tower
    (townships, villages, groups), a login for Member G1 (no e-mail, only an
    internal user), an e-mail for Member G2 (no login), and the groups
    synchronised."""

    sync = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.level_township.channel_tier = "township"
        cls.level_village.channel_tier = "village"
        cls.level_group.channel_tier = "grid"
        cls.user_m_g1 = new_test_user(
            cls.env, "pg_t_member_g1", groups="base.group_user", email=False
        )
        cls.m_g1.user_id = cls.user_m_g1
        cls.m_g2.email = "member.g2@example.cn"
        cls.Channel = cls.env["discuss.channel"]
        if cls.sync:
            cls.Channel._party_sync_all()

    def channel_of(self, grid):
        return self.Channel.search([("party_grid_id", "=", grid.id)])

    def partners_of(self, grid):
        return set(self.channel_of(grid).channel_member_ids.partner_id.ids)

    def partner_ids(self, *users):
        return {user.partner_id.id for user in users}
