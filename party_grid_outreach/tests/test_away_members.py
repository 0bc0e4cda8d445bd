# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import OutreachCommon


@tagged("post_install", "-at_install")
class TestAwayMembers(OutreachCommon):
    def test_letter_to_away_members(self):
        """致在外党员的一封信: only the away members of the subtree, by e-mail
        where known, else through their group; who got it and how is kept."""
        self.m_g1.write({"is_away": True, "away_place": "北京", "away_reach": "wechat"})
        self.m_g2.write({"is_away": True, "away_place": "天津", "away_reach": "email"})
        self.m_v3.is_away = True
        letter = (
            self.env["party.notice"]
            .with_user(self.user_township)
            .create(
                {
                    "name": "A letter to our members away",
                    "kind": "letter",
                    "audience": "away",
                    "grid_id": self.t1.id,
                }
            )
        )
        letter.action_send()
        ways = {line.member_id: line.way for line in letter.recipient_ids}
        self.assertEqual(ways, {self.m_g1: "channel", self.m_g2: "email"})
        self.assertTrue(all(letter.recipient_ids.mapped("message_id")))

    def test_member_group(self):
        self.assertEqual(self.m_g1.party_channel_id, self.channel_of(self.g1))
        self.assertTrue(self.m_g1.party_in_channel)
        self.assertEqual(self.m_v1.party_channel_id, self.channel_of(self.v1))
        self.assertFalse(self.m_v1.party_in_channel)

    def test_online_attendance(self):
        """Away members attend online unless the line says otherwise."""
        self.m_g2.is_away = True
        activity = self.env["party.activity"].create(
            {"name": "Party day", "grid_id": self.v1.id, "activity_type": "party_day"}
        )
        activity.action_fill_attendance()
        modes = {
            line.member_id: line.attendance_mode for line in activity.attendance_ids
        }
        self.assertEqual(modes[self.m_g2], "online")
        self.assertEqual(modes[self.m_g1], "offline")
        self.assertEqual(activity.online_count, 1)
        line = self.env["party.activity.attendance"].create(
            {
                "activity_id": self.env["party.activity"]
                .create({"name": "Lecture", "grid_id": self.v1.id})
                .id,
                "member_id": self.m_g2.id,
                "attendance_mode": "offline",
            }
        )
        self.assertEqual(line.attendance_mode, "offline")
