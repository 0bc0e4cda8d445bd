# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.tests import freeze_time, new_test_user, tagged

from ..models.party_visit import duty_today
from .common import PartyGridCommon, make_id_number


@tagged("post_install", "-at_install")
@freeze_time("2026-03-10 04:00:00")
class TestVisitDuty(PartyGridCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # m_g1: h_g1a and h_g1c (must visit); m_v1: h_g2; m_v3: h_v3
        cls.h_g1c = cls.env["party.household"].create(
            {
                "name": "H G1 c",
                "grid_id": cls.g1.id,
                "contact_member_id": cls.m_g1.id,
                "tag_ids": [Command.set(cls.tag_must.ids)],
            }
        )

    def _visit(self, member, household, date="2026-03-05 02:00:00", **vals):
        return self.env["party.visit"].create(
            {"member_id": member.id, "household_id": household.id, "date": date} | vals
        )

    def test_household_duty(self):
        self.assertEqual(self.h_g1a.month_contact_required, 1)
        self.assertEqual(self.h_g1c.month_contact_required, 2)
        self.assertFalse(self.h_g1b.is_contact_due, "no contact member, no duty")
        self.assertTrue(self.h_g1a.is_contact_due)
        # last month's visit and another member's visit do not count
        self._visit(self.m_g1, self.h_g1a, date="2026-02-20 02:00:00")
        self._visit(self.m_v1, self.h_g1a)
        self.env.invalidate_all()
        self.assertEqual(self.h_g1a.month_contact_count, 0)
        self.assertTrue(self.h_g1a.is_contact_due)
        self._visit(self.m_g1, self.h_g1a, method="phone")
        self.env.invalidate_all()
        self.assertEqual(self.h_g1a.month_contact_count, 1)
        self.assertFalse(self.h_g1a.is_contact_due)
        # a must-visit household needs two contacts
        self._visit(self.m_g1, self.h_g1c)
        self.env.invalidate_all()
        self.assertTrue(self.h_g1c.is_contact_due)
        self._visit(self.m_g1, self.h_g1c, date="2026-03-09 02:00:00")
        self.env.invalidate_all()
        self.assertFalse(self.h_g1c.is_contact_due)
        # the setting raises the duty
        settings = self.env["res.config.settings"].create(
            {"party_visit_monthly_contacts_must_visit": 3}
        )
        settings.execute()
        self.env.invalidate_all()
        self.assertEqual(self.h_g1c.month_contact_required, 3)
        self.assertTrue(self.h_g1c.is_contact_due)

    def test_month_is_china_standard_time(self):
        # 1 March 01:00 in Beijing is 28 February 17:00 UTC: it counts for March
        self._visit(self.m_g1, self.h_g1a, date="2026-02-28 17:00:00")
        self.assertFalse(self.h_g1a.is_contact_due)
        self.assertEqual(self.h_g1a.month_contact_count, 1)

    def test_search_not_contacted(self):
        Household = self.env["party.household"]
        domain = [("grid_id", "child_of", self.county.id)]
        due = Household.search(domain + [("is_contact_due", "=", True)])
        self.assertEqual(due, self.h_g1a | self.h_g1c | self.h_g2 | self.h_v3)
        self._visit(self.m_g1, self.h_g1a)
        self._visit(self.m_v3, self.h_v3)
        self._visit(self.m_v3, self.h_g2)  # not the contact member
        self.assertEqual(
            Household.search(domain + [("is_contact_due", "=", True)]),
            self.h_g1c | self.h_g2,
        )
        self.assertEqual(
            Household.search(domain + [("is_contact_due", "!=", True)]),
            self.h_g1a | self.h_g1b | self.h_v3,
        )

    def test_member_and_grid_figures(self):
        self._visit(self.m_g1, self.h_g1a)
        self._visit(self.m_g1, self.h_g1c)
        self._visit(self.m_v1, self.h_g1b)  # not linked: recorded, does not count
        self.env.invalidate_all()
        self.assertRecordValues(
            self.m_g1 | self.m_v1 | self.m_v3,
            [
                {
                    "duty_household_count": 2,
                    "duty_contacted_count": 1,
                    "duty_uncontacted_count": 1,
                    "duty_contact_rate": 50.0,
                    "visit_count": 2,
                },
                {
                    "duty_household_count": 1,
                    "duty_contacted_count": 0,
                    "duty_uncontacted_count": 1,
                    "duty_contact_rate": 0.0,
                    "visit_count": 1,
                },
                {
                    "duty_household_count": 1,
                    "duty_contacted_count": 0,
                    "duty_uncontacted_count": 1,
                    "duty_contact_rate": 0.0,
                    "visit_count": 0,
                },
            ],
        )
        self.assertRecordValues(
            self.county | self.t1 | self.g1 | self.t2,
            [
                {"duty_household_count": 4, "duty_contacted_count": 1},
                {"duty_household_count": 3, "duty_contacted_count": 1},
                {"duty_household_count": 2, "duty_contacted_count": 1},
                {"duty_household_count": 1, "duty_contacted_count": 0},
            ],
        )
        self.assertEqual(self.g1.duty_contact_rate, 50.0)
        action = self.m_g1.action_view_uncontacted_households()
        self.assertEqual(
            self.env["party.household"].search(action["domain"]), self.h_g1c
        )
        action = self.t1.action_view_uncontacted_households()
        self.assertEqual(
            self.env["party.household"].search(action["domain"]),
            self.h_g1c | self.h_g2,
        )

    def test_query_counts(self):
        """The duty figures take a fixed number of queries for any batch."""
        members = self.env["party.member"].create(
            [{"name": f"Batch {i}", "grid_id": self.g1.id} for i in range(20)]
        )
        self.env["party.household"].create(
            [
                {"name": f"B {i}", "grid_id": self.g1.id, "contact_member_id": m.id}
                for i, m in enumerate(members)
            ]
        )
        fnames = ["duty_household_count", "duty_contacted_count", "duty_contact_rate"]
        self.env.invalidate_all()
        self.env["party.member"].browse(members[:1].ids).read(fnames)  # warm caches
        for batch in (members[:1], members):
            self.env.invalidate_all()
            with self.assertQueryCount(2):  # two grouped queries
                self.env["party.member"].browse(batch.ids).read(fnames)
        grids = self.county | self.t1 | self.t2 | self.v1 | self.g1 | self.g3
        for batch in (grids[:1], grids):
            self.env.invalidate_all()
            # child_of, two grouped queries, the parent_path of the grids found
            with self.assertQueryCount(4):
                self.env["party.grid"].browse(batch.ids).read(
                    ["duty_household_count", "duty_contact_rate"]
                )

    def test_duty_report(self):
        self._visit(self.m_g1, self.h_g1a)
        self._visit(self.m_g1, self.h_g1a, date="2026-02-10 02:00:00")
        # the months before the product kept its roll-up: the job gives the
        # grids their row of each month of the report
        while self.env["party.grid.duty.month"]._cron_complete_month():
            pass
        self.env.flush_all()
        Report = self.env["party.visit.duty.report"]
        groups = Report._read_group(
            [("grid_id", "child_of", self.county.id)],
            ["month:month"],
            ["due_count:sum", "contacted_count:sum", "contact_rate:avg"],
        )
        by_month = {str(month): rest for month, *rest in groups}
        self.assertEqual(by_month["2026-03-01"], [4, 1, 25.0])
        self.assertEqual(by_month["2026-02-01"], [4, 1, 25.0])
        self.assertEqual(by_month["2026-01-01"], [4, 0, 0.0])


@tagged("post_install", "-at_install")
class TestVisitReminder(PartyGridCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_m_g1 = new_test_user(
            cls.env, "pg_t_m_g1", groups="party_grid.party_grid_group_worker"
        )
        cls.user_m_v3 = new_test_user(
            cls.env, "pg_t_m_v3", groups="party_grid.party_grid_group_worker"
        )
        (cls.user_m_g1 | cls.user_m_v3).lang = "en_US"
        cls.m_g1.user_id = cls.user_m_g1
        cls.m_v3.user_id = cls.user_m_v3
        cls.m_nologin = cls.env["party.member"].create(
            {"name": "No login", "grid_id": cls.g1.id, "id_number": make_id_number(9)}
        )
        cls.env["party.household"].create(
            {
                "name": "H nologin",
                "grid_id": cls.g1.id,
                "contact_member_id": cls.m_nologin.id,
            }
        )

    def _run_reminder(self, **kwargs):
        """Call the scheduled action as ir.cron does: again while it reports
        members left (one batch per call)."""
        Member = self.env["party.member"]
        calls = 0
        while Member._cron_remind_uncontacted(**kwargs):
            calls += 1
            self.assertLess(calls, 100, "the reminder does not progress")
        return calls

    def _reminders(self, member=None):
        domain = [
            ("res_model", "=", "party.member"),
            ("activity_type_id", "=", self.env.ref("mail.mail_activity_data_todo").id),
        ]
        # the members of the test tree (the database may hold demo members)
        members = member or (
            self.m_v1 | self.m_g1 | self.m_g2 | self.m_v3 | self.m_nologin
        )
        domain.append(("res_id", "in", members.ids))
        return self.env["mail.activity"].search(domain)

    def test_reminder_days(self):
        Member = self.env["party.member"]
        for day, expected in (
            ("2026-03-14", False),
            ("2026-03-15", True),
            ("2026-03-28", False),
            ("2026-03-29", True),
            ("2026-03-31", True),
            ("2026-02-26", True),
            ("2026-02-25", False),
        ):
            self.assertEqual(
                Member._is_reminder_day(date.fromisoformat(day)), expected, day
            )

    @freeze_time("2026-03-15 02:00:00")
    def test_reminder(self):
        self.env["party.visit"].create(
            {"member_id": self.m_v3.id, "household_id": self.h_v3.id}
        )
        self._run_reminder(batch_size=1)
        activity = self._reminders()
        # m_v3 contacted everything; the member without login gets nothing
        self.assertEqual(activity.res_id, self.m_g1.id)
        self.assertEqual(activity.user_id, self.user_m_g1)
        self.assertEqual(
            activity.activity_type_id, self.env.ref("mail.mail_activity_data_todo")
        )
        self.assertEqual(str(activity.date_deadline), "2026-03-31")
        self.assertIn("H G1 a", str(activity.note))
        # the member sees the reminder on their own record
        self.assertEqual(
            self.env["mail.activity"]
            .with_user(self.user_m_g1)
            .search([("id", "=", activity.id)]),
            activity,
        )
        # run again the same day (a stopped run started again): nobody twice
        self.env["party.household"].create(
            {
                "name": "H G1 new",
                "grid_id": self.g1.id,
                "contact_member_id": self.m_g1.id,
            }
        )
        self._run_reminder()
        self.assertEqual(self._reminders(), activity)
        self.assertNotIn("H G1 new", str(activity.note))
        reminder = self.env["party.visit.reminder"].search(
            [("member_id", "=", self.m_g1.id)]
        )
        self.assertEqual(
            (str(reminder.month), reminder.reminder_count), ("2026-03-01", 1)
        )
        # the next reminder day (the end of the month): no second open one,
        # the open one refreshed
        with freeze_time("2026-03-29 02:00:00"):
            self._run_reminder()
        self.assertEqual(self._reminders(), activity)
        self.assertIn("H G1 new", str(activity.note))
        self.assertEqual(
            (str(reminder.month), reminder.reminder_count), ("2026-03-01", 2)
        )
        # once done, the next reminder day gives a new one
        activity.action_feedback(feedback="Visited")
        self.assertFalse(self._reminders())
        with freeze_time("2026-03-30 02:00:00"):
            self._run_reminder()
        self.assertEqual(len(self._reminders(self.m_g1)), 1)
        self.assertEqual(reminder.reminder_count, 3)
        # contacted: no reminder next month's mid-month either once visited
        self._reminders().unlink()
        with freeze_time("2026-04-15 02:00:00"):
            for household in self.m_g1.household_ids:
                self.env["party.visit"].create(
                    {"member_id": self.m_g1.id, "household_id": household.id}
                )
            self._run_reminder()
        self.assertFalse(self._reminders(self.m_g1))

    @freeze_time("2026-03-15 02:00:00")
    def test_reminder_resumes_after_a_stop(self):
        """One batch per call, progress reported; a run stopped after a batch
        and started again goes on with the members left and counts nobody
        twice, whatever batch size it restarts with."""
        Member = self.env["party.member"]
        self.h_v3.contact_member_id = False
        self.h_g2.contact_member_id = self.m_g2
        self.m_g2.user_id = new_test_user(
            self.env, "pg_t_m_g2", groups="party_grid.party_grid_group_worker"
        )
        pending = Member.search(Member._reminder_pending_domain(duty_today()))
        self.assertGreaterEqual(len(pending), 2)
        self.assertIn(self.m_g1, pending)
        self.assertIn(self.m_g2, pending)
        progress = []
        with patch.object(
            type(self.env["ir.cron"]),
            "_notify_progress",
            lambda cron, done, remaining, **kw: progress.append((done, remaining)),
        ):
            # the first batch, then the run is stopped
            self.assertEqual(Member._cron_remind_uncontacted(batch_size=1), 1)
            self.assertEqual(progress, [(1, len(pending) - 1)])
            # started again with another batch size: the members left only
            while Member._cron_remind_uncontacted(batch_size=len(pending)):
                pass
        self.assertEqual(sum(done for done, _left in progress), len(pending))
        self.assertEqual(progress[-1], (0, 0))
        reminders = self.env["party.visit.reminder"].search(
            [("member_id", "in", pending.ids)]
        )
        self.assertEqual(reminders.member_id, pending)
        self.assertEqual(set(reminders.mapped("reminder_count")), {1})
        self.assertEqual(len(self._reminders(self.m_g1 | self.m_g2)), 2)

    @freeze_time("2026-03-31 02:00:00")
    def test_reminder_in_members_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["party_grid"], ["zh_CN"])
        self.user_m_g1.lang = "zh_CN"
        self.env["party.member"]._cron_remind_uncontacted()
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "party.member"), ("res_id", "=", self.m_g1.id)]
        )
        self.assertEqual(activity.summary, "本月尚未联系的联系户")
        self.assertIn("以下联系户本月尚未按要求联系", str(activity.note))

    @freeze_time("2026-03-10 02:00:00")
    def test_no_reminder_mid_period(self):
        self.env["party.member"]._cron_remind_uncontacted()
        self.assertFalse(self._reminders())

    def test_report_filter_reaches_the_households(self):
        """A subtree filter becomes the subtree's grid ids, which the view
        applies to the households it scans (a subquery on the grids would be
        joined only after every household-month of the county is counted)."""
        Report = self.env["party.visit.duty.report"]
        query = Report._search([("grid_id", "child_of", self.t1.id)])
        sql = self.env.cr.mogrify(*query.select()).decode()
        self.assertNotIn("parent_path", sql)
        self.assertEqual(
            Report.search([("grid_id", "child_of", self.t1.id)]),
            Report.search(
                [
                    (
                        "grid_id",
                        "in",
                        self.t1.search([("id", "child_of", self.t1.id)]).ids,
                    )
                ]
            ),
        )
