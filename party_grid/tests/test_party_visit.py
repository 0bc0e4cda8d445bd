# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, freeze_time, tagged

from .common import PartyGridCommon


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestVisit(PartyGridCommon):
    def test_create_defaults(self):
        self.m_g1.user_id = self.user_worker
        form = Form(self.env["party.visit"].with_user(self.user_worker))
        form.household_id = self.h_g1a
        form.method = "phone"
        visit = form.save()
        self.assertEqual(visit.member_id, self.m_g1)
        self.assertEqual(visit.grid_id, self.g1)
        self.assertEqual(str(visit.date), "2026-03-10 04:00:00")
        self.assertEqual(visit.kind, "routine")
        self.assertTrue(visit.is_duty_visit)
        self.assertTrue(visit.is_own)
        # the grid follows the household
        self.h_g1a.sudo().write({"grid_id": self.g2.id, "contact_member_id": False})
        self.assertEqual(visit.grid_id, self.g2)
        self.assertFalse(visit.is_duty_visit)

    def test_future_date_refused(self):
        Visit = self.env["party.visit"]
        with self.assertRaisesRegex(ValidationError, "in the future"):
            Visit.create(
                {
                    "member_id": self.m_g1.id,
                    "household_id": self.h_g1a.id,
                    "date": "2026-03-10 05:00:00",
                }
            )
        self.assertFalse(Visit.search([("household_id", "=", self.h_g1a.id)]))
        visit = Visit.create({"member_id": self.m_g1.id, "household_id": self.h_g1a.id})
        with self.assertRaisesRegex(ValidationError, "in the future"):
            visit.date = "2026-04-01 00:00:00"
        self.assertEqual(str(visit.date), "2026-03-10 04:00:00")

    def test_photos_belong_to_visit(self):
        photo = self.env["ir.attachment"].create(
            {
                "name": "roof.png",
                "datas": base64.b64encode(b"not really a png"),
                "res_model": "party.visit",
                "res_id": 0,
            }
        )
        visit = self.env["party.visit"].create(
            {
                "member_id": self.m_g1.id,
                "household_id": self.h_g1a.id,
                "finding": "The roof leaks",
                "needs_follow_up": True,
                "attachment_ids": [(6, 0, photo.ids)],
            }
        )
        self.assertEqual((photo.res_model, photo.res_id), ("party.visit", visit.id))

    def test_history_blocks_deletion(self):
        member = self.env["party.member"].create(
            {"name": "Visitor", "grid_id": self.g1.id}
        )
        household = self.env["party.household"].create(
            {"name": "Visited", "grid_id": self.g3.id}
        )
        self.env["party.visit"].create(
            {"member_id": member.id, "household_id": household.id}
        )
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            member.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            household.unlink()
        self.assertTrue(member.exists() and household.exists())

    def test_quick_visit_from_household(self):
        self.m_g1.user_id = self.user_worker
        action = self.h_g1a.with_user(self.user_worker).action_log_visit()
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["default_household_id"], self.h_g1a.id)
        self.assertEqual(action["context"]["default_member_id"], self.m_g1.id)
        # a user without a member record logs for the contact member
        action = self.h_g2.action_log_visit()
        self.assertEqual(action["context"]["default_member_id"], self.m_v1.id)
        visits = self.h_g2.action_view_visits()
        self.assertEqual(visits["domain"], [("household_id", "=", self.h_g2.id)])

    def test_visit_log_is_light(self):
        """The highest-volume record: no creation message, no follower row,
        and a fixed handful of queries per visit; later changes are tracked."""
        Visit = self.env["party.visit"]
        Visit.create({"member_id": self.m_g1.id, "household_id": self.h_g1a.id})
        self.env.flush_all()
        with self.assertQueryCount(12):
            visit = Visit.create(
                {"member_id": self.m_g1.id, "household_id": self.h_g1a.id}
            )
            self.env.flush_all()
        self.assertFalse(visit.message_ids)
        self.assertFalse(visit.message_follower_ids)
        visit.method = "phone"
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking is posted at commit time
        self.assertTrue(visit.message_ids.tracking_value_ids)
