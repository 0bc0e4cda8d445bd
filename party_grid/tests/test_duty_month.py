# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import freeze_time, tagged

from ..models.party_visit import duty_month_start, duty_today
from .common import PartyGridCommon
from .test_scale_rules import served_spec


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestDutyMonth(PartyGridCommon):
    """The monthly contact-duty roll-up follows every write that changes a
    duty, and the grids' duty figures (the grid list's hidden contact-rate
    column, which the web client still requests) read it in a fixed number of
    queries."""

    def _direct(self, grid):
        """(due, contacted) of the subtree counted from the households."""
        Household = self.env["party.household"]
        domain = [("grid_id", "child_of", grid.id), ("contact_member_id", "!=", False)]
        due = Household.search_count(domain)
        open_ = Household.search_count(domain + [("is_contact_due", "=", True)])
        return due, due - open_

    def _rolled(self, grid):
        self.env.invalidate_all()
        return grid.duty_household_count, grid.duty_contacted_count

    def _coverage(self, grid):
        """(households, with a contact member) of the subtree: the grid's
        coverage figures (read from the roll-up) and a direct count."""
        self.env.invalidate_all()
        Household = self.env["party.household"]
        domain = [("grid_id", "child_of", grid.id)]
        direct = (
            Household.search_count(domain),
            Household.search_count(domain + [("contact_member_id", "!=", False)]),
        )
        return (grid.household_count, grid.covered_household_count), direct

    def _assert_same(self):
        for grid in (self.county, self.t1, self.v1, self.g1, self.g2, self.v3):
            self.assertEqual(self._rolled(grid), self._direct(grid), grid.name)
            rolled, direct = self._coverage(grid)
            self.assertEqual(rolled, direct, grid.name)

    def _visit(self, member, household, date="2026-03-05 02:00:00"):
        return self.env["party.visit"].create(
            {"member_id": member.id, "household_id": household.id, "date": date}
        )

    def test_rollup_follows_the_writes(self):
        self._assert_same()
        self.assertEqual(self._rolled(self.county), (3, 0))
        visit = self._visit(self.m_g1, self.h_g1a)
        self._assert_same()
        self.assertEqual(self._rolled(self.g1), (1, 1))
        # another member's visit does not count; last month's neither
        self._visit(self.m_v1, self.h_g1b)
        self._visit(self.m_v1, self.h_g2, date="2026-02-20 02:00:00")
        self._assert_same()
        # the visit moved to last month, then back; deleted
        visit.date = "2026-02-27 02:00:00"
        self._assert_same()
        visit.date = "2026-03-06 02:00:00"
        self.assertEqual(self._rolled(self.g1), (1, 1))
        visit.unlink()
        self._assert_same()
        self.assertEqual(self._rolled(self.g1), (1, 0))
        # household linked, moved, archived
        self._visit(self.m_v1, self.h_g2)
        self.h_g1b.contact_member_id = self.m_g1
        self._assert_same()
        self.h_g2.grid_id = self.g1
        self._assert_same()
        self.assertEqual(self._rolled(self.g1), (3, 1))
        self.h_g2.active = False
        self._assert_same()
        # a must-visit tag needs two contacts, and the setting raises it
        self._visit(self.m_g1, self.h_g1a)
        self.h_g1a.tag_ids = self.tag_must
        self._assert_same()
        self.assertEqual(self._rolled(self.g1), (2, 0))
        self._visit(self.m_g1, self.h_g1a, date="2026-03-07 02:00:00")
        self.assertEqual(self._rolled(self.g1), (2, 1))
        self.env["res.config.settings"].create(
            {"party_visit_monthly_contacts_must_visit": 3}
        ).execute()
        self._assert_same()
        self.assertEqual(self._rolled(self.g1), (2, 0))
        # a new linked household
        self.env["party.household"].create(
            {"name": "H V3 b", "grid_id": self.v3.id, "contact_member_id": self.m_v3.id}
        )
        self._assert_same()

    def test_month_job_completes_the_month(self):
        """The first day of a month no grid has a row yet: the job gives every
        grid with linked households its row, in batches, and stops."""
        Month = self.env["party.grid.duty.month"]
        with freeze_time("2026-04-01 02:00:00"):
            april = duty_month_start(duty_today())
            self.assertFalse(Month.search([("month", "=", april)]))
            while Month._cron_complete_month(batch_size=50):
                pass
            ours = (self.h_g1a | self.h_g2 | self.h_v3).grid_id
            # every grid with households has its row (the demo's too)
            rows = Month.search([("month", "=", april)])
            households = self.env["party.household"].search([])
            self.assertEqual(rows.grid_id, households.grid_id)
            rows = rows.filtered(lambda row: row.grid_id in ours)
            self.assertEqual(rows.grid_id, ours)
            self.assertEqual(sum(rows.mapped("due_count")), 3)
            self.assertEqual(sum(rows.mapped("contacted_count")), 0)
            self.assertEqual(Month._cron_complete_month(), 0)
            # and the earlier months of the report, once
            self.assertEqual(len(Month.search([("grid_id", "=", self.g1.id)])), 24)
            self._assert_same()

    def test_grid_list_query_count(self):
        """The grid list's first page with the fields of the served list (the
        hidden contact-rate column included, as the web client asks for it):
        the same number of queries with one or many linked households."""
        Grid = self.env["party.grid"].with_user(self.user_county)
        spec = served_spec(Grid, "list")
        self.assertIn("duty_contact_rate", spec)

        def first_page():
            return Grid.web_search_read([], spec, limit=80)

        def count():
            first_page()
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            first_page()
            return self.cr.sql_log_count - before

        # the grids, their paths, three grouped counts (one on the roll-up),
        # the levels, the heads' names (other addons may add a column of
        # their own): none of them grows with the households
        queries = count()
        self.assertLessEqual(queries, 12)
        members = self.env["party.member"].create(
            [{"name": f"B {i}", "grid_id": self.g3.id} for i in range(10)]
        )
        self.env["party.household"].create(
            [
                {"name": f"B {i}", "grid_id": self.g3.id, "contact_member_id": m.id}
                for i, m in enumerate(members)
            ]
        )
        self.assertEqual(count(), queries)
