# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import OutreachCommon


@tagged("post_install", "-at_install")
class TestChannelSync(OutreachCommon):
    def expected(self):
        u = self.partner_ids
        return {
            self.t1: u(self.user_township, self.user_head),
            self.v1: u(self.user_head, self.user_m_g1),
            self.g1: u(self.user_worker, self.user_m_g1),
            self.g2: set(),
            self.v2: set(),
            self.t2: u(self.user_instructor),
            self.v3: u(self.user_instructor),
            self.g3: set(),
        }

    def assertTower(self):  # noqa: N802
        for grid, partners in self.expected().items():
            self.assertEqual(self.partners_of(grid), partners, grid.name)

    def test_tower_membership(self):
        """One group per grid of a tiered level, members as the register says;
        the county (no tier) has none; the creator of the groups is not kept."""
        self.assertFalse(self.channel_of(self.county))
        self.assertTower()
        self.assertEqual(self.channel_of(self.g1).channel_type, "group")
        self.assertEqual(self.channel_of(self.g1).party_channel_tier, "grid")
        self.assertEqual(self.t1.party_channel_id, self.channel_of(self.t1))
        self.assertEqual(self.g1.party_channel_member_count, 2)

    def test_rerun_no_duplicates(self):
        channels = self.Channel.search([("party_grid_id", "child_of", self.county.id)])
        count = len(channels.channel_member_ids)
        channels._party_mark_dirty()
        self.assertEqual(channels._party_sync_members(), (0, 0))
        self.Channel._party_sync_all()
        self.assertEqual(
            len(self.Channel.search([("party_grid_id", "child_of", self.county.id)])),
            len(channels),
        )
        self.assertEqual(len(channels.channel_member_ids), count)
        self.assertTower()

    def test_register_changes(self):
        """A login given, a member archived, a new head and a role change the
        groups at once."""
        user_g2 = new_test_user(self.env, "pg_t_member_g2", groups="base.group_user")
        self.m_g2.user_id = user_g2
        self.assertIn(user_g2.partner_id.id, self.partners_of(self.g2))
        self.assertIn(user_g2.partner_id.id, self.partners_of(self.v1))
        self.m_g1.action_archive()
        self.assertNotIn(self.user_m_g1.partner_id.id, self.partners_of(self.g1))
        self.assertNotIn(self.user_m_g1.partner_id.id, self.partners_of(self.v1))
        self.v2.head_id = self.user_outsider
        self.assertIn(self.user_outsider.partner_id.id, self.partners_of(self.v2))
        # a village head sits in the township group
        self.assertIn(self.user_outsider.partner_id.id, self.partners_of(self.t1))
        self.env["party.grid.role"].search(
            [("user_id", "=", self.user_worker.id)]
        ).unlink()
        self.assertNotIn(self.user_worker.partner_id.id, self.partners_of(self.g1))

    def test_desired_queries_fixed(self):
        """Computing the members of every group takes the same number of
        queries whatever the number of members with a login."""
        channels = self.Channel.search([("party_grid_id", "child_of", self.county.id)])

        def count():
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            channels._party_desired_partners()
            return self.env.cr.sql_log_count - before

        small = count()
        users = [
            new_test_user(self.env, f"pg_t_more_{i}", groups="base.group_user")
            for i in range(3)
        ]
        members = self.env["party.member"].create(
            [
                {"name": f"More {i}", "grid_id": grid.id, "user_id": user.id}
                for i, (grid, user) in enumerate(
                    zip((self.g1, self.g2, self.g3), users, strict=True)
                )
            ]
        )
        self.assertIn(users[2].partner_id.id, self.partners_of(self.g3))
        self.assertEqual(count(), small)
        self.assertLessEqual(small, 16)
        self.assertTrue(members)

    def test_household_contact_with_login(self):
        portal = new_test_user(self.env, "pg_t_portal_h", groups="base.group_portal")
        self.h_g1b.partner_id = portal.partner_id
        self.assertIn(portal.partner_id.id, self.partners_of(self.g1))
        # households are in grid groups only
        self.assertNotIn(portal.partner_id.id, self.partners_of(self.v1))

    def test_moved_grid(self):
        """A group moved to another village: its members follow to the new
        village's group and leave the old one."""
        self.g1.parent_id = self.v2
        self.assertNotIn(self.user_m_g1.partner_id.id, self.partners_of(self.v1))
        self.assertIn(self.user_m_g1.partner_id.id, self.partners_of(self.v2))


@tagged("post_install", "-at_install")
class TestChannelSyncBatches(OutreachCommon):
    sync = False

    def test_killed_and_rerun(self):
        """Batches of 3: after one batch the rest is left (reported to the
        scheduler); a rerun goes on and ends with the same tower as one run."""
        calls = []

        def notify(self_cron, *, done, remaining, deactivate=False):
            calls.append((done, remaining))

        with patch.object(type(self.env["ir.cron"]), "_notify_progress", notify):
            remaining = self.Channel._cron_party_sync_channels(batch_size=3)
            self.assertEqual(
                len(
                    self.Channel.search([("party_grid_id", "child_of", self.county.id)])
                ),
                3,
            )
            self.assertEqual(remaining, 5)
            self.assertEqual(calls, [(6, 5)])
            # killed here; the next run finishes
            self.Channel._party_sync_all(batch_size=3)
            self.assertEqual(calls[-1][1], 0)
        TestChannelSync.assertTower(self)

    expected = TestChannelSync.expected


@tagged("post_install", "-at_install")
class TestChannelScope(OutreachCommon):
    def test_invite_outside_scope(self):
        """The head of V1 invites an outsider into the village group: refused,
        nothing saved; a township officer above may be invited and stays."""
        channel = self.channel_of(self.v1)
        before = set(channel.channel_member_ids.ids)
        with self.assertRaisesRegex(ValidationError, "outside the scope of grid"):
            channel.with_user(self.user_head).add_members(
                partner_ids=self.user_outsider.partner_id.ids
            )
        self.assertEqual(set(channel.channel_member_ids.ids), before)
        channel.with_user(self.user_head).add_members(
            partner_ids=self.user_township.partner_id.ids
        )
        member = channel.channel_member_ids.filtered(
            lambda m: m.partner_id == self.user_township.partner_id
        )
        self.assertEqual(member.party_origin, "manual")
        channel._party_mark_dirty()
        self.Channel._party_sync_all()
        self.assertIn(
            self.user_township.partner_id, channel.channel_member_ids.partner_id
        )

    def test_forged_context(self):
        """A context key sent by a client does not bypass the scope check, nor
        make an invited member look synchronised."""
        channel = self.channel_of(self.v1)
        Member = self.env["discuss.channel.member"].with_user(self.user_head)
        with self.assertRaisesRegex(ValidationError, "outside the scope"):
            Member.with_context(party_channel_sync=True).create(
                {
                    "channel_id": channel.id,
                    "partner_id": self.user_outsider.partner_id.id,
                    "party_origin": "sync",
                }
            )
        self.assertNotIn(
            self.user_outsider.partner_id, channel.channel_member_ids.partner_id
        )

    def test_grid_of_channel_locked(self):
        channel = self.channel_of(self.g1)
        with self.assertRaises(AccessError):
            channel.with_user(self.user_worker).write({"party_grid_id": self.g3.id})
        with self.assertRaises(AccessError):
            self.Channel.with_user(self.user_head).create(
                {"name": "x", "channel_type": "group", "party_grid_id": self.g2.id}
            )
        self.assertEqual(channel.party_grid_id, self.g1)

    def test_chinese_message(self):
        """The refusal reads in Chinese for a Chinese user."""
        if not self.env["res.lang"]._lang_get("zh_CN"):
            self.skipTest("zh_CN is not loaded in this database")
        self.user_head.lang = "zh_CN"
        channel = self.channel_of(self.v1)
        with self.assertRaisesRegex(ValidationError, "不能加入"):
            channel.with_user(self.user_head).with_context(lang="zh_CN").add_members(
                partner_ids=self.user_outsider.partner_id.ids
            )
