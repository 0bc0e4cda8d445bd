# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OutreachCommon


@tagged("post_install", "-at_install")
class TestChannelAccess(OutreachCommon):
    def visible(self, user):
        channels = self.Channel.with_user(user).search([("party_grid_id", "!=", False)])
        return set(channels.sudo().party_grid_id.ids)

    def test_groups_seen_per_role(self):
        """Each role sees the groups of its grids and those it is a member of."""
        g = self
        self.assertEqual(self.visible(self.user_worker), {g.g1.id})
        self.assertEqual(
            self.visible(self.user_head), {g.t1.id, g.v1.id, g.g1.id, g.g2.id}
        )
        self.assertEqual(
            self.visible(self.user_instructor), {g.t2.id, g.v3.id, g.g3.id}
        )
        self.assertEqual(
            self.visible(self.user_township),
            {g.t1.id, g.v1.id, g.v2.id, g.g1.id, g.g2.id},
        )
        everything = self.Channel.search([("party_grid_id", "!=", False)])
        self.assertEqual(
            self.visible(self.user_county), set(everything.party_grid_id.ids)
        )
        self.assertEqual(self.visible(self.user_outsider), set())
        # a member with a login (no party-grid group) sees their own groups
        self.assertEqual(self.visible(self.user_m_g1), {g.v1.id, g.g1.id})

    def test_read_other_group_refused(self):
        channel = self.channel_of(self.g3)
        with self.assertRaises(AccessError):
            channel.with_user(self.user_worker).read(["name"])
        with self.assertRaises(AccessError):
            channel.with_user(self.user_head).message_post(body="hello")
        self.assertFalse(
            channel.message_ids.filtered(lambda m: m.body and "hello" in m.body)
        )

    def test_members_listed_for_heads(self):
        """A head reads the members of a group below them without being in it."""
        channel = self.channel_of(self.g1).with_user(self.user_head)
        self.assertEqual(
            set(channel.channel_member_ids.partner_id.ids),
            self.partner_ids(self.user_worker, self.user_m_g1),
        )
