# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.tests import tagged

from .common import OutreachCommon

T0 = datetime(2026, 3, 2, 1, 0, 0)


@tagged("post_install", "-at_install")
class TestNoticeEscalation(OutreachCommon):
    def activities(self, notice, user):
        return notice.activity_ids.filtered(lambda a: a.user_id == user)

    def test_liaison_then_level_one(self):
        """Seed 001: 30 minutes to answer, then the liaison cadre is reminded
        of who has not; 30 more, then level one. Reruns remind nobody twice."""
        self.v1.instructor_ids = self.user_instructor
        with freeze_time(T0):
            notice = (
                self.env["party.notice"]
                .with_user(self.user_head)
                .create(
                    {
                        "name": "Sampling tonight",
                        "grid_id": self.v1.id,
                        "needs_reply": True,
                    }
                )
            )
            notice.action_send()
            notice.recipient_ids.filtered(
                lambda line: line.member_id == self.m_g1
            ).with_user(self.user_m_g1).action_confirm()
        Notice = self.env["party.notice"]
        with freeze_time(T0 + timedelta(minutes=29)):
            Notice._cron_escalate()
            self.assertEqual(notice.escalation_stage, "none")
            self.assertFalse(notice.activity_ids)
            late = self.env["party.notice.recipient"].search([("is_late", "=", True)])
            self.assertFalse(late)
        with freeze_time(T0 + timedelta(minutes=31)):
            late = self.env["party.notice.recipient"].search([("is_late", "=", True)])
            self.assertEqual(late.member_id, self.m_g2 | self.m_v1)
            Notice._cron_escalate()
            Notice._cron_escalate()
            self.assertEqual(notice.escalation_stage, "liaison")
            reminder = self.activities(notice, self.user_instructor)
            self.assertEqual(len(reminder), 1)
            self.assertIn(self.m_g2.name, reminder.note)
            self.assertNotIn(self.m_g1.name, reminder.note)
            self.assertFalse(self.activities(notice, self.user_head))
        with freeze_time(T0 + timedelta(minutes=61)):
            Notice._cron_escalate()
            Notice._cron_escalate()
            self.assertEqual(notice.escalation_stage, "top")
            self.assertEqual(len(self.activities(notice, self.user_head)), 1)
            self.assertEqual(len(notice.activity_ids), 2)
        # the liaison cadre reads the notice they are reminded of
        self.assertEqual(
            Notice.with_user(self.user_instructor).search([("id", "=", notice.id)]),
            notice,
        )

    def test_all_answered(self):
        with freeze_time(T0):
            notice = self.env["party.notice"].create(
                {
                    "name": "Short",
                    "grid_id": self.g1.id,
                    "audience": "channel",
                    "needs_reply": True,
                }
            )
            notice.action_send()
            for line in notice.recipient_ids:
                user = line.partner_id.user_ids
                line.with_user(user).action_confirm()
        with freeze_time(T0 + timedelta(minutes=90)):
            self.env["party.notice"]._cron_escalate()
            self.env["party.notice"]._cron_escalate()
        self.assertFalse(notice.activity_ids)
        self.assertEqual(notice.completion_rate, 100.0)
