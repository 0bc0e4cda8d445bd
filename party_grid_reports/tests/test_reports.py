# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import unittest

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import MONTH, ReportsCommon, load_workbook


@tagged("post_install", "-at_install")
@unittest.skipUnless(load_workbook, "openpyxl is not available")
class TestXlsxReports(ReportsCommon):
    def test_statistics_county(self):
        book = self._xlsx(self.user_county, "statistics", self.county)
        sheet = book.worksheets[0]
        rows = self._rows(sheet)
        self.assertIn("统计表", rows[0][0])
        header = rows[2] + rows[3]
        for text in ("网格数", "党员", "事项"):
            self.assertTrue(any(text in str(cell or "") for cell in header), text)
        names = [row[0] for row in rows[4:]]
        self.assertIn("T1", names)
        self.assertIn("T2", names)
        totals = rows[-1]
        self.assertEqual(totals[0], "合计")
        labels = [str(c or "") for c in rows[3]]
        county = self.county.with_user(self.user_county)
        self.assertEqual(
            totals[labels.index("住户")] + totals[labels.index("其他对象")],
            county.household_count,
        )
        self.assertEqual(
            totals[labels.index("有联系党员")], county.covered_household_count
        )
        self.assertEqual(totals[labels.index("受理")], 3)
        # frozen header, A4 landscape, header repeated
        self.assertEqual(sheet.freeze_panes, "B5")
        self.assertEqual(sheet.page_setup.orientation, "landscape")
        self.assertEqual(sheet.print_title_rows, "$3:$4")

    def test_statistics_township_only_own(self):
        rows = self._rows(
            self._xlsx(self.user_township, "statistics", self.t1).worksheets[0]
        )
        names = [row[0] for row in rows[4:-1]]
        self.assertEqual(names, ["T1（本级）", "V1", "V2"])
        with self.assertRaises(AccessError):
            self._xlsx(self.user_township, "statistics", self.county)
        with self.assertRaises(AccessError):
            self._wizard(self.user_township, "statistics", self.t2).action_print()
        # the officer of T2 has no e-mail and gets T2 only
        rows = self._rows(
            self._xlsx(self.user_township2, "statistics", self.t2).worksheets[0]
        )
        self.assertEqual([row[0] for row in rows[4:-1]], ["T2（本级）", "V3"])

    def test_contact_rosters(self):
        book = self._xlsx(self.user_head, "contact_roster", self.v1)
        self.assertEqual(len(book.worksheets), 3)
        groups, central, members = (self._rows(s) for s in book.worksheets)
        self.assertTrue(any(row[1] == "G1" for row in groups[4:]))
        self.assertTrue(
            any(row[1] == "Member G1" and row[3] == "Member G2" for row in central[4:])
        )
        data = members[4:-1]
        self.assertIn(
            [
                "G1",
                "Member G1",
                "13800000001",
                "H G1 a",
                "住户",
                "Main Street 2",
                "13600000004",
                None,
            ],
            [row[:7] + [row[7] or None] for row in data],
        )
        # gaps: a household without member, a member without household
        self.assertTrue(
            any(row[3] == "H G1 b" and row[1] == "（未落实）" for row in data)
        )
        self.assertTrue(
            any(row[1] == "Member G2" and row[3] == "（未落实）" for row in data)
        )

    def test_rosters_duty_tickets(self):
        members, grids = (
            self._rows(s)
            for s in self._xlsx(self.user_township, "roster", self.t1).worksheets
        )
        self.assertEqual(members[-1][2], 3)  # Member V1, G1, G2
        self.assertTrue(any(row[1] == "G1" and "Village Hall" in row for row in grids))
        duty = self._rows(self._xlsx(self.user_township, "duty", self.t1).worksheets[0])
        self.assertEqual(duty[-1][0], "合计")
        tickets = self._rows(
            self._xlsx(self.user_township, "ticket", self.t1).worksheets[0]
        )
        with freeze_time("2026-03-12"):
            figures = (
                self.env["party.ticket.report"]
                .with_user(self.user_township)
                .get_figures(self.t1.id)
            )
        self.assertEqual(tickets[-1][2], figures["received_count"])
        self.assertEqual(tickets[-1][2], 2)

    def test_fixed_query_count(self):
        builder = self.env["party.report.builder"].with_user(self.user_county)
        counts = []
        for extra in (0, 0, 20):
            self.env["party.household"].create(
                [{"name": f"X{i}", "grid_id": self.g2.id} for i in range(extra)]
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            builder.build_member_roster_links(self.county.id)
            builder.build_statistics(self.county.id, *MONTH)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[1], counts[2])


@tagged("post_install", "-at_install")
class TestPdfReports(ReportsCommon):
    def _html(self, user, report, ids):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang="zh_CN")
            ._render_qweb_html(f"party_grid_reports.{report}", ids)
        )
        return html.decode()

    def test_notice_board_cards_flow_sign(self):
        html = self._html(self.user_head, "notice_board_a4_report", self.g1.ids)
        for text in ("公示牌", "13900000002", "Village Hall", "pg_t_head"):
            self.assertIn(text, html)
        html = self._html(self.user_head, "contact_card_report", self.g1.ids)
        self.assertIn("民情联系卡", html)
        self.assertIn("H G1 a", html)
        self.assertIn("13800000001", html)
        html = self._html(self.user_head, "flow_chart_report", self.g1.ids)
        self.assertIn("流程图", html)
        self.assertIn("Village", html)
        html = self._html(self.user_head, "central_sign_report", self.m_g1.ids)
        self.assertIn("党员中心户", html)
        self.assertIn("Member G2", html)

    def test_pdf_refused_outside_scope(self):
        with self.assertRaises(AccessError):
            self._html(self.user_township, "notice_board_a4_report", self.v3.ids)


@tagged("post_install", "-at_install")
class TestDashboard(ReportsCommon):
    def test_dashboard_per_role(self):
        Dashboard = self.env["party.report.dashboard"]
        county = Dashboard.with_user(self.user_county).get_dashboard_data()
        township = Dashboard.with_user(self.user_township).get_dashboard_data()
        self.assertEqual(
            county["households"], self.env["party.household"].search_count([])
        )
        self.assertEqual(township["grids"], 5)  # T1, V1, V2, G1, G2; none of T2
        self.assertLess(township["households"], county["households"])
        self.assertEqual(township["tickets"]["received"], 2)
        with self.assertQueryCount(10):
            Dashboard.with_user(self.user_township).get_dashboard_data()
