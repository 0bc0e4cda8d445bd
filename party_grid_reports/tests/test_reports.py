# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import shutil
import subprocess
import tempfile
import unittest

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    make_id_number,
)

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
        # the rosters read the contact pyramid of party_grid_organisation: a
        # branch committee member links G1, a group head links G1's central
        # household
        self.g2.org_type = "group"
        levels = self.env["party.contact.level"]._by_code()
        self.env["party.contact.link"].create(
            [
                {
                    "level_id": levels["branch"].id,
                    "member_id": self.m_v1.id,
                    "target_grid_id": self.g1.id,
                },
                {
                    "level_id": levels["group"].id,
                    "member_id": self.m_v1.id,
                    "target_member_id": self.m_g1.id,
                },
            ]
        )
        book = self._xlsx(self.user_head, "contact_roster", self.v1)
        self.assertEqual(len(book.worksheets), 3)
        groups, central, members = (self._rows(s) for s in book.worksheets)
        self.assertIn(["G1", "Member V1"], [[row[1], row[4]] for row in groups[4:]])
        self.assertIn("（未落实）", [row[4] for row in groups[4:] if row[1] == "G2"])
        self.assertIn(
            ["Member G1", "Member G2", "Member V1"],
            [[row[1], row[3], row[6]] for row in central[4:]],
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
class TestQueryCounts(ReportsCommon):
    """Every builder and the dashboard run a fixed number of queries: the same
    with five more villages, their party groups, members, households, staff,
    visits and tickets (DESIGN §6: no per-record queries in loops)."""

    maxDiff = None

    def _counts(self):
        Dashboard = self.env["party.report.dashboard"]
        counts = {}
        for user in (self.user_county, self.user_township):
            builder = self.env["party.report.builder"].with_user(user)
            grid = (self.county if user == self.user_county else self.t1).id
            calls = {
                "statistics": lambda b=builder, g=grid: b.build_statistics(g, *MONTH),
                "group roster": lambda b=builder, g=grid: b.build_group_roster(g),
                "central roster": lambda b=builder, g=grid: b.build_central_roster(g),
                "member links": lambda b=builder, g=grid: b.build_member_roster_links(
                    g
                ),
                "member roster": lambda b=builder, g=grid: b.build_member_roster(g),
                "grid roster": lambda b=builder, g=grid: b.build_grid_roster(g),
                "duty": lambda b=builder, g=grid: b.build_duty(g, *MONTH),
                "tickets": lambda b=builder, g=grid: b.build_tickets(g, *MONTH),
                "dashboard": lambda u=user: Dashboard.with_user(u).get_dashboard_data(),
            }
            for name, call in calls.items():
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                call()
                counts[user.login, name] = self.env.cr.sql_log_count - before
        return counts

    def test_counts_independent_of_grids(self):
        self._counts()  # warm the caches (record rules, translations)
        first = self._counts()
        Grid = self.env["party.grid"]
        villages = Grid.create(
            [
                {
                    "name": f"NV{i}",
                    "parent_id": self.t1.id,
                    "level_id": self.level_village.id,
                }
                for i in range(5)
            ]
        )
        groups = Grid.create(
            [
                {
                    "name": f"NG{i}",
                    "parent_id": village.id,
                    "level_id": self.level_group.id,
                    "org_type": "group",
                    "head_id": self.user_head.id,
                    "station_address": "New Station",
                }
                for i, village in enumerate(villages)
            ]
        )
        members = self.env["party.member"].create(
            [
                {
                    "name": f"New Member {i}",
                    "grid_id": group.id,
                    "id_number": make_id_number(100 + i),
                    "central_household_id": self.m_g1.id,
                }
                for i, group in enumerate(groups)
            ]
        )
        self.env["party.household"].create(
            [
                {
                    "name": f"New Household {i}",
                    "grid_id": member.grid_id.id,
                    "contact_member_id": member.id,
                }
                for i, member in enumerate(members)
            ]
        )
        self.env["party.grid.role"].create(
            [
                {
                    "grid_id": group.id,
                    "user_id": self.user_worker.id,
                    "role": "part_time",
                }
                for group in groups
            ]
        )
        with freeze_time("2026-03-05 08:00:00"):
            for group in groups:
                self._ticket_cls(group, "Bridge")
        self.env.flush_all()
        self._counts()  # the new grids' heads and roles cleared the rule caches
        second = self._counts()
        self.assertEqual(second, first)
        for login in (self.user_county.login, self.user_township.login):
            self.assertLessEqual(second[login, "dashboard"], 10)


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


PDF_REPORTS = (
    # (report, records, Chinese text the page must carry)
    ("notice_board_a4_report", "g1", "党建网格公示牌"),
    ("notice_board_a3_report", "g1", "党建网格公示牌"),
    ("contact_card_report", "g1", "民情联系卡"),
    ("central_sign_report", "m_g1", "党员中心户"),
    ("flow_chart_report", "g1", "基层党建网格化服务流程图"),
)


@tagged("post_install", "-at_install")
class TestPdfRendering(ReportsCommon, HttpCase):
    """Each PDF through wkhtmltopdf, as the Print menu does. Odoo's test mode
    returns HTML unless ``force_report_rendering`` is set. An HttpCase: the
    test server then answers wkhtmltopdf's requests for the report's style
    sheets within the test's transaction instead of waiting on its locks."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())

    def _pdf(self, report, ids):
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_head)
            .with_context(lang="zh_CN", force_report_rendering=True)
        )
        # the Debian/Ubuntu wkhtmltopdf (unpatched Qt) warns that it ignores the
        # header and footer switches; those warnings are not failures here
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            return Report._render_qweb_pdf(f"party_grid_reports.{report}", ids)

    def test_each_pdf(self):
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        for report, records, text in PDF_REPORTS:
            ids = getattr(self, records).ids
            with self.subTest(report=report):
                html, _kind = (
                    self.env["ir.actions.report"]
                    .with_user(self.user_head)
                    .with_context(lang="zh_CN")
                    ._render_qweb_html(f"party_grid_reports.{report}", ids)
                )
                html = html.decode()
                self.assertIn(text, html)
                # one article: Debian's wkhtmltopdf takes one input document only
                self.assertEqual(html.count('class="article'), 1)
                for english in ("Notice Board", "Contact Card", "Phone:", "Grid Head"):
                    self.assertNotIn(english, html)
                if state != "ok":
                    # the HTML above is what would be printed
                    self.skipTest(f"wkhtmltopdf is not usable here (state {state!r})")
                pdf, kind = self._pdf(report, ids)
                self.assertEqual(kind, "pdf")
                self.assertTrue(pdf.startswith(b"%PDF-"), report)
                if shutil.which("pdffonts"):
                    self.assertRegex(self._pdf_fonts(pdf), r"CJK\S*\s+CID.*\byes\b")

    @staticmethod
    def _pdf_fonts(pdf):
        """poppler's list of the fonts of ``pdf``: the Chinese must come with an
        embedded CJK font (Noto Sans CJK SC, installed by scripts/lib.sh), or the
        printer shows boxes."""
        with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
            handle.write(pdf)
            handle.flush()
            return subprocess.run(
                ["pdffonts", handle.name], capture_output=True, check=True, text=True
            ).stdout

    def test_a3_board_has_its_own_report_name(self):
        """The web client prints through /report/pdf/<report_name>: the A3 board
        needs its own name to get its A3 paper."""
        Report = self.env["ir.actions.report"]
        a3 = Report._get_report("party_grid_reports.report_notice_board_a3")
        a4 = Report._get_report("party_grid_reports.report_notice_board")
        self.assertEqual(a3, self.env.ref("party_grid_reports.notice_board_a3_report"))
        self.assertEqual(a3.paperformat_id.format, "A3")
        self.assertEqual(a4.paperformat_id.format, "A4")
        html = Report.with_context(lang="zh_CN")._render_qweb_html(a3.id, self.g1.ids)
        self.assertIn("pg-a3", html[0].decode())

    def test_station_and_head_from_the_village(self):
        """A party group without its own station, head or rota prints the
        village's, also for a grid worker who cannot read the village."""
        self.g1.write({"station_address": False, "station_phone": False})
        self.g1.duty_ids.unlink()
        self.g1.head_id = False
        self.v1.write(
            {
                "station_address": "V1 Service Station",
                "station_phone": "0318-7654321",
                "duty_ids": [
                    Command.create(
                        {"weekday": "2", "partner_id": self.user_head.partner_id.id}
                    )
                ],
            }
        )
        builder = self.env["party.report.builder"].with_user(self.user_worker)
        with self.assertRaises(AccessError):
            self.v1.with_user(self.user_worker).check_access("read")
        card = next(
            c
            for c in builder.build_contact_cards(self.g1.ids)
            if c["household"] == "H G1 a"
        )
        self.assertEqual(card["station_address"], "V1 Service Station")
        self.assertEqual(card["station_phone"], "0318-7654321")
        self.assertEqual(card["head"]["name"], self.user_head.partner_id.name)
        self.assertIn(self.user_head.partner_id.name, card["hours"])
        [board] = builder.build_notice_boards(self.g1.ids)
        self.assertEqual(board["station_address"], "V1 Service Station")
        self.assertEqual(board["leaders"][0]["name"], self.user_head.partner_id.name)
        self.assertIn("V1", board["leaders"][0]["role"])
        [chart] = builder.build_flow_charts(self.g1.ids)
        self.assertEqual(chart["station_phone"], "0318-7654321")


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


@tagged("post_install", "-at_install")
class TestSpreadsheetDashboard(ReportsCommon):
    """The leader dashboard shipped on Odoo's spreadsheet dashboards: its
    pivots and charts are read_group calls on the register and report models,
    so each reader's record rules decide the figures."""

    def _sources(self, data):
        for pivot in data["pivots"].values():
            groupby = [
                f"{row['fieldName']}:{row['granularity']}"
                if row.get("granularity")
                else row["fieldName"]
                for row in pivot["rows"]
            ]
            measures = [m["fieldName"] for m in pivot["measures"]]
            yield pivot["model"], pivot["domain"], groupby, measures
        for sheet in data["sheets"]:
            for figure in sheet["figures"]:
                meta = figure["data"].get("metaData")
                if meta:
                    domain = figure["data"]["searchParams"]["domain"]
                    yield meta["resModel"], domain, meta["groupBy"], [meta["measure"]]

    def test_leader_dashboard(self):
        dashboard = self.env.ref(
            "party_grid_reports.spreadsheet_dashboard_party_leader"
        )
        group = dashboard.dashboard_group_id.with_context(lang="zh_CN")
        self.assertEqual(group.name, "党建网格")
        as_township = dashboard.with_user(self.user_township)
        self.assertTrue(as_township.has_access("read"))
        self.assertFalse(dashboard.with_user(self.user_worker).has_access("read"))
        data = as_township.get_readonly_dashboard()["snapshot"]
        sources = list(self._sources(data))
        self.assertGreaterEqual(len(sources), 8)
        for model, domain, groupby, measures in sources:
            aggregates = ["__count" if m == "__count" else f"{m}:sum" for m in measures]
            with self.subTest(model=model, groupby=groupby):
                township = (
                    self.env[model]
                    .with_user(self.user_township)
                    ._read_group(domain, groupby, aggregates)
                )
                county = (
                    self.env[model]
                    .with_user(self.user_county)
                    ._read_group(domain, groupby, aggregates)
                )
                if not groupby:
                    self.assertLessEqual(township[0][0] or 0, county[0][0] or 0)
        households = dict((p["name"], p) for p in data["pivots"].values())[
            "住户及其他对象"
        ]
        [(count,)] = (
            self.env[households["model"]]
            .with_user(self.user_township)
            ._read_group(households["domain"], [], ["__count"])
        )
        self.assertEqual(
            count,
            self.env["party.household"].with_user(self.user_township).search_count([]),
        )
        self.assertLess(count, self.env["party.household"].search_count([]))
