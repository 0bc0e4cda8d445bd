# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PartyGridCommon


@tagged("post_install", "-at_install")
class TestPartyGrid(PartyGridCommon):
    def test_codes_computed_from_parent(self):
        self.assertEqual((self.t1.code, self.t2.code), ("T901", "T902"))
        self.assertEqual(
            (self.v1.code, self.v2.code, self.v3.code), ("T90101", "T90102", "T90201")
        )
        self.assertEqual(self.g2.code, "T9010102")
        # a taken code is skipped, and a batch gets consecutive numbers
        self.env["party.grid"].create(
            {
                "name": "X",
                "code": "T90103",
                "parent_id": self.t1.id,
                "level_id": self.level_village.id,
            }
        )
        new = self.env["party.grid"].create(
            [
                {
                    "name": "Y",
                    "parent_id": self.t1.id,
                    "level_id": self.level_village.id,
                },
                {
                    "name": "Z",
                    "parent_id": self.t1.id,
                    "level_id": self.level_village.id,
                },
            ]
        )
        self.assertEqual(new.mapped("code"), ["T90104", "T90105"])

    def test_three_digit_codes(self):
        grids = self.env["party.grid"].create(
            [
                {
                    "name": f"G{i}",
                    "parent_id": self.v2.id,
                    "level_id": self.level_group.id,
                }
                for i in range(101)
            ]
        )
        self.assertEqual(grids[98].code, "T9010299")
        self.assertEqual(grids[99].code, "T90102100")

    def test_complete_name_and_name_search_by_code(self):
        self.assertEqual(self.g1.complete_name, "County / T1 / V1 / G1")
        self.t1.name = "Township One"
        self.assertEqual(self.g1.complete_name, "County / Township One / V1 / G1")
        self.assertEqual(self.g1.display_name, self.g1.complete_name)
        result = self.env["party.grid"].name_search(self.g1.code, operator="=")
        self.assertEqual([r[0] for r in result], self.g1.ids)

    def test_duplicate_code(self):
        Grid = self.env["party.grid"]
        with self.assertRaisesRegex(ValidationError, "T90101"):
            Grid.create(
                {
                    "name": "Dup",
                    "code": self.v1.code,
                    "parent_id": self.t1.id,
                    "level_id": self.level_village.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "twice"):
            Grid.create(
                [
                    {"name": "A", "code": "DUP1", "level_id": self.level_county.id},
                    {"name": "B", "code": "DUP1", "level_id": self.level_county.id},
                ]
            )
        with self.assertRaises(ValidationError):
            self.v2.code = self.v1.code
        self.assertEqual(self.v2.code, "T90102")
        self.assertFalse(Grid.search_count([("code", "=", "DUP1")]))
        self.assertEqual(Grid.search_count([("code", "=", "T90101")]), 1)

    def test_cycle(self):
        with self.assertRaisesRegex(ValidationError, "cycle"):
            self.t1.parent_id = self.g1
        self.assertEqual(self.t1.parent_id, self.county)
        with self.assertRaisesRegex(ValidationError, "cycle"):
            self.county.parent_id = self.county
        with self.assertRaisesRegex(ValidationError, "cycle"):
            (self.v1 | self.v2).write({"parent_id": self.v1.id})

    def test_level_must_be_deeper(self):
        Grid = self.env["party.grid"]
        with self.assertRaisesRegex(ValidationError, "deeper"):
            Grid.create(
                {
                    "name": "Bad",
                    "parent_id": self.v1.id,
                    "level_id": self.level_village.id,
                }
            )
        self.assertFalse(Grid.search([("name", "=", "Bad")]))
        # moving a village under a group, or lifting a parent's level below
        # its children's, is refused as well
        with self.assertRaises(ValidationError):
            self.v2.parent_id = self.g1
        with self.assertRaises(ValidationError):
            self.v1.level_id = self.level_group
        with self.assertRaises(ValidationError):
            self.level_village.sequence = 150
        self.assertEqual(self.v1.level_id, self.level_village)

    def test_subtree_counts(self):
        self.env["party.household"].create({"name": "H V2", "grid_id": self.v2.id})
        grids = self.county | self.t1 | self.v1 | self.g1 | self.t2 | self.v2
        grids.invalidate_recordset()
        self.assertEqual(self.county.child_count, 8)
        self.assertEqual(self.t1.child_count, 4)
        self.assertEqual(self.v1.child_count, 2)
        self.assertEqual(self.g1.child_count, 0)
        self.assertEqual(self.county.member_count, 4)
        self.assertEqual(self.t1.member_count, 3)
        self.assertEqual(self.g1.member_count, 1)
        self.assertEqual(self.county.household_count, 5)
        self.assertEqual(self.county.covered_household_count, 3)
        self.assertAlmostEqual(self.county.coverage_rate, 60.0)
        self.assertEqual(self.t1.household_count, 4)
        self.assertEqual(self.v1.covered_household_count, 2)
        self.assertAlmostEqual(self.v1.coverage_rate, round(200 / 3, 1))
        self.assertAlmostEqual(self.g1.coverage_rate, 50.0)
        self.assertEqual(self.v2.coverage_rate, 0.0)
        self.assertAlmostEqual(self.t2.coverage_rate, 100.0)
        # archived members and households do not count
        self.m_g2.active = False
        self.h_g1b.active = False
        grids.invalidate_recordset()
        self.assertEqual(self.t1.member_count, 2)
        self.assertAlmostEqual(self.g1.coverage_rate, 100.0)

    def test_counts_fixed_number_of_queries(self):
        Grid = self.env["party.grid"]
        parents = Grid.create(
            [
                {
                    "name": f"P{i}",
                    "parent_id": self.v2.id,
                    "level_id": self.level_group.id,
                }
                for i in range(30)
            ]
        )
        self.env["party.household"].create(
            [{"name": f"H{i}", "grid_id": parents[i % 30].id} for i in range(60)]
        )
        self.env.flush_all()

        def count_queries(grids):
            grids.invalidate_recordset()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            grids.mapped("coverage_rate")
            return self.cr.sql_log_count - start

        few = count_queries(parents[:3] | self.county)
        with self.assertQueryCount(few):
            self.env.invalidate_all()
            (parents | self.county | self.t1 | self.v1).mapped("coverage_rate")
        self.assertEqual(count_queries(parents | self.county | self.t1), few)

    def test_unlink(self):
        Grid = self.env["party.grid"]
        # children, members, households and roles forbid deletion
        for grid in (self.t1, self.v3, self.g1):
            with self.assertRaisesRegex(UserError, "Archive"):
                grid.unlink()
            self.assertTrue(grid.exists())
        empty = Grid.create(
            {"name": "Empty", "parent_id": self.v2.id, "level_id": self.level_group.id}
        )
        empty.unlink()
        self.assertFalse(empty.exists())
        # archiving keeps the records
        self.g3.action_archive()
        self.assertFalse(self.g3.active)
        self.assertIn(
            self.g3,
            Grid.with_context(active_test=False).search(
                [("id", "child_of", self.v3.id)]
            ),
        )

    def test_smart_buttons(self):
        action = self.v1.action_view_households()
        self.assertEqual(
            self.env["party.household"].search(action["domain"]),
            self.h_g1a | self.h_g1b | self.h_g2,
        )
        action = self.t1.action_view_sub_grids()
        self.assertEqual(
            self.env["party.grid"].search(action["domain"]),
            self.v1 | self.v2 | self.g1 | self.g2,
        )
        action = self.t1.action_view_members()
        self.assertEqual(
            self.env["party.member"].search(action["domain"]),
            self.m_v1 | self.m_g1 | self.m_g2,
        )

    @mute_logger("odoo.sql_db")
    def test_level_code_unique(self):
        with self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["party.grid.level"].create({"name": "Other", "code": "T_COUNTY"})

    def test_parent_path_pattern_index(self):
        """child_of (parent_path LIKE 'x/%') has an index whatever the
        database's collation (measured: with C.UTF-8 a plain btree gives a
        sequential scan, the varchar_pattern_ops index an index scan)."""
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'party_grid' "
            "AND indexname = 'party_grid_parent_path_pattern_index'"
        )
        (definition,) = self.env.cr.fetchone()
        self.assertIn("varchar_pattern_ops", definition)
