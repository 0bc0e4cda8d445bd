# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from ..models.res_config_settings import PARAM_SIGN_DEADLINE
from .common import OrganisationCommon


@tagged("post_install", "-at_install")
class TestReserveCadre(OrganisationCommon):
    def test_pool(self):
        Cadre = self.env["party.reserve.cadre"]
        cadre = Cadre.create(
            {"member_id": self.m_g1.id, "grid_id": self.v1.id, "recommended_by": "支部"}
        )
        self.assertEqual(cadre.partner_id, self.m_g1.partner_id)
        self.assertEqual(cadre.status, "recommended")
        cadre.status = "training"
        outsider = self.env["res.partner"].create({"name": "王晓峰"})
        Cadre.create(
            {
                "partner_id": outsider.id,
                "grid_id": self.v2.id,
                "recommended_by": "镇党委",
            }
        )
        # the constraint's today: the user's, in their timezone
        tomorrow = fields.Date.context_today(Cadre) + timedelta(days=1)
        bad = [
            ({"member_id": self.m_v3.id, "grid_id": self.v1.id}, "outside"),
            (
                {
                    "member_id": self.m_g2.id,
                    "grid_id": self.v1.id,
                    "recommend_date": tomorrow,
                },
                "in the future",
            ),
            (
                {"member_id": self.m_g1.id, "grid_id": self.g1.id},
                "already in a reserve",
            ),
        ]
        for vals, message in bad:
            with self.assertRaisesRegex(ValidationError, message):
                Cadre.create(dict(vals, recommended_by="x"))
        self.assertEqual(len(self._count("party.reserve.cadre")), 2)
        # once appointed, the person may be recommended again elsewhere later
        cadre.status = "appointed"
        Cadre.create(
            {"member_id": self.m_g1.id, "grid_id": self.g1.id, "recommended_by": "x"}
        )


@tagged("post_install", "-at_install")
class TestSignPlate(OrganisationCommon):
    def test_installed_by_the_deadline_per_township(self):
        self.env["ir.config_parameter"].set_param(PARAM_SIGN_DEADLINE, "2026-09-30")
        (self.m_v1 | self.m_g1 | self.m_g2 | self.m_v3).is_central_household = True
        self.m_v1.sign_installed_date = date(2026, 9, 12)
        self.m_g1.sign_installed_date = date(2026, 10, 8)  # late
        self.m_v3.sign_installed_date = date(2026, 9, 30)
        self.assertEqual(
            (
                self.t1.sign_central_count,
                self.t1.sign_installed_count,
                self.t1.sign_missing_count,
            ),
            (3, 1, 2),
        )
        self.assertFalse(self.t1.sign_done)
        self.assertTrue(self.t2.sign_done)
        self.assertEqual(self.t1.sign_deadline, date(2026, 9, 30))
        # the list of townships, as the township officer reads it
        townships = (
            self.env["party.grid"]
            .with_user(self.user_township)
            .search([("org_type", "=", "committee"), ("parent_id", "!=", False)])
        )
        self.assertEqual(townships, self.t1)
        self.assertEqual(townships.sign_missing_count, 2)
        self.m_g2.sign_installed_date = date(2026, 9, 1)
        self.m_g1.sign_installed_date = date(2026, 9, 29)
        self.t1.invalidate_recordset()
        self.assertTrue(self.t1.sign_done)

    def test_default_deadline_end_of_september(self):
        self.env["ir.config_parameter"].set_param(PARAM_SIGN_DEADLINE, False)
        self.assertEqual(self.t1.sign_deadline, date(fields.Date.today().year, 9, 30))

    def test_sign_plate_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "gets no sign plate"):
            self.m_g1.sign_installed_date = date(2026, 9, 1)
        self.m_g1.is_central_household = True
        with self.assertRaisesRegex(ValidationError, "in the future"):
            self.m_g1.sign_installed_date = fields.Date.today() + timedelta(days=3)
        self.assertFalse(self.m_g1.sign_installed_date)
