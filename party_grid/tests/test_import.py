# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io

from odoo.tests import tagged
from odoo.tools import file_open

from .common import PartyGridCommon, make_id_number

CSV_OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "%Y-%m-%d",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@tagged("post_install", "-at_install")
class TestImport(PartyGridCommon):
    def _import(self, model, rows, dryrun=False):
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        wizard = self.env["base_import.import"].create(
            {
                "res_model": model,
                "file": buffer.getvalue().encode(),
                "file_type": "text/csv",
                "file_name": "import.csv",
            }
        )
        return wizard.execute_import(rows[0], rows[0], dict(CSV_OPTIONS), dryrun=dryrun)

    def _errors(self, result):
        return [m["message"] for m in result["messages"] if m["type"] == "error"]

    def test_templates(self):
        for model in ("party.grid", "party.member", "party.household"):
            (template,) = self.env[model].get_import_templates()
            path = template["template"].lstrip("/")
            with file_open(path, "rb") as handle:
                content = handle.read()
            wizard = self.env["base_import.import"].create(
                {
                    "res_model": model,
                    "file": content,
                    "file_type": XLSX,
                    "file_name": "t.xlsx",
                }
            )
            preview = wizard.parse_preview({"has_headers": True})
            self.assertFalse(preview.get("error"), preview)
            headers = preview["headers"]
            matches = preview["matches"]
            # every column of the template maps onto its field
            self.assertEqual(len(matches), len(headers), (model, headers, matches))
            self.assertEqual([matches[i][0] for i in range(len(headers))], headers)

    def test_import_grids_by_parent_code(self):
        rows = [
            ["name", "code", "parent_id", "level_id"],
            ["G1-A", "", self.g1.code, "Member"],
            ["G1-B", "G1B", self.g1.code, "Member"],
        ]
        result = self._import("party.grid", rows, dryrun=True)
        self.assertFalse(self._errors(result))
        self.assertFalse(
            self.env["party.grid"].search([("name", "in", ["G1-A", "G1-B"])])
        )
        result = self._import("party.grid", rows)
        self.assertFalse(self._errors(result))
        grids = self.env["party.grid"].browse(result["ids"])
        self.assertEqual(grids.parent_id, self.g1)
        self.assertEqual(grids.mapped("code"), [self.g1.code + "01", "G1B"])

    def test_import_grid_unknown_parent(self):
        rows = [
            ["name", "code", "parent_id", "level_id"],
            ["Good", "IMP1", self.g1.code, "Member"],
            ["Orphan", "IMP2", "NO-SUCH-CODE", "Member"],
        ]
        for dryrun in (True, False):
            result = self._import("party.grid", rows, dryrun=dryrun)
            errors = self._errors(result)
            self.assertTrue(errors)
            self.assertIn("NO-SUCH-CODE", " ".join(errors))
            self.assertFalse(result["ids"])
            self.assertFalse(
                self.env["party.grid"].search([("code", "in", ["IMP1", "IMP2"])])
            )

    def test_import_members_duplicate_id_number(self):
        rows = [
            ["name", "id_number", "grid_id", "status"],
            ["New one", make_id_number(90), self.g2.code, "full"],
            ["Twin", self.m_g1.id_number, self.g2.code, "probationary"],
        ]
        for dryrun in (True, False):
            result = self._import("party.member", rows, dryrun=dryrun)
            errors = set(self._errors(result))
            self.assertEqual(len(errors), 1, errors)
            self.assertIn(self.m_g1.id_number, errors.pop())
            self.assertFalse(result["ids"])
        self.assertFalse(
            self.env["party.member"].search([("name", "in", ["New one", "Twin"])])
        )
        result = self._import("party.member", rows[:2])
        self.assertFalse(self._errors(result))
        self.assertEqual(
            self.env["party.member"].browse(result["ids"]).grid_id, self.g2
        )

    def test_import_households_contact_member(self):
        rows = [
            [
                "name",
                "kind",
                "grid_id",
                "residents_count",
                "contact_member_id",
                "tag_ids",
            ],
            [
                "Fine",
                "household",
                self.g1.code,
                "3",
                self.m_g1.id_number,
                self.tag_must.name,
            ],
            ["Wrong member", "shop", self.g1.code, "0", self.m_v3.id_number, ""],
        ]
        result = self._import("party.household", rows)
        errors = set(self._errors(result))
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("Member V3", errors.pop())
        self.assertFalse(
            self.env["party.household"].search(
                [("name", "in", ["Fine", "Wrong member"])]
            )
        )
        result = self._import("party.household", rows[:2])
        self.assertFalse(self._errors(result))
        household = self.env["party.household"].browse(result["ids"])
        self.assertEqual(household.contact_member_id, self.m_g1)
        self.assertTrue(household.must_visit)

    def test_import_error_in_chinese(self):
        rows = [
            ["name", "grid_id", "residents_count"],
            ["Negative", self.g1.code, "-2"],
        ]
        self.env = self.env(context=dict(self.env.context, lang="zh_CN"))
        result = self._import("party.household", rows)
        self.assertIn("人口数不能为负数", " ".join(self._errors(result)))

    def _household_rows(self, count):
        header = ["name", "kind", "grid_id", "residents_count", "contact_member_id"]
        return [header] + [
            [f"Row {i}", "household", self.g1.code, "2", self.m_g1.id_number]
            for i in range(count)
        ]

    def test_import_cost_does_not_follow_the_rows(self):
        """Each distinct grid code and ID number is resolved once per import,
        and imported households post no chatter message nor follower row."""
        self._import("party.household", self._household_rows(2))  # warm-up
        Message = self.env["mail.message"]
        counts = []
        for rows in (10, 100):
            messages = Message.search_count([("model", "=", "party.household")])
            before = self.env.cr.sql_log_count
            result = self._import("party.household", self._household_rows(rows))
            counts.append(self.env.cr.sql_log_count - before)
            self.assertFalse(self._errors(result))
            self.assertEqual(len(result["ids"]), rows)
            self.assertEqual(
                Message.search_count([("model", "=", "party.household")]), messages
            )
            self.assertFalse(
                self.env["mail.followers"].search_count(
                    [
                        ("res_model", "=", "party.household"),
                        ("res_id", "in", result["ids"]),
                    ]
                )
            )
        # 90 more rows: a few queries more (inserts in batches), not 2 per row
        self.assertLess(counts[1] - counts[0], 40, counts)
