# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import freeze_time, new_test_user, tagged

from ..models.party_visit import duty_month_bounds
from .common import PartyGridCommon, make_id_number

MEASURES = [
    "due_count:sum",
    "contacted_count:sum",
    "uncontacted_count:sum",
    "contact_rate:avg",
]
# a filter on the household rows: the report counts the view's rows
ROWS_ONLY = ("household_id", "!=", False)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestDutyReportRollup(PartyGridCommon):
    """The contact-duty report's figures per grid and month (the pivot, the
    graph, the dashboard's trend) are read from the monthly roll-up under the
    report's record rules: the same figures as the household-month rows and a
    direct count, in a number of queries that does not grow with the
    households and visits."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Visit = cls.env["party.visit"]
        for member, household, date in (
            (cls.m_g1, cls.h_g1a, "2026-03-05 02:00:00"),
            (cls.m_v1, cls.h_g2, "2026-02-20 02:00:00"),
            (cls.m_v3, cls.h_v3, "2026-01-20 02:00:00"),
            (cls.m_g1, cls.h_g1a, "2026-01-21 02:00:00"),
            # another member's visit does not count
            (cls.m_v1, cls.h_v3, "2026-03-06 02:00:00"),
        ):
            Visit.create(
                {"member_id": member.id, "household_id": household.id, "date": date}
            )
        # the earlier months of the report: the job gives every grid its row
        while cls.env["party.grid.duty.month"]._cron_complete_month():
            pass

    def _pivot(self, user, domain, groupby=("grid_id",), rows_only=False):
        Report = self.env["party.visit.duty.report"].with_user(user)
        if rows_only:
            domain = [*domain, ROWS_ONLY]
        groups = Report.web_read_group(domain, MEASURES, list(groupby), lazy=False)
        out = {}
        for group in groups["groups"]:
            key = tuple(
                group[spec][0] if isinstance(group[spec], tuple) else group[spec]
                for spec in groupby
            )
            out[key] = (
                group["due_count"],
                group["contacted_count"],
                group["uncontacted_count"],
                group["contact_rate"],
                group["__count"],
            )
        return out

    def _direct(self, root, month):
        """{(grid id,): figures} counted from the households and visits."""
        start, stop = duty_month_bounds(fields.Date.to_date(month))
        required, must = self.env["party.visit"]._duty_required_contacts()
        households = self.env["party.household"].search(
            [("grid_id", "child_of", root.id), ("contact_member_id", "!=", False)]
        )
        counts = {}
        for household in households:
            visits = self.env["party.visit"].search_count(
                [
                    ("household_id", "=", household.id),
                    ("member_id", "=", household.contact_member_id.id),
                    ("date", ">=", start),
                    ("date", "<", stop),
                ]
            )
            due, contacted = counts.get(household.grid_id.id, (0, 0))
            needed = must if household.must_visit else required
            counts[household.grid_id.id] = (due + 1, contacted + (visits >= needed))
        return {
            (grid_id,): (due, contacted, due - contacted, 100.0 * contacted / due, due)
            for grid_id, (due, contacted) in counts.items()
        }

    def test_figures_equal_a_direct_count(self):
        for month in ("2026-03-01", "2026-02-01", "2026-01-01"):
            domain = [("grid_id", "child_of", self.county.id), ("month", "=", month)]
            rolled = self._pivot(self.user_county, domain)
            self.assertEqual(rolled, self._direct(self.county, month), month)
            self.assertEqual(
                rolled, self._pivot(self.user_county, domain, rows_only=True), month
            )
        self.assertEqual(
            self._pivot(self.user_county, [("month", "=", "2026-03-01")])[
                (self.g1.id,)
            ],
            (1, 1, 0, 100.0, 1),
        )
        # the trend by month (the roll-up's window follows the frozen day, the
        # view's PostgreSQL's clock: the months both show) and the pivot's total
        domain = [
            ("grid_id", "child_of", self.t1.id),
            ("month", ">=", "2026-01-01"),
            ("month", "<=", "2026-03-01"),
        ]
        trend = self._pivot(self.user_county, domain, ["month:month"])
        self.assertEqual(
            trend, self._pivot(self.user_county, domain, ["month:month"], True)
        )
        self.assertEqual(len(trend), 3)
        months = self.env["party.grid.duty.month"].search(
            [("grid_id", "=", self.g1.id)]
        )
        self.assertEqual(len(months), 24, "the job completes the report's 24 months")
        Report = self.env["party.visit.duty.report"].with_user(self.user_county)
        total = Report.read_group(
            [("grid_id", "child_of", self.county.id), ("month", "=", "2026-03-01")],
            MEASURES,
            [],
        )[0]
        self.assertEqual(
            (total["__count"], total["due_count"], total["contacted_count"]), (3, 3, 1)
        )
        self.assertAlmostEqual(total["contact_rate"], 100.0 / 3)

    def test_earlier_months_follow_the_households(self):
        """The report's rows apply each household as it is now to every
        month: a change of its contact member, grid, tags or archiving, or of
        the settings, changes the figures of the earlier months it has visits
        in, and the roll-up follows (those months' rows are refreshed)."""

        def check(label):
            for month in ("2026-03-01", "2026-02-01", "2026-01-01"):
                domain = [
                    ("grid_id", "child_of", self.county.id),
                    ("month", "=", month),
                ]
                rolled = self._pivot(self.user_county, domain)
                self.assertEqual(
                    rolled, self._direct(self.county, month), (label, month)
                )
                self.assertEqual(
                    rolled,
                    self._pivot(self.user_county, domain, rows_only=True),
                    (label, month),
                )

        def contacted(grid, month):
            key = (grid.id,)
            domain = [("grid_id", "=", grid.id), ("month", "=", month)]
            return self._pivot(self.user_county, domain).get(key, (0, 0))[1]

        check("as visited")
        self.assertEqual(contacted(self.v3, "2026-01-01"), 1)
        # January's visit of H V3 was its former contact member's
        self.h_v3.contact_member_id = self.env["party.member"].create(
            {
                "name": "Member V3 b",
                "grid_id": self.v3.id,
                "id_number": make_id_number(9),
            }
        )
        check("contact member")
        self.assertEqual(contacted(self.v3, "2026-01-01"), 0)
        # H G2 and its February visit move to G1
        self.assertEqual(contacted(self.g2, "2026-02-01"), 1)
        self.h_g2.grid_id = self.g1
        check("grid")
        self.assertEqual(contacted(self.g2, "2026-02-01"), 0)
        self.assertEqual(contacted(self.g1, "2026-02-01"), 1)
        # a must-visit household needs two contacts a month
        self.h_g2.tag_ids = [Command.link(self.tag_must.id)]
        check("tags")
        self.assertEqual(contacted(self.g1, "2026-02-01"), 0)
        # a must-visit tag deleted
        other = self.env["party.household.tag"].create(
            {"name": "Must visit too", "code": "T_MUST2", "must_visit": True}
        )
        self.h_g2.tag_ids = [Command.set(other.ids)]
        self.assertEqual(contacted(self.g1, "2026-02-01"), 0)
        other.unlink()
        check("tag deleted")
        self.assertEqual(contacted(self.g1, "2026-02-01"), 1)
        self.h_g2.tag_ids = [Command.set(self.tag_must.ids)]
        self.assertEqual(contacted(self.g1, "2026-02-01"), 0)
        self.env["res.config.settings"].create(
            {"party_visit_monthly_contacts_must_visit": 1}
        ).execute()
        check("settings")
        self.assertEqual(contacted(self.g1, "2026-02-01"), 1)
        self.h_g2.active = False
        check("archived")
        self.assertEqual(contacted(self.g1, "2026-02-01"), 0)

    def test_import_refreshes_earlier_months_once(self):
        """An import that changes households (load(), as base_import calls
        it) refreshes the earlier months of their grids once for its batch,
        not once per household, and the figures follow as for a form."""
        member = self.env["party.member"].create(
            {
                "name": "Member V3 c",
                "grid_id": self.v3.id,
                "id_number": make_id_number(8),
            }
        )
        Rollup = type(self.env["party.grid.duty.month"])
        calls = []
        real_refresh = Rollup._refresh_window

        def refresh_window(model, grid_ids):
            calls.append(set(grid_ids))
            return real_refresh(model, grid_ids)

        statements = []
        real_rows = Rollup._refresh

        def refresh(model, keys):
            statements.append(set(keys))
            return real_rows(model, keys)

        Household = self.env["party.household"].with_context(import_file=True)
        with (
            patch.object(Rollup, "_refresh_window", refresh_window),
            patch.object(Rollup, "_refresh", refresh),
        ):
            result = Household.load(
                [".id", "contact_member_id/.id", "grid_id/.id"],
                [
                    [str(self.h_v3.id), str(member.id), str(self.v3.id)],
                    [
                        str(self.h_g2.id),
                        str(self.h_g2.contact_member_id.id),
                        str(self.g1.id),
                    ],
                ],
            )
        self.assertFalse(result["messages"])
        self.assertEqual(self.h_v3.contact_member_id, member)
        self.assertEqual(self.h_g2.grid_id, self.g1)
        self.assertEqual(calls, [{self.v3.id, self.g2.id, self.g1.id}])
        # this month's rows of the rows' grids too: one statement in all
        self.assertEqual(len(statements), 1)
        for month in ("2026-03-01", "2026-02-01", "2026-01-01"):
            domain = [("grid_id", "child_of", self.county.id), ("month", "=", month)]
            self.assertEqual(
                self._pivot(self.user_county, domain),
                self._direct(self.county, month),
                month,
            )
        # outside an import, each write refreshes its own grids at once
        calls.clear()
        with patch.object(Rollup, "_refresh_window", refresh_window):
            self.h_g2.grid_id = self.g2
        self.assertEqual(calls, [{self.g1.id, self.g2.id}])

    def test_reads_the_rollup_in_fixed_queries(self):
        domain = [("grid_id", "child_of", self.county.id), ("month", "=", "2026-03-01")]

        def count():
            self._pivot(self.user_county, domain)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            self._pivot(self.user_county, domain)
            return self.cr.sql_log_count - before

        queries = count()
        # the subtree's ids, the grouped roll-up, the grids' names
        self.assertLessEqual(queries, 4)
        members = self.env["party.member"].create(
            [
                {
                    "name": f"B {i}",
                    "grid_id": self.g3.id,
                    "id_number": make_id_number(40 + i),
                }
                for i in range(10)
            ]
        )
        households = self.env["party.household"].create(
            [
                {"name": f"B {i}", "grid_id": self.g3.id, "contact_member_id": m.id}
                for i, m in enumerate(members)
            ]
        )
        self.env["party.visit"].create(
            [
                {"member_id": h.contact_member_id.id, "household_id": h.id}
                for h in households[:4]
            ]
        )
        self.assertEqual(count(), queries)
        self.assertEqual(
            self._pivot(self.user_county, domain)[(self.g3.id,)], (10, 4, 6, 40.0, 10)
        )
        # the figures are the roll-up's
        self.env.cr.execute(
            "UPDATE party_grid_duty_month SET due_count = 99 "
            "WHERE grid_id = %s AND month = '2026-03-01'",
            [self.g3.id],
        )
        self.assertEqual(self._pivot(self.user_county, domain)[(self.g3.id,)][0], 99)

    def test_each_user_sees_his_subtree(self):
        month = [("month", "=", "2026-03-01")]
        expected = {
            self.user_worker: self.g1,
            self.user_head: self.g1 | self.g2,
            self.user_township: self.g1 | self.g2,
            self.user_instructor: self.v3,
            self.user_county: self.g1 | self.g2 | self.v3,
            self.user_outsider: self.env["party.grid"],
        }
        subtree = [("grid_id", "child_of", self.county.id), *month]
        for user, grids in expected.items():
            # the county leader reads the demo's grids too
            domains = (subtree,) if user == self.user_county else (month, subtree)
            for domain in domains:
                rolled = self._pivot(user, domain)
                self.assertEqual({key[0] for key in rolled}, set(grids.ids), user.login)
                self.assertEqual(
                    rolled, self._pivot(user, domain, rows_only=True), user.login
                )
        # the township's total is its own subtree's
        Report = self.env["party.visit.duty.report"].with_user(self.user_township)
        total = Report.read_group(month, MEASURES, [])[0]
        self.assertEqual((total["due_count"], total["contacted_count"]), (2, 1))
        # without a party-grid group, no report at all
        clerk = new_test_user(self.env, "pg_t_clerk", groups="base.group_user")
        with self.assertRaises(AccessError):
            self.env["party.visit.duty.report"].with_user(clerk).web_read_group(
                month, MEASURES, ["grid_id"]
            )
