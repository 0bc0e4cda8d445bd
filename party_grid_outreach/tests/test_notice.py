# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import OutreachCommon


@tagged("post_install", "-at_install")
class TestNotice(OutreachCommon):
    def new_notice(self, user=None, **vals):
        vals = {
            "name": "Notice V1",
            "grid_id": self.v1.id,
            "body": "<p>Gather your households at 7 pm.</p>",
            **vals,
        }
        return self.env["party.notice"].with_user(user or self.user_head).create(vals)

    def line(self, notice, member):
        return notice.recipient_ids.filtered(lambda line: line.member_id == member)

    def test_send_ways(self):
        """Sent to V1's members: the one with a login through the group of
        their grid, the one with an e-mail by e-mail, the one with neither
        left for delivery by hand; each way leaves its message."""
        notice = self.new_notice(needs_reply=True)
        notice.action_send()
        self.assertEqual(notice.state, "sent")
        self.assertEqual(notice.recipient_count, 3)
        l_g1 = self.line(notice, self.m_g1)
        l_g2 = self.line(notice, self.m_g2)
        l_v1 = self.line(notice, self.m_v1)
        self.assertEqual((l_g1.way, l_g2.way, l_v1.way), ("channel", "email", "hand"))
        self.assertEqual(l_g1.partner_id, self.user_m_g1.partner_id)
        self.assertEqual(l_g1.channel_id, self.channel_of(self.g1))
        post = l_g1.message_id
        self.assertEqual(
            (post.model, post.res_id), ("discuss.channel", l_g1.channel_id.id)
        )
        self.assertIn("Notice V1", post.body)
        self.assertEqual(post.author_id, self.user_head.partner_id)
        email = l_g2.message_id
        self.assertEqual((email.model, email.res_id), ("party.notice", notice.id))
        self.assertIn("Gather your households", email.body)
        self.assertIn("Notice V1", email.subject)
        notification = email.notification_ids.filtered(
            lambda n: n.res_partner_id == self.m_g2.partner_id
        )
        self.assertEqual(notification.notification_type, "email")
        self.assertEqual(notice.hand_count, 1)
        self.assertEqual(notice.completion_rate, 0.0)
        with self.assertRaisesRegex(UserError, "already been sent"):
            notice.action_send()
        self.assertEqual(notice.recipient_count, 3)

    def test_channel_audience(self):
        notice = self.new_notice(grid_id=self.g1.id, audience="channel")
        notice.action_send()
        self.assertEqual(
            set(notice.recipient_ids.partner_id.ids),
            self.partner_ids(self.user_worker, self.user_m_g1),
        )
        self.assertEqual(set(notice.recipient_ids.mapped("way")), {"channel"})
        self.assertEqual(len(notice.recipient_ids.message_id), 1)

    def test_confirm_once(self):
        notice = self.new_notice(kind="study", url="https://www.12371.cn/")
        notice.action_send()
        mine = notice.with_user(self.user_m_g1)
        self.assertEqual(mine.my_state, "pending")
        mine.action_confirm_mine()
        line = self.line(notice, self.m_g1)
        self.assertEqual((line.state, line.confirm_way), ("confirmed", "self"))
        date = line.confirm_date
        with self.assertRaisesRegex(UserError, "already confirmed"):
            mine.action_confirm_mine()
        self.assertEqual(line.confirm_date, date)
        self.assertAlmostEqual(notice.completion_rate, 100.0 / 3, places=1)

    def test_confirm_for_another_refused(self):
        notice = self.new_notice()
        notice.action_send()
        line = self.line(notice, self.m_g1)
        with self.assertRaises(AccessError):
            line.with_user(self.user_worker).action_confirm()
        with self.assertRaises(AccessError):
            line.with_user(self.user_worker).write({"state": "confirmed"})
        self.assertEqual(line.state, "pending")

    def test_hand_delivery(self):
        """上门送学: the head brings the material to V1's member without a login;
        the worker of G1 may not record it for a member of V1."""
        notice = self.new_notice(kind="study")
        notice.action_send()
        line = self.line(notice, self.m_v1)
        with self.assertRaises(AccessError):
            line.with_user(self.user_worker).action_record_hand_delivery()
        self.assertEqual(line.state, "pending")
        line.with_user(self.user_head).action_record_hand_delivery(note="送到家中")
        self.assertEqual(line.state, "confirmed")
        self.assertEqual(line.confirm_way, "hand")
        self.assertEqual(line.delivered_by_id, self.user_head)
        with self.assertRaisesRegex(UserError, "already confirmed"):
            line.with_user(self.user_head).action_record_hand_delivery()

    def test_completion_per_grid(self):
        notice = self.new_notice(kind="study")
        notice.action_send()
        self.line(notice, self.m_g1).with_user(self.user_m_g1).action_confirm()
        rates = dict(
            self.env["party.notice.recipient"]._read_group(
                [("notice_id", "=", notice.id)], ["grid_id"], ["done_percent:avg"]
            )
        )
        self.assertEqual(rates, {self.g1: 100.0, self.g2: 0.0, self.v1: 0.0})

    def test_access(self):
        """Heads send within their subtree only; workers do not send; each
        reads what reaches their grids; a member reads their own line only."""
        with self.assertRaises(AccessError):
            self.new_notice(grid_id=self.v3.id)
        with self.assertRaises(AccessError):
            self.new_notice(user=self.user_worker, grid_id=self.g1.id)
        self.assertFalse(
            self.env["party.notice"].search([("grid_id", "child_of", self.county.id)])
        )
        notice = self.new_notice()
        notice.action_send()
        Notice = self.env["party.notice"]
        self.assertEqual(Notice.with_user(self.user_worker).search([]), notice)
        self.assertEqual(Notice.with_user(self.user_m_g1).search([]), notice)
        self.assertFalse(Notice.with_user(self.user_outsider).search([]))
        self.assertFalse(Notice.with_user(self.user_instructor).search([]))
        Line = self.env["party.notice.recipient"]
        self.assertEqual(
            Line.with_user(self.user_m_g1).search([]), self.line(notice, self.m_g1)
        )
        # the worker of G1 sees the lines of G1 only
        self.assertEqual(Line.with_user(self.user_worker).search([]).grid_id, self.g1)
        with self.assertRaises(AccessError):
            notice.with_user(self.user_worker).write({"name": "forged"})
        with self.assertRaises(AccessError):
            notice.with_user(self.user_worker).action_send()
        self.assertEqual(notice.name, "Notice V1")

    def test_sent_notice_locked(self):
        notice = self.new_notice()
        notice.action_send()
        with self.assertRaisesRegex(UserError, "keeps its recipients"):
            notice.with_user(self.user_head).write({"grid_id": self.g1.id})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            notice.with_user(self.user_head).unlink()
        self.assertEqual(notice.grid_id, self.v1)

    def test_nobody_reached(self):
        notice = self.new_notice(audience="away")
        with self.assertRaisesRegex(UserError, "reaches nobody"):
            notice.action_send()
        self.assertEqual(notice.state, "draft")
        self.assertFalse(notice.recipient_ids)

    def test_bad_minutes(self):
        with self.assertRaisesRegex(Exception, "at least one minute"):
            self.new_notice(needs_reply=True, reply_minutes=0)
        self.assertFalse(
            self.env["party.notice"].search([("grid_id", "child_of", self.county.id)])
        )
