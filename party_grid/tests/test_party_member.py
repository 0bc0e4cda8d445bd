# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import PartyGridCommon, make_id_number


@tagged("post_install", "-at_install")
class TestPartyMember(PartyGridCommon):
    def test_partner_fields(self):
        member = self.env["party.member"].create(
            {"name": "Li Wenhua", "phone": "13800000000", "grid_id": self.g1.id}
        )
        self.assertEqual(member.partner_id.name, "Li Wenhua")
        self.assertEqual(member.partner_id.phone, "13800000000")
        self.assertEqual(member.display_name, "Li Wenhua")

    def test_id_number(self):
        Member = self.env["party.member"]
        number = make_id_number(2)
        with self.assertRaisesRegex(ValidationError, number):
            Member.create(
                {"name": "Dup", "grid_id": self.g1.id, "id_number": number.lower()}
            )
        with self.assertRaisesRegex(ValidationError, "twice"):
            Member.create(
                [
                    {
                        "name": "A",
                        "grid_id": self.g1.id,
                        "id_number": make_id_number(50),
                    },
                    {
                        "name": "B",
                        "grid_id": self.g1.id,
                        "id_number": make_id_number(50),
                    },
                ]
            )
        with self.assertRaises(ValidationError):
            self.m_g2.id_number = number
        with self.assertRaisesRegex(ValidationError, "18"):
            Member.create({"name": "Bad", "grid_id": self.g1.id, "id_number": "12345"})
        # an archived member keeps their number
        self.m_g1.action_archive()
        with self.assertRaises(ValidationError):
            Member.create({"name": "Dup", "grid_id": self.g1.id, "id_number": number})
        self.assertFalse(
            Member.with_context(active_test=False).search(
                [("name", "in", ["Dup", "A", "B", "Bad"])]
            )
        )
        # empty numbers are not duplicates; search by number finds the member
        Member.create(
            [
                {"name": "N1", "grid_id": self.g1.id, "id_number": " "},
                {"name": "N2", "grid_id": self.g1.id},
            ]
        )
        found = Member.name_search(make_id_number(3), operator="=")
        self.assertEqual([r[0] for r in found], self.m_g2.ids)

    def test_status_history(self):
        member = self.env["party.member"].create(
            {"name": "Applicant", "grid_id": self.g1.id, "status": "applicant"}
        )
        self.assertFalse(member.status_history_ids)
        member.status = "activist"
        member.status = "probationary"
        member.status = "probationary"
        history = member.status_history_ids.sorted("id")
        self.assertEqual(history.mapped("old_status"), ["applicant", "activist"])
        self.assertEqual(history.mapped("new_status"), ["activist", "probationary"])
        self.assertEqual(member.probation_date, fields.Date.context_today(member))
        self.assertEqual(history.user_id, self.env.user)

    def test_central_household(self):
        Member = self.env["party.member"]
        central = Member.create(
            {"name": "Central", "grid_id": self.v1.id, "is_central_household": True}
        )
        coordinated = Member.create(
            [
                {
                    "name": f"C{i}",
                    "grid_id": self.g1.id,
                    "central_household_id": central.id,
                }
                for i in range(10)
            ]
        )
        self.assertEqual(central.coordinated_count, 10)
        self.assertEqual(central.coordinated_member_ids, coordinated)
        with self.assertRaisesRegex(ValidationError, "10"):
            Member.create(
                {
                    "name": "C11",
                    "grid_id": self.g1.id,
                    "central_household_id": central.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.m_g1.central_household_id = self.m_v1
        with self.assertRaises(ValidationError):
            central.central_household_id = central
        with self.assertRaises(ValidationError):
            central.is_central_household = False

    def test_unlink_and_leave(self):
        # referenced by a household
        with self.assertRaisesRegex(UserError, "Leave"):
            self.m_g1.unlink()
        # referenced by a role
        self.env["party.grid.role"].create(
            {"grid_id": self.g2.id, "member_id": self.m_g2.id, "role": "mediator"}
        )
        self.h_g2.contact_member_id = False
        with self.assertRaises(UserError):
            self.m_g2.unlink()
        # status history
        member = self.env["party.member"].create({"name": "Tmp", "grid_id": self.g1.id})
        member.status = "probationary"
        with self.assertRaises(UserError):
            member.unlink()
        self.assertTrue(member.exists())
        fresh = self.env["party.member"].create({"name": "Typo", "grid_id": self.g1.id})
        fresh.unlink()
        self.assertFalse(fresh.exists())
        # leaving archives with a reason
        action = self.m_g1.action_leave()
        wizard = Form(self.env[action["res_model"]].with_context(**action["context"]))
        wizard.leave_reason = "transfer"
        wizard.leave_note = "Moved to Hengshui"
        wizard.save().action_confirm()
        self.assertFalse(self.m_g1.active)
        self.assertEqual(self.m_g1.leave_reason, "transfer")
        self.assertEqual(self.m_g1.leave_date, fields.Date.context_today(self.m_g1))
        self.m_g1.action_unarchive()
        self.assertFalse(self.m_g1.leave_reason)

    def test_member_grid_change_keeps_households_valid(self):
        with self.assertRaises(ValidationError):
            self.m_g1.grid_id = self.g2
        self.m_g1.grid_id = self.v1
        self.assertEqual(self.m_g1.household_count, 1)

    def test_role_user_from_member(self):
        user = self.user_outsider
        self.m_g2.user_id = user
        role = self.env["party.grid.role"].create(
            {"grid_id": self.g2.id, "member_id": self.m_g2.id}
        )
        self.assertEqual(role.user_id, user)
        self.assertEqual(role.partner_id, self.m_g2.partner_id)
        self.assertIn(self.g2, user.party_grid_scope_ids)
