# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ScoringCommon

SPEC = {
    "period_id": {"fields": {"display_name": {}}},
    "item_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "basis": {},
    "points": {},
    "max_points": {},
    "lost_points": {},
    "state": {},
}


@tagged("post_install", "-at_install")
class TestScoringAccess(ScoringCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.period.sudo()._compute_lines()
        cls.period.sudo().state = "computed"
        cls.Line = cls.env["party.score.line"]

    def _members_seen(self, user, model="party.score.line"):
        records = (
            self.env[model].with_user(user).search([("scheme_id", "=", self.scheme.id)])
        )
        return set(records.mapped("member_id"))

    def test_member_reads_own_points(self):
        Line = self.Line.with_user(self.user_member)
        lines = Line.search([])
        self.assertEqual(set(lines.mapped("member_id")), {self.m_g1})
        self.assertEqual(lines, Line.search([("is_mine", "=", True)]))
        groups = Line.read_group([], ["points:sum"], ["member_id"])
        self.assertEqual([g["member_id"][0] for g in groups], [self.m_g1.id])
        exported = lines.export_data(["item_id", "points", "basis"])["datas"]
        self.assertEqual(len(exported), 3)
        other = self._line(self.period, self.weishan, self.item_contact)
        with self.assertRaises(AccessError):
            other.with_user(self.user_member).read(["points"])
        with self.assertRaises(AccessError):
            Line.create(
                {
                    "period_id": self.period.id,
                    "item_id": self.item_deed.id,
                    "member_id": self.m_g1.id,
                    "points": 5,
                    "basis": "self-service",
                }
            )
        self.assertFalse(
            self.Line.sudo().search(
                [("kind", "=", "manual"), ("scheme_id", "=", self.scheme.id)]
            )
        )
        self.assertEqual(
            set(
                self.env["party.score.total"]
                .with_user(self.user_member)
                .search([])
                .mapped("member_id")
            ),
            {self.m_g1},
        )

    def test_my_points_screen_query_count(self):
        Line = self.Line.with_user(self.user_member)
        Line.web_search_read([("is_mine", "=", True)], SPEC)
        self.env.invalidate_all()
        with self.assertQueryCount(10):
            result = Line.web_search_read([("is_mine", "=", True)], SPEC)
        self.assertEqual(result["length"], 3)

    def test_head_reads_subtree(self):
        seen = self._members_seen(self.user_head)
        self.assertEqual(seen, {self.m_v1, self.m_g1, self.m_g2, self.weishan})
        seen_g1 = self._members_seen(self.user_g1_head)
        self.assertEqual(seen_g1, {self.m_g1, self.weishan})
        groups = self.Line.with_user(self.user_head).read_group(
            [("scheme_id", "=", self.scheme.id)], ["points:sum"], ["grid_id"]
        )
        self.assertEqual(
            {g["grid_id"][0] for g in groups}, {self.v1.id, self.g1.id, self.g2.id}
        )
        self.assertEqual(
            set(
                self.env["party.score.quarter"]
                .with_user(self.user_head)
                .search([("scheme_id", "=", self.scheme.id)])
                .mapped("member_id")
            ),
            {self.m_v1, self.m_g1, self.m_g2, self.weishan},
        )
        # a manual entry outside the subtree is refused
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_head).create(
                {
                    "period_id": self.period.id,
                    "item_id": self.item_deed.id,
                    "member_id": self.m_v3.id,
                    "points": 1,
                    "basis": "outside",
                }
            )
        self.assertFalse(
            self.Line.sudo().search(
                [("kind", "=", "manual"), ("scheme_id", "=", self.scheme.id)]
            )
        )

    def test_worker_and_instructor(self):
        self.assertEqual(self._members_seen(self.user_worker), set())
        self.assertEqual(self._members_seen(self.user_instructor), {self.m_v3})
        with self.assertRaises(AccessError):
            self.Line.with_user(self.user_worker).create(
                {
                    "period_id": self.period.id,
                    "item_id": self.item_deed.id,
                    "member_id": self.m_g1.id,
                    "points": 1,
                    "basis": "worker",
                }
            )

    def test_county_reads_all_changes_no_scheme(self):
        self.assertEqual(
            self._members_seen(self.user_county),
            {self.m_v1, self.m_g1, self.m_g2, self.m_v3, self.weishan},
        )
        self.user_county.groups_id += self.env.ref("base.group_allow_export")
        exported = (
            self.Line.with_user(self.user_county)
            .search([("scheme_id", "=", self.scheme.id)])
            .export_data(["member_id", "points"])["datas"]
        )
        self.assertEqual(len(exported), 15)
        with self.assertRaises(AccessError):
            self.scheme.with_user(self.user_county).name = "Renamed"
        with self.assertRaises(AccessError):
            self.item_contact.with_user(self.user_county).max_points = 50
        self.assertEqual(self.scheme.name, "Member scheme (test)")
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_head).action_compute()

    def test_township_manages_only_own_subtree(self):
        with self.assertRaises(AccessError):
            self.period.with_user(self.user_t1).action_publish()
        self.assertEqual(self.period.state, "computed")
        self.period.with_user(self.user_township).action_publish()
        self.assertEqual(self.period.state, "published")

    def test_manager_changes_schemes(self):
        self.scheme.with_user(self.user_manager).name = "Renamed"
        self.assertEqual(self.scheme.name, "Renamed")
