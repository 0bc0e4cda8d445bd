# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import freeze_time, tagged

from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    make_id_number,
)

from .common import ReportsCommon

OCT, NOV, DEC, JAN, FEB, MAR = (
    date(2025, 10, 1),
    date(2025, 11, 1),
    date(2025, 12, 1),
    date(2026, 1, 1),
    date(2026, 2, 1),
    date(2026, 3, 1),
)


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestDashboardDutyTrend(ReportsCommon):
    """The dashboard's contact-duty trend reads the monthly roll-up
    (party.grid.duty.month) and gives the figures counted from the visits
    (party.report.builder._duty_contacted): the households each reader's
    record rules let them read, as they are now, their contact member's
    visits of each month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the grid worker of G1 is also the contact member of H V3 (in T2): the
        # rules let them read that household but not the other one of V3
        cls.m_v3.user_id = cls.user_worker
        cls.m_v3b = cls.env["party.member"].create(
            {
                "name": "Member V3 b",
                "grid_id": cls.v3.id,
                "id_number": make_id_number(7),
            }
        )
        cls.h_v3b = cls.env["party.household"].create(
            {
                "name": "H V3 b",
                "grid_id": cls.v3.id,
                "contact_member_id": cls.m_v3b.id,
            }
        )
        for member, household, when in (
            (cls.m_g1, cls.h_g1a, "2026-01-21 02:00:00"),
            (cls.m_g1, cls.h_g1a, "2026-03-05 02:00:00"),
            (cls.m_v1, cls.h_g2, "2026-02-20 02:00:00"),
            (cls.m_v3, cls.h_v3, "2026-01-20 02:00:00"),
            (cls.m_v3, cls.h_v3, "2026-02-03 02:00:00"),
            (cls.m_v3b, cls.h_v3b, "2026-01-10 02:00:00"),
            # another member's visit does not count
            (cls.m_v1, cls.h_v3, "2026-03-06 02:00:00"),
            # the first hours of November in China are still October in UTC
            (cls.m_g1, cls.h_g1a, "2025-10-31 17:00:00"),
        ):
            cls.env["party.visit"].create(
                {"member_id": member.id, "household_id": household.id, "date": when}
            )
        # the hourly job completes the earlier months of every grid
        while cls.env["party.grid.duty.month"]._cron_complete_month():
            pass
        cls.env.flush_all()
        cls.readers = (
            cls.user_manager,
            cls.user_county,
            cls.user_township,
            cls.user_township2,
            cls.user_instructor,
            cls.user_head,
            cls.user_worker,
            cls.user_outsider,
        )

    def _trend(self, user):
        self.env.invalidate_all()
        data = self.env["party.report.dashboard"].with_user(user).get_dashboard_data()
        return {row["month"]: row["contacted"] for row in data["duty_trend"]}

    def _counted(self, user):
        """The trend counted from the visits, as the dashboard did before."""
        counted = (
            self.env["party.report.builder"]
            .with_user(user)
            ._duty_contacted([], OCT, MAR)
        )
        return {
            month.strftime("%Y-%m"): counted.get((month,), 0)
            for month in (OCT, NOV, DEC, JAN, FEB, MAR)
        }

    def _assert_as_counted(self, label):
        for user in self.readers:
            self.assertEqual(
                self._trend(user), self._counted(user), (label, user.login)
            )

    def test_trend_equals_the_visits_per_reader(self):
        self._assert_as_counted("as visited")
        expected = {
            # G1, G2 and the rest of T1
            self.user_township: {
                "2025-11": 1,
                "2026-01": 1,
                "2026-02": 1,
                "2026-03": 1,
            },
            # G1 and, through its contact member, H V3 (not H V3 b)
            self.user_worker: {"2025-11": 1, "2026-01": 2, "2026-02": 1, "2026-03": 1},
            # V3 and G3 (March's visit of H V3 was another member's)
            self.user_instructor: {"2026-01": 2, "2026-02": 1},
        }
        for user, months in expected.items():
            trend = self._trend(user)
            self.assertEqual(
                {month: n for month, n in trend.items() if n}, months, user.login
            )

    def test_trend_follows_the_writes_after_the_job(self):
        """Changes after the job last refreshed the roll-up: the writes
        refresh the rows they move, and the dashboard shows them at once."""
        Visit = self.env["party.visit"]
        # a visit of December entered in March (the worker's own entry)
        Visit.with_user(self.user_worker).create(
            {
                "member_id": self.m_v3.id,
                "household_id": self.h_v3.id,
                "date": "2025-12-15 02:00:00",
            }
        )
        self._assert_as_counted("a visit of December")
        self.assertEqual(self._trend(self.user_worker)["2025-12"], 1)
        self.assertEqual(self._trend(self.user_instructor)["2025-12"], 1)
        # H G2 and its February visit move to G1: same township
        self.h_g2.grid_id = self.g1
        self._assert_as_counted("grid")
        self.assertEqual(self._trend(self.user_worker)["2026-02"], 2)
        # H V3's January and February visits were its former contact member's
        self.h_v3.contact_member_id = self.m_v3b
        self._assert_as_counted("contact member")
        self.assertEqual(self._trend(self.user_instructor)["2026-01"], 1)
        self.assertEqual(self._trend(self.user_worker)["2026-01"], 1)
        # a must-visit household needs two contacts a month
        self.h_g1a.tag_ids = self.tag_must
        self._assert_as_counted("tags")
        self.assertEqual(self._trend(self.user_township)["2026-01"], 0)
        self.env["res.config.settings"].create(
            {"party_visit_monthly_contacts_must_visit": 1}
        ).execute()
        self._assert_as_counted("settings")
        self.assertEqual(self._trend(self.user_township)["2026-01"], 1)
        # archived, and a visit deleted
        self.h_g2.active = False
        Visit.search([("household_id", "=", self.h_v3b.id)]).unlink()
        self._assert_as_counted("archived, visit deleted")
        self.assertEqual(self._trend(self.user_township)["2026-02"], 0)

    def test_reads_the_rollup_and_counts_what_it_lacks(self):
        """The figures of the grids whose households the reader all reads are
        the roll-up's; a month the job has not completed yet is counted from
        the visits."""
        self.env.cr.execute(
            "UPDATE party_grid_duty_month SET contacted_count = 7"
            " WHERE grid_id = %s AND month = %s",
            [self.g1.id, JAN],
        )
        self.assertEqual(self._trend(self.user_township)["2026-01"], 7)
        # the worker reads only one of V3's households: V3 from its visits
        self.env.cr.execute(
            "UPDATE party_grid_duty_month SET contacted_count = 7"
            " WHERE grid_id = %s AND month = %s",
            [self.v3.id, JAN],
        )
        self.assertEqual(self._trend(self.user_worker)["2026-01"], 8)
        self.assertEqual(self._trend(self.user_instructor)["2026-01"], 7)
        # the rows of January and of this month missing (a database loaded by
        # SQL, the first hours of a month): counted from the visits
        self.env.cr.execute(
            "DELETE FROM party_grid_duty_month WHERE month IN %s", [(JAN, MAR)]
        )
        self.env["party.grid.duty.month"].invalidate_model()
        self._assert_as_counted("rows missing")
        self.assertEqual(self._trend(self.user_township)["2026-01"], 1)
        self.assertEqual(self._trend(self.user_worker)["2026-01"], 2)
