# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import unittest

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    make_id_number,
)

from ..report.party_report_builder_points import competition_ranks
from .common import ReportsCommon, load_workbook

# (member, month, {category: points}); base points 60
LEDGER = {
    "m_g1": {"2026-02-01": {"service": 5}, "2026-03-01": {"service": 8, "life": 5}},
    "m_g2": {"2026-02-01": {"service": 5}, "2026-03-01": {"service": 10, "life": 3}},
    "m_v1": {"2026-02-01": {"service": 5}, "2026-03-01": {"service": 4}},
    "m_v3": {"2026-02-01": {"service": 5}, "2026-03-01": {"service": 10, "life": 10}},
}
STARS = dict.fromkeys("012345", 0)


class PointsCommon(ReportsCommon):
    """A member scheme over the county with two categories, February and
    March 2026 and the first quarter published: in March Member G1 and Member
    G2 tie at 73, Member V1 has 64 and Member V3 (T2) 80; each has 65 in
    February. Member G1 is the grid worker's own membership."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.cat_service = ref("party_grid_scoring.party_score_category_service")
        cls.cat_life = ref("party_grid_scoring.party_score_category_life")
        cls.scheme = cls.env["party.score.scheme"].create(
            {
                "name": "Member scheme (reports test)",
                "grid_id": cls.county.id,
                "subject_type": "member",
                "date_from": "2025-01-01",
                "base_points": 60.0,
                "star1_min": 60.0,
                "star2_min": 70.0,
                "star3_min": 80.0,
                "star4_min": 90.0,
                "star5_min": 95.0,
                "lang": "en_US",
                "item_ids": [
                    Command.create(
                        {
                            "name": "Service",
                            "category_id": cls.cat_service.id,
                            "measure": "manual",
                            "points": 1.0,
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Party life",
                            "category_id": cls.cat_life.id,
                            "measure": "manual",
                            "points": 1.0,
                            "max_points": 10.0,
                        }
                    ),
                ],
            }
        )
        cls.items = dict(
            zip(("service", "life"), cls.scheme.item_ids.sorted("id"), strict=True)
        )
        Period = cls.env["party.score.period"]
        cls.feb, cls.march = Period.create(
            [
                {"scheme_id": cls.scheme.id, "date_from": day}
                for day in ("2026-02-01", "2026-03-01")
            ]
        )
        cls.quarter = Period.create(
            {
                "scheme_id": cls.scheme.id,
                "period_type": "quarter",
                "date_from": "2026-01-01",
            }
        )
        cls.months = {"2026-02-01": cls.feb, "2026-03-01": cls.march}
        cls.m_g1.user_id = cls.user_worker
        cls._ledger(LEDGER)
        (cls.feb | cls.march | cls.quarter).write(
            {"state": "published", "date_published": "2026-04-02"}
        )
        cls.env.flush_all()

    @classmethod
    def _ledger(cls, ledger, members=None):
        vals = []
        for name, months in ledger.items():
            member = members[name] if members else getattr(cls, name)
            for day, points in months.items():
                for category, value in points.items():
                    vals.append(
                        {
                            "period_id": cls.months[day].id,
                            "item_id": cls.items[category].id,
                            "member_id": member.id,
                            "points": value,
                            "max_points": 10.0,
                            "lost_points": 10.0 - value,
                            "basis": f"{value} of 10",
                            "kind": "auto",
                            "state": "approved",
                        }
                    )
        cls.env["party.score.line"].create(vals)

    @staticmethod
    def _labels(rows):
        """The column labels: the lower header row, or the merged upper cell of
        a column without a group."""
        return [low or up for up, low in zip(rows[2], rows[3], strict=True)]

    def _points_xlsx(self, user, grid, period):
        wizard = (
            self.env["party.grid.report.wizard"]
            .with_user(user)
            .create(
                {"report": "points", "grid_id": grid.id, "score_period_id": period.id}
            )
            .with_context(lang="zh_CN")
        )
        content, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="zh_CN")
            ._render_xlsx("party_grid_reports.points_xlsx", wizard.ids, {})
        )
        return load_workbook(io.BytesIO(content)).worksheets[0]


@tagged("post_install", "-at_install")
@unittest.skipUnless(load_workbook, "openpyxl is not available")
class TestPointsReport(PointsCommon):
    def test_competition_ranks(self):
        self.assertEqual(competition_ranks([70, 90, 80, 80]), [4, 1, 2, 2])
        self.assertEqual(competition_ranks([]), [])

    def test_month_county(self):
        sheet = self._points_xlsx(self.user_county, self.county, self.march)
        rows = self._rows(sheet)
        self.assertIn("积分排名表", rows[0][0])
        self.assertTrue(any("2026-03" in str(cell or "") for cell in rows[1]))
        service = self.cat_service.with_context(lang="zh_CN").name
        life = self.cat_life.with_context(lang="zh_CN").name
        self.assertEqual(rows[2][0], "党员")
        self.assertIn("分类得分", rows[2])
        labels = self._labels(rows)
        self.assertEqual(sorted(labels[2:4]), sorted([service, life]))
        col = labels.index(service)
        for text in ("基础分", "合计", "失分", "排名"):
            self.assertIn(text, labels)
        data = rows[4:-1]
        self.assertEqual(
            [(row[0], row[-1]) for row in data],
            [("Member V3", 1), ("Member G1", 2), ("Member G2", 2), ("Member V1", 4)],
        )
        # Member G1's row equals the ledger's lines and the monthly total
        row = data[1]
        lines = self.env["party.score.line"].search(
            [("period_id", "=", self.march.id), ("member_id", "=", self.m_g1.id)]
        )
        self.assertEqual(row[1], "G1")
        service_lines = lines.filtered(lambda x: x.category_id == self.cat_service)
        self.assertEqual(row[col], sum(service_lines.mapped("points")))
        self.assertEqual(row[col], 8)
        self.assertEqual(row[labels.index(life)], 5)
        total = self.env["party.score.total"].search(
            [("period_id", "=", self.march.id), ("member_id", "=", self.m_g1.id)]
        )
        self.assertEqual(row[labels.index("合计")], total.points)
        self.assertEqual(total.points, 73)
        self.assertEqual(row[labels.index("失分")], sum(lines.mapped("lost_points")))
        self.assertEqual(row[labels.index("基础分")], 60)
        averages = rows[-1]
        self.assertEqual(averages[0], "平均")
        self.assertEqual(averages[labels.index("合计")], (80 + 73 + 73 + 64) / 4)
        self.assertEqual(sheet.freeze_panes, "B5")
        self.assertEqual(sheet.page_setup.orientation, "landscape")
        self.assertEqual(sheet.print_title_rows, "$3:$4")
        self.assertIn("A3", sheet.merged_cells)  # 党员 over both header rows

    def test_quarter_stars_and_township(self):
        rows = self._rows(self._points_xlsx(self.user_township, self.t1, self.quarter))
        labels = self._labels(rows)
        service = self.cat_service.with_context(lang="zh_CN").name
        self.assertIn("星级", labels)
        data = {row[0]: row for row in rows[4:-1]}
        # T2's Member V3 is not in the township officer's table
        self.assertEqual(set(data), {"Member G1", "Member G2", "Member V1"})
        g1 = data["Member G1"]
        self.assertEqual(g1[labels.index("季度合计")], 138)
        self.assertEqual(g1[labels.index("月均得分")], 69)
        self.assertEqual(g1[labels.index("基础分")], 120)
        self.assertEqual(g1[labels.index(service)], 13)  # 5 + 8
        self.assertEqual(g1[labels.index("星级")], "★")
        self.assertEqual(g1[-1], 1)
        self.assertEqual(data["Member G2"][-1], 1)
        self.assertEqual(data["Member V1"][-1], 3)
        with self.assertRaises(AccessError):
            self._points_xlsx(self.user_township, self.county, self.quarter)
        county = self.env["party.report.builder"].with_user(self.user_county)
        table = county.build_points(self.county.id, self.quarter.id)
        stars = {row["subject_id"]: row["stars"] for row in table["raw_rows"]}
        self.assertEqual(stars[self.m_v3.id], "2")  # 72.5

    def test_worker_limited_to_own_points(self):
        rows = self._rows(self._points_xlsx(self.user_worker, self.g1, self.march))
        self.assertEqual([row[0] for row in rows[4:-1]], ["Member G1"])
        self.assertEqual(rows[4][-1], 1)
        with self.assertRaises(AccessError):
            self._points_xlsx(self.user_worker, self.county, self.march)

    def test_wizard_default_period(self):
        # a later published month of a scheme of T2 is not the default in T1
        other = self.env["party.score.scheme"].create(
            {
                "name": "T2 scheme (reports test)",
                "grid_id": self.t2.id,
                "subject_type": "member",
                "date_from": "2025-01-01",
                "lang": "en_US",
            }
        )
        april = self.env["party.score.period"].create(
            {"scheme_id": other.id, "date_from": "2026-04-01"}
        )
        april.write({"state": "published", "date_published": "2026-05-02"})
        Wizard = self.env["party.grid.report.wizard"].with_user(self.user_township)
        wizard = Wizard.with_context(active_model="party.grid", active_id=self.t1.id)
        wizard = wizard.create({"report": "points"})
        self.assertEqual(wizard.grid_id, self.t1)
        # the quarter before its last month, which ends the same day
        self.assertEqual(wizard.score_period_id, self.quarter)
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "party_grid_reports.points_xlsx")
        wizard.score_period_id = False
        with self.assertRaises(UserError):
            wizard.action_print()

    def test_query_count_independent_of_subjects(self):
        def counts():
            result = {}
            for user, grid in (
                (self.user_county, self.county),
                (self.user_township, self.t1),
            ):
                builder = self.env["party.report.builder"].with_user(user)
                for period in (self.march, self.quarter):
                    self.env.invalidate_all()
                    before = self.env.cr.sql_log_count
                    table = builder.build_points(grid.id, period.id)
                    result[user.login, period.name] = self.env.cr.sql_log_count - before
                    result[user.login, period.name, "rows"] = len(table["rows"])
            return result

        counts()  # warm the caches
        first = counts()
        members = self.env["party.member"].create(
            [
                {
                    "name": f"Scored Member {i}",
                    "grid_id": (self.g1 if i % 2 else self.v2).id,
                    "id_number": make_id_number(200 + i),
                }
                for i in range(6)
            ]
        )
        self._ledger(
            {
                f"x{i}": {"2026-02-01": {"service": i}, "2026-03-01": {"life": i}}
                for i in range(6)
            },
            members={f"x{i}": member for i, member in enumerate(members)},
        )
        self.env.flush_all()
        counts()
        second = counts()
        for key, value in first.items():
            if key[-1] == "rows":
                self.assertEqual(second[key], value + 6, key)
            else:
                self.assertEqual(second[key], value, key)

    def test_dashboard_stars_per_role(self):
        Dashboard = self.env["party.report.dashboard"]

        def members(user):
            data = Dashboard.with_user(user).get_dashboard_data()["stars"]
            self.assertEqual(data["quarter"], "2026-Q1")
            [row] = [r for r in data["subjects"] if r["subject_type"] == "member"]
            return {s["stars"]: s["count"] for s in row["stars"]}, row["count"]

        # the demo's later quarters are outside the test users' grids
        self.assertEqual(members(self.user_township), ({**STARS, "1": 3}, 3))
        # T2's officer: Member V3 has ★★ (72.5)
        self.assertEqual(members(self.user_township2), ({**STARS, "2": 1}, 1))
        # the worker reads their own score only (Member G1)
        self.assertEqual(members(self.user_worker), ({**STARS, "1": 1}, 1))
        with self.assertQueryCount(10):
            Dashboard.with_user(self.user_township).get_dashboard_data()

    def test_spreadsheet_dashboard_stars(self):
        dashboard = self.env.ref(
            "party_grid_reports.spreadsheet_dashboard_party_leader"
        ).with_user(self.user_township)
        data = dashboard.get_readonly_dashboard()["snapshot"]
        [pivot] = [
            p for p in data["pivots"].values() if p["model"] == "party.score.quarter"
        ]
        groupby = [
            f"{row['fieldName']}:{row['granularity']}"
            if row.get("granularity")
            else row["fieldName"]
            for row in pivot["rows"] + pivot["columns"]
        ]
        rows = (
            self.env[pivot["model"]]
            .with_user(self.user_township)
            ._read_group(pivot["domain"], groupby, ["__count"])
        )
        # T1's three members, ★ each, in the first quarter of 2026; none of T2
        self.assertEqual(
            [(q.isoformat(), stars, kind, n) for q, stars, kind, n in rows],
            [("2026-01-01", "1", "member", 3)],
        )

    def test_grid_subjects_show_the_grid_above(self):
        scheme = self.env["party.score.scheme"].create(
            {
                "name": "Group scheme (reports test)",
                "grid_id": self.county.id,
                "subject_type": "grid",
                "date_from": "2025-01-01",
                "base_points": 0.0,
                "lang": "en_US",
                "item_ids": [
                    Command.create(
                        {
                            "name": "Grid work",
                            "category_id": self.cat_service.id,
                            "measure": "manual",
                            "points": 1.0,
                            "max_points": 10.0,
                        }
                    )
                ],
            }
        )
        month = self.env["party.score.period"].create(
            {"scheme_id": scheme.id, "date_from": "2026-03-01"}
        )
        self.env["party.score.line"].create(
            [
                {
                    "period_id": month.id,
                    "item_id": scheme.item_ids.id,
                    "subject_grid_id": grid.id,
                    "points": points,
                    "max_points": 10.0,
                    "lost_points": 10.0 - points,
                    "basis": "test",
                    "kind": "auto",
                    "state": "approved",
                }
                for grid, points in ((self.g1, 7), (self.g2, 9), (self.g3, 7))
            ]
        )
        month.write({"state": "published", "date_published": "2026-04-02"})
        self.env.flush_all()
        rows = self._rows(self._points_xlsx(self.user_county, self.county, month))
        self.assertEqual(rows[2][0], "党小组/网格")
        self.assertEqual(
            [(row[0], row[1], row[-1]) for row in rows[4:-1]],
            [("G2", "V1", 1), ("G1", "V1", 2), ("G3", "V3", 2)],
        )
