# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged

from .common import PartyGridCommon, make_id_number


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestVisitAccess(PartyGridCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m_g1.user_id = cls.user_worker
        Visit = cls.env["party.visit"]
        cls.v_own, cls.v_other_g1, cls.v_g2, cls.v_v3 = Visit.create(
            [
                {"member_id": cls.m_g1.id, "household_id": cls.h_g1a.id},
                {"member_id": cls.m_v1.id, "household_id": cls.h_g1b.id},
                {"member_id": cls.m_v1.id, "household_id": cls.h_g2.id},
                {"member_id": cls.m_v3.id, "household_id": cls.h_v3.id},
            ]
        )
        cls.a_v1, cls.a_g2, cls.a_v3 = cls.env["party.activity"].create(
            [
                {
                    "name": "V1 meeting",
                    "grid_id": cls.v1.id,
                    "attendance_ids": [Command.create({"member_id": cls.m_g1.id})],
                },
                {
                    "name": "G2 meeting",
                    "grid_id": cls.g2.id,
                    "attendance_ids": [Command.create({"member_id": cls.m_g2.id})],
                },
                {
                    "name": "V3 meeting",
                    "grid_id": cls.v3.id,
                    "attendance_ids": [Command.create({"member_id": cls.m_v3.id})],
                },
            ]
        )

    def _visible(self, user, model):
        # the records of the test tree (the database may hold demo data)
        return (
            self.env[model]
            .with_user(user)
            .search([("grid_id", "child_of", self.county.id)])
        )

    def _new_visit(self, user, member, household):
        return (
            self.env["party.visit"]
            .with_user(user)
            .create({"member_id": member.id, "household_id": household.id})
        )

    def test_worker(self):
        user = self.user_worker
        self.assertEqual(self._visible(user, "party.visit"), self.v_own)
        self.v_own.with_user(user).write({"notes": "Talked about the harvest"})
        for visit in (self.v_other_g1, self.v_g2, self.v_v3):
            with self.assertRaises(AccessError):
                visit.with_user(user).read(["notes"])
            with self.assertRaises(AccessError):
                visit.with_user(user).write({"notes": "x"})
        # records a visit for another member in the grid: it becomes theirs to see
        other = self.env["party.member"].create(
            {
                "name": "Member G1 b",
                "grid_id": self.g1.id,
                "id_number": make_id_number(9),
            }
        )
        recorded = self._new_visit(user, other, self.h_g1b)
        # not in the name of a member of another grid, nor to a household there
        count = self.env["party.visit"].search_count([])
        with self.assertRaisesRegex(AccessError, "in your own name"):
            self._new_visit(user, self.m_v1, self.h_g1b)
        with self.assertRaisesRegex(AccessError, "households of the grids you work"):
            self._new_visit(user, self.m_g1, self.h_v3)
        with self.assertRaisesRegex(AccessError, "households of the grids you work"):
            self.v_own.with_user(user).write({"household_id": self.h_g2.id})
        self.assertEqual(self.env["party.visit"].search_count([]), count)
        self.assertEqual(self.v_own.household_id, self.h_g1a)
        self.assertEqual(self._visible(user, "party.visit"), self.v_own | recorded)
        with self.assertRaises(AccessError):
            self._new_visit(user, self.m_v3, self.h_v3)
        with self.assertRaises(AccessError):
            self.v_own.with_user(user).unlink()
        # the member's own record and linked households, and the "my visits" filter
        self.assertEqual(
            self.env["party.visit"].with_user(user).search([("is_own", "=", True)]),
            self.v_own | recorded,
        )
        # activities of their grids and those they attend; read only
        self.assertEqual(self._visible(user, "party.activity"), self.a_v1)
        self.assertEqual(
            self._visible(user, "party.activity.attendance"), self.a_v1.attendance_ids
        )
        with self.assertRaises(AccessError):
            self.a_v1.with_user(user).write({"place": "x"})
        with self.assertRaises(AccessError):
            self.env["party.activity"].with_user(user).create(
                {"name": "x", "grid_id": self.g1.id}
            )
        with self.assertRaises(AccessError):
            self.a_v1.attendance_ids.with_user(user).write({"state": "absent"})
        # the duty report of their grid only
        report = self.env["party.visit.duty.report"].with_user(user)
        self.assertEqual(set(report.search([]).grid_id.ids), {self.g1.id})

    def test_member_without_grid_scope(self):
        user = self.user_outsider
        self.m_v3.user_id = user
        self.assertEqual(self._visible(user, "party.visit"), self.v_v3)
        self.assertEqual(self._visible(user, "party.member"), self.m_v3)
        self.assertEqual(self._visible(user, "party.household"), self.h_v3)
        self.assertEqual(self._visible(user, "party.activity"), self.a_v3)
        self._new_visit(user, self.m_v3, self.h_v3)
        with self.assertRaises(AccessError):
            self.h_v3.with_user(user).write({"name": "x"})

    def test_head(self):
        user = self.user_head
        self.assertEqual(
            self._visible(user, "party.visit"), self.v_own | self.v_other_g1 | self.v_g2
        )
        with self.assertRaises(AccessError):
            self.v_v3.with_user(user).read(["notes"])
        with self.assertRaises(AccessError):
            self.v_g2.with_user(user).write({"notes": "x"})
        with self.assertRaises(AccessError):
            self.v_g2.with_user(user).unlink()
        recorded = self._new_visit(user, self.m_v1, self.h_g2)
        recorded.with_user(user).write({"notes": "Recorded by the head"})
        # activities of the subtree: managed
        self.assertEqual(self._visible(user, "party.activity"), self.a_v1 | self.a_g2)
        activity = (
            self.env["party.activity"]
            .with_user(user)
            .create(
                {
                    "name": "Party day",
                    "activity_type": "party_day",
                    "grid_id": self.v1.id,
                }
            )
        )
        activity.action_fill_attendance()
        self.assertEqual(
            activity.attendance_ids.member_id, self.m_v1 | self.m_g1 | self.m_g2
        )
        self.a_g2.with_user(user).write({"place": "Hall"})
        activity.unlink()
        with self.assertRaises(AccessError):
            self.env["party.activity"].with_user(user).create(
                {"name": "x", "grid_id": self.v3.id}
            )
        with self.assertRaises(AccessError):
            self.a_v3.with_user(user).write({"place": "x"})
        with self.assertRaises(AccessError):
            self.a_v1.with_user(user).write({"grid_id": self.county.id})

    def test_township(self):
        user = self.user_township
        self.assertEqual(
            self._visible(user, "party.visit"), self.v_own | self.v_other_g1 | self.v_g2
        )
        self.assertEqual(self._visible(user, "party.activity"), self.a_v1 | self.a_g2)
        with self.assertRaises(AccessError):
            self.v_g2.with_user(user).write({"notes": "x"})

    def test_county(self):
        user = self.user_county
        visits = self.v_own | self.v_other_g1 | self.v_g2 | self.v_v3
        self.assertEqual(self._visible(user, "party.visit"), visits)
        self.assertEqual(
            self._visible(user, "party.activity"), self.a_v1 | self.a_g2 | self.a_v3
        )
        self.assertEqual(self.county.with_user(user).duty_household_count, 3)
        with self.assertRaises(AccessError):
            self.v_v3.with_user(user).write({"notes": "x"})
        with self.assertRaises(AccessError):
            self.v_v3.with_user(user).unlink()
        with self.assertRaises(AccessError):
            self.a_v3.with_user(user).write({"place": "x"})
        with self.assertRaises(AccessError):
            self._new_visit(user, self.m_v3, self.h_v3)

    def test_instructor(self):
        user = self.user_instructor
        self.assertEqual(self._visible(user, "party.visit"), self.v_v3)
        self.assertEqual(self._visible(user, "party.activity"), self.a_v3)
        with self.assertRaises(AccessError):
            self.v_v3.with_user(user).write({"notes": "x"})
        with self.assertRaises(AccessError):
            self._new_visit(user, self.m_v3, self.h_v3)
        with self.assertRaises(AccessError):
            self.a_v3.with_user(user).write({"place": "x"})
        with self.assertRaises(AccessError):
            self.v_own.with_user(user).read(["notes"])

    def test_manager(self):
        user = self.user_manager
        self.assertEqual(
            self._visible(user, "party.visit"),
            self.v_own | self.v_other_g1 | self.v_g2 | self.v_v3,
        )
        self.v_v3.with_user(user).write({"notes": "Corrected"})
        self.v_v3.with_user(user).unlink()
        self.a_v3.with_user(user).unlink()
        self.assertFalse(self.v_v3.exists() or self.a_v3.exists())
