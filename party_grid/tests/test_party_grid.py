# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.party_member import PARTY_MEMBER_STATUSES
from .common import PartyGridCommon, make_id_number


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

    def _brute_force_counts(self, grids):
        """{grid id: (sub-grids, members, households, covered)} of ``grids``
        counted one by one in Python: the grids and members that ``grids``'
        user finds with a plain search (record rules, archived ones left
        out), the households from every active household (the roll-up the
        counts read is kept by SQL, without record rules)."""
        env = grids.env
        visible = env["party.grid"].search([])
        members = env["party.member"].search([("status", "in", PARTY_MEMBER_STATUSES)])
        households = self.env["party.household"].sudo().search([])
        out = {}
        for grid in grids:
            path = grid.sudo().parent_path

            def under(other, path=path):
                return other.sudo().parent_path.startswith(path)

            linked = households.filtered(lambda h, u=under: u(h.grid_id))
            out[grid.id] = (
                len(visible.filtered(lambda g, u=under, me=grid: g != me and u(g))),
                len(members.filtered(lambda m, u=under: u(m.grid_id))),
                len(linked),
                len(linked.filtered("contact_member_id")),
            )
        return out

    def _computed_counts(self, grids):
        """The same figures as ``_compute_counts`` gives them for the batch
        ``grids`` at once (also for grids the user may not read, whose counts
        then hold what the user's rules let through)."""
        self.env.invalidate_all()
        # the counts are not read-checked: a non-stored computed field
        grids.mapped("coverage_rate")
        out = {}
        for grid in grids:
            household = grid.household_count
            covered = grid.covered_household_count
            self.assertAlmostEqual(
                grid.coverage_rate,
                round(100.0 * covered / household, 1) if household else 0.0,
            )
            out[grid.id] = (grid.child_count, grid.member_count, household, covered)
        self.env.invalidate_all()
        return out

    def test_subtree_counts_brute_force(self):
        """The batch's counts, summed up the tree by PostgreSQL, are those
        counted grid by grid, for a manager and for users whose record rules
        hide part of the tree."""
        Member = self.env["party.member"]
        Member.create(
            [
                {
                    "name": "Activist G1",
                    "grid_id": self.g1.id,
                    "status": "activist",
                    "id_number": make_id_number(11),
                },
                {
                    "name": "Archived V2",
                    "grid_id": self.v2.id,
                    "active": False,
                    "id_number": make_id_number(12),
                },
                {
                    "name": "Probationary G3",
                    "grid_id": self.g3.id,
                    "status": "probationary",
                    "id_number": make_id_number(13),
                },
            ]
        )
        self.env["party.household"].create(
            [
                {"name": "H V2", "grid_id": self.v2.id},
                {
                    "name": "H G3",
                    "grid_id": self.g3.id,
                    "contact_member_id": self.m_v3.id,
                },
                {"name": "H old", "grid_id": self.g3.id, "active": False},
            ]
        )
        # an archived grid: left out of the sub-grids, its members and
        # households still counted (child_of has archived grids)
        self.g2.active = False
        # the worker (a role on G1) is also the member of V3: the "own member
        # record" rule shows one member outside the worker's subtree
        self.m_v3.user_id = self.user_worker
        self.env.flush_all()
        every = (self.county | self.t1 | self.v1 | self.g1 | self.g2 | self.v2) | (
            self.t2 | self.v3 | self.g3
        )
        for user, readable in (
            (self.user_manager, every),
            (self.user_county, every),
            (self.user_township, self.t1 | self.v1 | self.v2 | self.g1 | self.g2),
            (self.user_head, self.v1 | self.g1 | self.g2),
            (self.user_worker, self.g1),
        ):
            with self.subTest(user=user.login):
                self.assertFalse(user._is_superuser() or user._is_admin())
                grids = every.with_user(user)
                expected = self._brute_force_counts(grids)
                # the whole tree at once, what the user reads included
                self.assertEqual(self._computed_counts(grids), expected)
                # read as the user reads them (a batch of readable grids)
                mine = readable.with_user(user)
                self.env.invalidate_all()
                values = mine.read(
                    [
                        "child_count",
                        "member_count",
                        "household_count",
                        "covered_household_count",
                    ]
                )
                self.assertEqual(
                    {
                        v["id"]: (
                            v["child_count"],
                            v["member_count"],
                            v["household_count"],
                            v["covered_household_count"],
                        )
                        for v in values
                    },
                    {grid.id: expected[grid.id] for grid in mine},
                )
        # the rules make a difference: the worker sees one sub-grid and two
        # members (G1's and the own record in V3) under the county
        by_worker = self._computed_counts(self.county.with_user(self.user_worker))
        self.assertEqual(by_worker[self.county.id], (1, 2, 6, 4))
        by_manager = self._computed_counts(self.county.with_user(self.user_manager))
        self.assertEqual(by_manager[self.county.id], (7, 5, 6, 4))

    def test_counts_are_not_shared_between_readers(self):
        """In one transaction, what one reader was counted is not shown to
        another: the counts follow the reader's record rules."""
        manager = self.county.with_user(self.user_manager)
        worker = self.county.with_user(self.user_worker)
        full = self._brute_force_counts(manager)[self.county.id][:2]
        mine = self._brute_force_counts(worker)[self.county.id][:2]
        self.assertNotEqual(full, mine)
        self.env.invalidate_all()
        self.assertEqual((manager.child_count, manager.member_count), full)
        # no invalidation in between, as within one request
        self.assertEqual((worker.child_count, worker.member_count), mine)
        self.assertEqual((manager.child_count, manager.member_count), full)
        self.assertEqual(self.county.sudo().child_count, full[0])
        self.assertEqual((worker.child_count, worker.member_count), mine)

    def test_counts_queries_do_not_grow_with_the_batch(self):
        """A batch of grids costs the same queries whatever its size: one for
        the paths, one grouped query per source."""
        Grid = self.env["party.grid"]
        groups = Grid.create(
            [
                {
                    "name": f"Q{i}",
                    "parent_id": self.v2.id,
                    "level_id": self.level_group.id,
                }
                for i in range(40)
            ]
        )
        self.env["party.member"].create(
            [
                {
                    "name": f"Member Q{i}",
                    "grid_id": groups[i].id,
                    "id_number": make_id_number(100 + i),
                }
                for i in range(10)
            ]
        )
        self.env["party.household"].create(
            [{"name": f"HQ{i}", "grid_id": groups[i % 40].id} for i in range(80)]
        )
        self.env.flush_all()
        # the paths of the batch, the grids, the members and the households'
        # roll-up; for the township officer also the path of T1, the scope
        # that the child_of rules of grids and members start from
        for user, expected in ((self.user_manager, 4), (self.user_township, 5)):
            small = (self.v1 | self.g1).with_user(user)
            large = (self.v1 | self.v2 | self.g1 | self.g2 | groups).with_user(user)
            with self.subTest(user=user.login):
                for grids in (small, large):
                    # computed again, once to warm the user's rules as a
                    # request would
                    Grid.invalidate_model()
                    grids.mapped("coverage_rate")
                    Grid.invalidate_model()
                    with self.assertQueryCount(expected):
                        grids.mapped("coverage_rate")
                self.assertEqual(groups[0].with_user(user).member_count, 1)
                self.assertEqual(self.v2.with_user(user).child_count, 40)

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
