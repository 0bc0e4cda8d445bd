# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import csv
import io

from odoo.tests import tagged
from odoo.tools import file_open, mute_logger

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

    def test_import_bad_row_in_a_batch(self):
        """One bad row among many: the error names it (its household and its
        line, in Chinese), and none of the rows is saved."""
        rows = self._spread_rows(60)
        rows[38][3] = "-2"  # residents_count of the household "Row 37"
        self.env = self.env(context=dict(self.env.context, lang="zh_CN"))
        result = self._import("party.household", rows)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors, result["messages"])
        self.assertIn(
            "Row 37 的人口数不能为负数", " ".join(m["message"] for m in errors)
        )
        # the error is on the 38th line of data (line 39 of the file)
        self.assertIn(37, [m.get("record") for m in errors])
        self.assertFalse(result["ids"])
        self.assertFalse(
            self.env["party.household"].search([("name", "=like", "Row %")])
        )

    def _household_rows(self, count):
        header = ["name", "kind", "grid_id", "residents_count", "contact_member_id"]
        return [header] + [
            [f"Row {i}", "household", self.g1.code, "2", self.m_g1.id_number]
            for i in range(count)
        ]

    def _spread_rows(self, count):
        """Households over the grids of township T1, each with a member of its
        grid or of the village above (or none), every third one tagged."""
        header = [
            "name",
            "kind",
            "grid_id",
            "residents_count",
            "contact_member_id",
            "contact_reason",
            "tag_ids",
        ]
        links = [
            (self.g1, self.m_g1),
            (self.g2, self.m_g2),
            (self.g1, self.m_v1),
            (self.v1, self.m_v1),
            (self.v2, None),
        ]
        tags = ["", self.tag_must.name, self.tag_other.name, ""]
        rows = [header]
        for i in range(count):
            grid, member = links[i % len(links)]
            rows.append(
                [
                    f"Row {i}",
                    "Shop" if i % 4 == 0 else "household",
                    grid.code,
                    str(1 + i % 3),
                    member.id_number if member else "",
                    "Nearby" if member else "",
                    tags[i % len(tags)] if i % 3 == 0 else "",
                ]
            )
        return rows

    def _expected(self, row):
        """What the row of _spread_rows must become."""
        name, kind, code, residents, number, reason, tag = row
        tag_record = self.env["party.household.tag"].search([("name", "=", tag)])
        return {
            "name": name,
            "kind": "shop" if kind == "Shop" else "household",
            "grid": self.env["party.grid"].search([("code", "=", code)]),
            "residents": int(residents),
            "member": self.env["party.member"].search([("id_number", "=", number)])
            if number
            else self.env["party.member"],
            "reason": "near" if reason else False,
            "tags": tag_record if tag else self.env["party.household.tag"],
            "must_visit": bool(tag) and tag_record.must_visit,
        }

    def test_import_batch_values(self):
        """A batch of households over several grids, members and tags: each
        household gets exactly its row's values (the must-visit flag from its
        tags), the counts are exact and the duty roll-up and coverage follow."""
        Household = self.env["party.household"]
        before = {
            grid: (grid.household_count, grid.covered_household_count)
            for grid in (self.t1, self.v1, self.g1, self.g2, self.v2)
        }
        rows = self._spread_rows(50)
        result = self._import("party.household", rows)
        self.assertFalse(self._errors(result))
        households = Household.browse(result["ids"])
        self.assertEqual(len(households), 50)
        self.assertEqual(Household.search_count([("name", "=like", "Row %")]), 50)
        for household, row in zip(households, rows[1:], strict=True):
            expected = self._expected(row)
            self.assertEqual(household.name, expected["name"])
            self.assertEqual(household.kind, expected["kind"])
            self.assertEqual(household.grid_id, expected["grid"])
            self.assertEqual(household.residents_count, expected["residents"])
            self.assertEqual(household.contact_member_id, expected["member"])
            self.assertEqual(household.contact_reason, expected["reason"])
            self.assertEqual(household.tag_ids, expected["tags"])
            self.assertEqual(household.must_visit, expected["must_visit"], row)
            self.assertTrue(household.active)
        self.assertTrue(households.filtered("must_visit"))
        # the stored flag is the one its tags give
        self.env.invalidate_all()
        for household in households:
            self.assertEqual(
                household.must_visit, any(household.tag_ids.mapped("must_visit"))
            )
        added = {self.g1: 20, self.g2: 10, self.v1: 10, self.v2: 10}
        linked = {self.g1: 20, self.g2: 10, self.v1: 10, self.v2: 0}
        for grid in (self.g1, self.g2, self.v1, self.v2):
            count, covered = before[grid]
            subtree = sum(
                n
                for g, n in added.items()
                if g.parent_path.startswith(grid.parent_path)
            )
            subtree_linked = sum(
                n
                for g, n in linked.items()
                if g.parent_path.startswith(grid.parent_path)
            )
            self.assertEqual(grid.household_count, count + subtree, grid.name)
            self.assertEqual(
                grid.covered_household_count, covered + subtree_linked, grid.name
            )
        # the monthly duty roll-up counts the new linked households
        for grid in (self.t1, self.v1, self.g1, self.g2):
            due = Household.search_count(
                [("grid_id", "child_of", grid.id), ("contact_member_id", "!=", False)]
            )
            self.assertEqual(grid.duty_household_count, due, grid.name)

    def test_import_batch_queries_do_not_follow_the_rows(self):
        """A batch of 220 rows takes the queries of a batch of 20, but for the
        INSERTs (100 rows each): the grids, members and tags of the rows are
        resolved once per batch, nothing is read or written per household."""
        self._import("party.household", self._spread_rows(5))  # warm-up
        counts = []
        for count in (20, 220):
            rows = self._spread_rows(count)
            for row in rows[1:]:
                row[0] += f" of {count}"
            before = self.env.cr.sql_log_count
            result = self._import("party.household", rows)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertFalse(self._errors(result))
            self.assertEqual(len(result["ids"]), count)
        # 2 more INSERTs of households, 1 of their tags' links at most
        self.assertLessEqual(counts[1] - counts[0], 3, counts)

    def test_import_in_batches(self):
        """The dialog's batches (limit and skip): each batch imports its rows,
        the next row is the file's, the last batch says there is no more."""
        rows = self._spread_rows(25)
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        wizard = self.env["base_import.import"].create(
            {
                "res_model": "party.household",
                "file": buffer.getvalue().encode(),
                "file_type": "text/csv",
                "file_name": "import.csv",
            }
        )
        ids, nextrows, skip = [], [], 0
        while True:
            result = wizard.execute_import(
                rows[0], rows[0], dict(CSV_OPTIONS, limit=10, skip=skip)
            )
            self.assertFalse(self._errors(result))
            ids += result["ids"]
            nextrows.append(result["nextrow"])
            self.assertEqual(
                result["name"][skip:], [r[0] for r in rows[1:]][skip:][:10]
            )
            if not result["nextrow"]:
                break
            skip = result["nextrow"]
        self.assertEqual(nextrows, [10, 20, 0])
        households = self.env["party.household"].browse(ids)
        self.assertEqual(households.mapped("name"), [row[0] for row in rows[1:]])

    @mute_logger("odoo.sql_db")  # the row left without its grid breaks NOT NULL
    def test_import_township_officer(self):
        """A township officer imports into the grids of his township; a row
        naming another township's grid, or its member, is refused, whether by
        code or by a forged database id, and nothing of the file is saved."""
        Household = self.env["party.household"]
        self.env = self.env(user=self.user_township)
        rows = self._spread_rows(12)
        result = self._import("party.household", rows)
        self.assertFalse(self._errors(result))
        self.assertEqual(len(result["ids"]), 12)
        self.assertEqual(
            Household.browse(result["ids"]).grid_id,
            self.g1 | self.g2 | self.v1 | self.v2,
        )
        header = ["name", "grid_id", "contact_member_id"]
        mine = ["Mine", self.g1.code, self.m_g1.id_number]
        for bad, named in (
            (["Theirs", self.g3.code, ""], self.g3.code),
            (["Their member", self.g1.code, self.m_v3.id_number], self.m_v3.id_number),
        ):
            result = self._import("party.household", [header, mine, bad])
            errors = self._errors(result)
            self.assertIn(named, " ".join(errors))
            self.assertFalse(result["ids"])
        result = self._import(
            "party.household",
            [
                ["name", "grid_id/.id"],
                ["Mine", str(self.g1.id)],
                ["Forged", str(self.g3.id)],
            ],
        )
        errors = [m for m in result["messages"] if m["type"] == "error"]
        # the forged row (the second) is named
        self.assertIn(1, [m.get("record") for m in errors])
        self.assertFalse(result["ids"])
        self.assertFalse(
            Household.sudo().search(
                [("name", "in", ["Mine", "Theirs", "Their member", "Forged"])]
            )
        )

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
