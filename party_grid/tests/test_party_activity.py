# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import PartyGridCommon


@tagged("post_install", "-at_install")
class TestActivity(PartyGridCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.meeting = cls.env["party.activity"].create(
            {
                "name": "Branch meeting",
                "activity_type": "branch_meeting",
                "grid_id": cls.v1.id,
                "date_start": "2026-03-05 01:00:00",
                "date_stop": "2026-03-05 03:00:00",
                "host_id": cls.m_v1.id,
            }
        )

    def _attendance(self, activity=None):
        return self.env["party.activity.attendance"].search(
            [("activity_id", "=", (activity or self.meeting).id)]
        )

    def test_fill_attendance_and_rates(self):
        self.meeting.action_fill_attendance()
        lines = self._attendance()
        self.assertEqual(lines.member_id, self.m_v1 | self.m_g1 | self.m_g2)
        self.assertEqual(set(lines.mapped("state")), {"present"})
        # filling again adds nobody twice
        self.meeting.action_fill_attendance()
        self.assertEqual(len(self._attendance()), 3)
        lines.filtered(lambda line: line.member_id == self.m_g2).state = "absent"
        service = self.env["party.activity"].create(
            {
                "name": "Cleaning the lanes",
                "activity_type": "volunteer",
                "grid_id": self.g1.id,
                "date_start": "2026-03-07 01:00:00",
                "date_stop": "2026-03-07 04:00:00",
                "attendance_ids": [
                    Command.create({"member_id": self.m_g1.id, "hours": 2.5}),
                ],
            }
        )
        self.assertRecordValues(
            self.meeting | service,
            [
                {"expected_count": 3, "present_count": 2, "volunteer_hours": 0.0},
                {"expected_count": 1, "present_count": 1, "volunteer_hours": 2.5},
            ],
        )
        self.assertEqual(self.meeting.attendance_rate, 66.7)
        self.assertRecordValues(
            self.m_g1 | self.m_g2 | self.m_v3,
            [
                {
                    "attendance_count": 2,
                    "attendance_present_count": 2,
                    "attendance_rate": 100.0,
                },
                {
                    "attendance_count": 1,
                    "attendance_present_count": 0,
                    "attendance_rate": 0.0,
                },
                {
                    "attendance_count": 0,
                    "attendance_present_count": 0,
                    "attendance_rate": 0.0,
                },
            ],
        )
        self.assertRecordValues(
            self.county | self.v1 | self.g1 | self.t2,
            [
                {"activity_expected_count": 4, "activity_attendance_rate": 75.0},
                {"activity_expected_count": 4, "activity_attendance_rate": 75.0},
                {"activity_expected_count": 1, "activity_attendance_rate": 100.0},
                {"activity_expected_count": 0, "activity_attendance_rate": 0.0},
            ],
        )
        # attendance is history: the member cannot be deleted
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            self.m_g2.unlink()

    def test_rates_query_count(self):
        self.meeting.action_fill_attendance()
        members = self.m_v1 | self.m_g1 | self.m_g2 | self.m_v3
        for batch in (members[:1], members):
            self.env.invalidate_all()
            with self.assertQueryCount(1):  # one grouped query
                self.env["party.member"].browse(batch.ids).read(["attendance_rate"])
        for batch in (self.county, self.county | self.t1 | self.v1 | self.g3):
            self.env.invalidate_all()
            # child_of, one grouped query, the parent_path of the grids found
            with self.assertQueryCount(3):
                self.env["party.grid"].browse(batch.ids).read(
                    ["activity_attendance_rate"]
                )

    def test_duplicate_attendee_refused(self):
        with self.assertRaisesRegex(ValidationError, "listed twice"):
            self.meeting.write(
                {
                    "attendance_ids": [
                        Command.create({"member_id": self.m_g1.id}),
                        Command.create({"member_id": self.m_g1.id, "state": "absent"}),
                    ]
                }
            )
        self.assertFalse(self._attendance())
        self.meeting.attendance_ids = [Command.create({"member_id": self.m_g1.id})]
        with self.assertRaisesRegex(ValidationError, "listed twice"):
            self.env["party.activity.attendance"].create(
                {"activity_id": self.meeting.id, "member_id": self.m_g1.id}
            )
        self.assertEqual(len(self._attendance()), 1)

    def test_negative_hours_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.meeting.attendance_ids = [
                Command.create({"member_id": self.m_g1.id, "hours": -1})
            ]
        self.assertFalse(self._attendance())

    def test_attendee_outside_organisation_refused(self):
        with self.assertRaisesRegex(ValidationError, "outside the organisation"):
            self.meeting.attendance_ids = [
                Command.create({"member_id": self.m_g1.id}),
                Command.create({"member_id": self.m_v3.id}),
            ]
        self.assertFalse(self._attendance())
        # moving the activity below its attendees' grids is refused too
        self.meeting.attendance_ids = [Command.create({"member_id": self.m_v1.id})]
        with self.assertRaisesRegex(ValidationError, "outside the organisation"):
            self.meeting.grid_id = self.g1
        self.assertEqual(self.meeting.grid_id, self.v1)
        with self.assertRaisesRegex(ValidationError, "Host"):
            self.meeting.host_id = self.m_v3
        self.assertEqual(self.meeting.host_id, self.m_v1)

    def test_dates_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before it starts"):
            self.meeting.date_stop = "2026-03-04 00:00:00"
        self.assertEqual(str(self.meeting.date_stop), "2026-03-05 03:00:00")

    def test_grid_with_activities_not_deleted(self):
        grid = self.env["party.grid"].create(
            {"name": "Empty", "parent_id": self.v2.id, "level_id": self.level_group.id}
        )
        self.env["party.activity"].create({"name": "x", "grid_id": grid.id})
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            grid.unlink()
        self.assertTrue(grid.exists())

    def test_zh_cn_messages(self):
        """Bad input is refused with a Chinese message, and nothing is saved."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["party_grid"], ["zh_CN"])
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        meeting = self.meeting.with_env(env)
        with self.assertRaisesRegex(
            ValidationError, "在活动“Branch meeting”的考勤中重复"
        ):
            meeting.attendance_ids = [
                Command.create({"member_id": self.m_g1.id}),
                Command.create({"member_id": self.m_g1.id}),
            ]
        with self.assertRaisesRegex(ValidationError, "服务时长不能为负数"):
            meeting.attendance_ids = [
                Command.create({"member_id": self.m_g1.id, "hours": -2})
            ]
        with self.assertRaisesRegex(ValidationError, "不在活动“Branch meeting”的组织"):
            meeting.attendance_ids = [Command.create({"member_id": self.m_v3.id})]
        self.assertFalse(self._attendance())
        with self.assertRaisesRegex(ValidationError, "是将来的时间"):
            env["party.visit"].create(
                {
                    "member_id": self.m_g1.id,
                    "household_id": self.h_g1a.id,
                    "date": "2999-01-01 00:00:00",
                }
            )
        self.assertFalse(
            self.env["party.visit"].search([("household_id", "=", self.h_g1a.id)])
        )
