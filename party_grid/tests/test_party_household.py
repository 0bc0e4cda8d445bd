# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PartyGridCommon


@tagged("post_install", "-at_install")
class TestPartyHousehold(PartyGridCommon):
    def test_contact_member_grid(self):
        Household = self.env["party.household"]
        # the member of an ancestor grid may be the contact
        household = Household.create(
            {"name": "OK", "grid_id": self.g2.id, "contact_member_id": self.m_v1.id}
        )
        self.assertEqual(household.contact_member_id, self.m_v1)
        # a member of a sibling or of a deeper grid may not
        with self.assertRaisesRegex(ValidationError, "Member G1"):
            Household.create(
                {
                    "name": "Bad",
                    "grid_id": self.g2.id,
                    "contact_member_id": self.m_g1.id,
                }
            )
        with self.assertRaises(ValidationError):
            Household.create(
                {
                    "name": "Bad",
                    "grid_id": self.v1.id,
                    "contact_member_id": self.m_g1.id,
                }
            )
        with self.assertRaises(ValidationError):
            self.h_g1a.grid_id = self.v3
        self.assertFalse(Household.search([("name", "=", "Bad")]))
        self.assertEqual(self.h_g1a.grid_id, self.g1)

    def test_negative_residents(self):
        Household = self.env["party.household"]
        with self.assertRaisesRegex(ValidationError, "negative"):
            Household.create(
                {"name": "Neg", "grid_id": self.g1.id, "residents_count": -1}
            )
        self.assertFalse(Household.search([("name", "=", "Neg")]))
        Household.create(
            {
                "name": "Shop",
                "grid_id": self.g1.id,
                "kind": "shop",
                "residents_count": 0,
            }
        )

    def test_error_in_chinese(self):
        household = self.h_g1a.with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, "人口数不能为负数"):
            household.residents_count = -3
        with self.assertRaisesRegex(ValidationError, "联系党员"):
            household.contact_member_id = self.m_v3

    def test_must_visit(self):
        self.h_g1b.tag_ids = self.tag_other
        self.assertFalse(self.h_g1b.must_visit)
        self.h_g1b.tag_ids = [Command.link(self.tag_must.id)]
        self.assertTrue(self.h_g1b.must_visit)
        self.tag_must.must_visit = False
        self.assertFalse(self.h_g1b.must_visit)
        self.tag_other.must_visit = True
        self.assertTrue(self.h_g1b.must_visit)
        self.assertEqual(
            self.env["party.household"].search(
                [("must_visit", "=", True), ("grid_id", "child_of", self.t1.id)]
            ),
            self.h_g1b,
        )

    def test_list_query_count_independent_of_page_size(self):
        members = self.env["party.member"].create(
            [{"name": f"M{i}", "grid_id": self.g2.id} for i in range(10)]
        )
        self.env["party.household"].create(
            [
                {
                    "name": f"Household {i:03d}",
                    "grid_id": self.g2.id,
                    "contact_member_id": members[i % 10].id,
                    "tag_ids": [
                        Command.set((self.tag_must | self.tag_other).ids[: 1 + i % 2])
                    ],
                    "address": f"Street {i}",
                }
                for i in range(100)
            ]
        )
        self.env.flush_all()
        spec = {
            "name": {},
            "kind": {},
            "grid_id": {"fields": {"display_name": {}}},
            "address": {},
            "phone": {},
            "residents_count": {},
            "contact_member_id": {"fields": {"display_name": {}}},
            "tag_ids": {"fields": {"display_name": {}, "color": {}}},
            "must_visit": {},
            "active": {},
        }
        Household = self.env["party.household"].with_user(self.user_head)

        def count_queries(limit):
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            result = Household.web_search_read([], spec, limit=limit)
            self.assertEqual(len(result["records"]), limit)
            return self.cr.sql_log_count - start

        count_queries(10)  # warm the caches (record rules, fields)
        small = count_queries(10)
        self.assertEqual(count_queries(80), small)
        with self.assertQueryCount(small):
            self.env.invalidate_all()
            Household.web_search_read([], spec, limit=80)

    def test_zh_cn_user(self):
        """A user working in Chinese gets Chinese labels and messages."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["party_grid"], ["zh_CN"])
        self.user_worker.lang = "zh_CN"
        env = self.env(user=self.user_worker, context={"lang": self.user_worker.lang})
        description = env["party.member"].fields_get(["id_number", "status"])
        self.assertEqual(description["id_number"]["string"], "公民身份号码")
        self.assertIn(("full", "正式党员"), description["status"]["selection"])
        household = self.h_g1a.with_env(env)
        with self.assertRaisesRegex(ValidationError, "H G1 a 的人口数不能为负数"):
            household.residents_count = -1
        self.assertEqual(self.h_g1a.residents_count, 1)
