# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    make_id_number,
)

from .common import ScoringCommon


@tagged("post_install", "-at_install")
class TestScoringCompute(ScoringCommon):
    def test_weishan_member_contacts_seven_of_ten(self):
        """巍山: a member with 10 linked households contacted 7 this month."""
        self.period.with_user(self.user_township).action_compute()
        self.assertEqual(self.period.state, "computed")
        line = self._line(self.period, self.weishan, self.item_contact)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.basis, "10 linked households, 7 contacted this month")
        self.assertAlmostEqual(line.points, 7.0)
        self.assertAlmostEqual(line.lost_points, 3.0)
        self.assertEqual(line.grid_id, self.g1)
        self.assertTrue(line.origin.startswith("party.household:"))
        self.assertEqual(len(line.origin.split(":")[1].split(",")), 7)
        # in Chinese for a Chinese reader
        self.env["res.lang"]._activate_lang("zh_CN")
        period = self.period.with_context(lang="zh_CN")
        self.assertEqual(
            period._basis("contact_rate", 7, 10), "联系户 10 户，本月走访 7 户"
        )
        total = self.env["party.score.total"].search(
            [("period_id", "=", self.period.id), ("member_id", "=", self.weishan.id)]
        )
        # base 60 + contact 7 (no party life due, no volunteer hours)
        self.assertAlmostEqual(total.points, 67.0)

    def test_attendance_and_volunteer_hours(self):
        Activity = self.env["party.activity"]
        start = self.visit_day
        meeting, service = Activity.create(
            [
                {
                    "name": "Branch meeting",
                    "grid_id": self.g1.id,
                    "activity_type": "branch_meeting",
                    "date_start": start,
                    "date_stop": start + relativedelta(hours=2),
                },
                {
                    "name": "Cleaning the square",
                    "grid_id": self.g1.id,
                    "activity_type": "volunteer",
                    "date_start": start,
                    "date_stop": start + relativedelta(hours=4),
                },
            ]
        )
        other = Activity.create(
            {
                "name": "Party lecture",
                "grid_id": self.g1.id,
                "activity_type": "party_lecture",
                "date_start": start + relativedelta(days=1),
                "date_stop": start + relativedelta(days=1, hours=2),
            }
        )
        self.env["party.activity.attendance"].create(
            [
                {"activity_id": meeting.id, "member_id": self.m_g1.id},
                {
                    "activity_id": other.id,
                    "member_id": self.m_g1.id,
                    "state": "absent",
                },
                {"activity_id": service.id, "member_id": self.m_g1.id, "hours": 7},
            ]
        )
        self.period.with_user(self.user_township).action_compute()
        attendance = self._line(self.period, self.m_g1, self.item_attendance)
        self.assertEqual(attendance.basis, "2 party life sessions due, 1 attended")
        self.assertAlmostEqual(attendance.points, 5.0)
        volunteer = self._line(self.period, self.m_g1, self.item_volunteer)
        self.assertEqual(volunteer.basis, "7 hours of volunteer service")
        # 7 hours × 1 point, capped at the maximum of 5
        self.assertAlmostEqual(volunteer.points, 5.0)
        self.assertAlmostEqual(volunteer.lost_points, 0.0)

    def test_rerun_after_kill_gives_same_ledger(self):
        """A run stopped half-way and rerun writes the ledger of a clean run."""
        period = self.period.sudo()
        self.assertTrue(period._compute_lines(batch_size=2))
        clean = self._snapshot(period)
        self.assertEqual(len(clean), 5 * 3)  # 5 members, 3 automatic items
        # a rerun of a computed month changes nothing
        self.assertTrue(period._compute_lines(batch_size=3))
        self.assertEqual(self._snapshot(period), clean)
        # start again from nothing, killed after the first batch
        self.env["party.score.line"].sudo().search(
            [("period_id", "=", period.id)]
        ).unlink()
        self.assertFalse(period._compute_lines(batch_size=2, max_batches=1))
        half = self._snapshot(period)
        self.assertEqual(len(half), 2 * 3)
        self.assertEqual(period.compute_done, 2)
        self.assertTrue(period._compute_lines(batch_size=2))
        self.assertEqual(self._snapshot(period), clean)
        self.assertEqual(period.compute_done, 5)

    def test_cron_computes_previous_month(self):
        periods = self.env["party.score.period"]._cron_compute_previous_month()
        self.assertIn(self.period, periods)
        self.assertEqual(self.period.state, "computed")
        self.assertTrue(self._line(self.period, self.weishan, self.item_contact))
        # run again: same ledger
        before = self._snapshot(self.period)
        self.env["party.score.period"]._cron_compute_previous_month()
        self.assertEqual(self._snapshot(self.period), before)

    def test_batch_query_count(self):
        """Queries per batch do not depend on the number of events."""
        period = self.period.sudo()
        period._compute_lines()
        # the period's state is tracked in its chatter (mail is on in the
        # tests, as in production): a first tracking loads the fields'
        # metadata once per registry, which a warm-up pays
        self.env.flush_all()
        self.env.cr.precommit.run()
        period._compute_lines()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.invalidate_all()
        with self.assertQueryCount(15):
            period._compute_lines()
        # ten times the visits: the same count
        self.env["party.visit"].create(
            [
                {
                    "member_id": self.weishan.id,
                    "household_id": household.id,
                    "date": self.visit_day + relativedelta(hours=n),
                }
                for household in self.weishan_households
                for n in range(1, 4)
            ]
        )
        self.env.invalidate_all()
        with self.assertQueryCount(15):
            period._compute_lines()

    def test_quarter_stars_and_ranking_with_ties(self):
        quarter_start = self.month.replace(month=(self.month.month - 1) // 3 * 3 + 1)
        quarter = self.env["party.score.period"].create(
            {
                "scheme_id": self.scheme.id,
                "period_type": "quarter",
                "date_from": quarter_start,
            }
        )
        quarter.with_user(self.user_township).action_compute()
        self.assertEqual(len(quarter.month_ids), 3)
        self.assertTrue(all(m.state == "computed" for m in quarter.month_ids))
        rows = self.env["party.score.quarter"].search(
            [("scheme_id", "=", self.scheme.id), ("quarter", "=", quarter_start)]
        )
        self.assertEqual(len(rows), 5)
        by_member = {row.member_id: row for row in rows}
        top = by_member[self.weishan]
        # 67 in last month, 60 in the other two
        self.assertAlmostEqual(top.score, round((67 + 60 + 60) / 3, 2))
        self.assertEqual(top.rank, 1)
        self.assertEqual(top.stars, str(self.scheme._stars_for(top.score)))
        self.assertEqual(top.stars, "1")
        others = rows - top
        # four members with the same score share the second place
        self.assertEqual(set(others.mapped("rank")), {2})
        self.assertEqual(set(others.mapped("stars")), {"1"})
        # in the member's own grid (G1): Weishan first, Member G1 second
        self.assertEqual(by_member[self.m_g1].rank_local, 2)
        self.assertEqual(by_member[self.m_v3].rank_local, 1)
        # ranking within a chosen scope
        ranking = quarter.get_ranking(self.t1.id)
        self.assertEqual([r[0] for r in ranking], [1, 2, 2, 2])
        self.assertEqual(ranking[0][1], self.weishan.id)
        # publication publishes the months
        quarter.with_user(self.user_township).action_publish()
        self.assertTrue(all(m.state == "published" for m in quarter.month_ids))
        self.env.invalidate_all()
        self.assertTrue(
            all(
                self.env["party.score.quarter"]
                .search([("scheme_id", "=", self.scheme.id)])
                .mapped("published")
            )
        )

    def test_qingcao_two_party_groups_compared(self):
        """青草: why do these two party groups differ so much? Item by item."""
        scheme = self.env["party.score.scheme"].create(
            {
                "name": "Party groups (test)",
                "grid_id": self.v1.id,
                "subject_type": "grid",
                "grid_level_id": self.level_group.id,
                "date_from": self.month,
                "lang": "en_US",
                "base_points": 0.0,
                "item_ids": [
                    Command.create(
                        {
                            "name": "Households contacted",
                            "category_id": self.cat_service.id,
                            "measure": "contact_rate",
                            "formula": "rate",
                            "max_points": 20.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Every household has a contact member",
                            "category_id": self.cat_grid.id,
                            "measure": "coverage",
                            "formula": "threshold",
                            "threshold": 100.0,
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Party group activities",
                            "category_id": self.cat_life.id,
                            "measure": "activities_held",
                            "formula": "per_unit",
                            "points": 5.0,
                            "max_points": 10.0,
                        }
                    ),
                ],
            }
        )
        item_contact, item_coverage, item_activities = scheme.item_ids
        # G1: 12 households, 11 linked, 8 contacted; G2: 1 linked, not contacted
        self.env["party.visit"].create(
            {
                "member_id": self.m_g1.id,
                "household_id": self.h_g1a.id,
                "date": self.visit_day,
            }
        )
        self.env["party.activity"].create(
            {
                "name": "G1 group meeting",
                "grid_id": self.g1.id,
                "activity_type": "group_meeting",
                "date_start": self.visit_day,
                "date_stop": self.visit_day + relativedelta(hours=1),
            }
        )
        period = self.env["party.score.period"].create(
            {"scheme_id": scheme.id, "date_from": self.month}
        )
        period.with_user(self.user_township).action_compute()
        wizard = (
            self.env["party.score.compare.wizard"]
            .with_user(self.user_head)
            .create(
                {
                    "period_id": period.id,
                    "grid_a_id": self.g1.id,
                    "grid_b_id": self.g2.id,
                }
            )
        )
        wizard.action_compare()
        rows = {row.item_id: row for row in wizard.line_ids}
        self.assertAlmostEqual(rows[item_contact].points_a, round(20 * 8 / 11, 2))
        self.assertAlmostEqual(rows[item_contact].points_b, 0.0)
        self.assertAlmostEqual(rows[item_contact].lost_b, 20.0)
        self.assertAlmostEqual(rows[item_coverage].points_a, 0.0)
        self.assertAlmostEqual(rows[item_coverage].lost_a, 10.0)
        self.assertAlmostEqual(rows[item_coverage].points_b, 10.0)
        self.assertAlmostEqual(rows[item_activities].points_a, 5.0)
        self.assertAlmostEqual(rows[item_activities].lost_a, 5.0)
        self.assertAlmostEqual(rows[item_activities].lost_b, 10.0)
        self.assertAlmostEqual(
            wizard.total_a - wizard.total_b,
            sum(row.difference for row in wizard.line_ids),
        )
        basis = (
            self.env["party.score.line"]
            .search(
                [
                    ("period_id", "=", period.id),
                    ("subject_grid_id", "=", self.g1.id),
                    ("item_id", "=", item_coverage.id),
                ]
            )
            .basis
        )
        self.assertEqual(basis, "12 households, 11 with a contact member")

    def test_worker_tickets(self):
        scheme = self.env["party.score.scheme"].create(
            {
                "name": "Workers (test)",
                "grid_id": self.county.id,
                "subject_type": "worker",
                "date_from": self.month,
                "lang": "en_US",
                "item_ids": [
                    Command.create(
                        {
                            "name": "Tickets concluded",
                            "category_id": self.cat_grid.id,
                            "measure": "ticket_closed",
                            "points": 2.0,
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Concluded on time",
                            "category_id": self.cat_grid.id,
                            "measure": "ticket_closed_on_time",
                            "formula": "rate",
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Red cards",
                            "category_id": self.cat_grid.id,
                            "measure": "ticket_red_card",
                            "points": -3.0,
                            "max_points": 6.0,
                        }
                    ),
                ],
            }
        )
        closed, late, red = scheme.item_ids
        tickets = self.env["party.ticket"].create(
            [{"title": f"Ticket {n}", "grid_id": self.g1.id} for n in range(3)]
        )
        self.env.flush_all()
        self.env.cr.execute(
            """UPDATE party_ticket SET user_id = %s, date_closed = %s,
                      date_received = %s, date_assigned = %s,
                      closed_on_time = (id = %s), supervision_card = 'red'
               WHERE id = ANY(%s)""",
            [
                self.user_worker.id,
                self.visit_day,
                self.visit_day - relativedelta(days=1),
                self.visit_day - relativedelta(days=1),
                tickets[0].id,
                tickets.ids,
            ],
        )
        self.env.invalidate_all()
        period = self.env["party.score.period"].create(
            {"scheme_id": scheme.id, "date_from": self.month}
        )
        period.sudo()._compute_lines()
        lines = self.env["party.score.line"].search(
            [("period_id", "=", period.id), ("user_id", "=", self.user_worker.id)]
        )
        by_item = {line.item_id: line for line in lines}
        self.assertAlmostEqual(by_item[closed].points, 6.0)
        self.assertAlmostEqual(by_item[late].points, round(10 / 3, 2))
        self.assertEqual(by_item[late].basis, "3 tickets concluded, 1 on time")
        # three red cards would be -9: capped at the maximum deduction of 6
        self.assertAlmostEqual(by_item[red].points, -6.0)
        self.assertAlmostEqual(by_item[red].lost_points, 6.0)
        self.assertEqual(lines.grid_id, self.g1)

    def test_new_member_joins_between_runs(self):
        self.period.with_user(self.user_township).action_compute()
        member = self.env["party.member"].create(
            {
                "name": "Newcomer",
                "grid_id": self.g2.id,
                "id_number": make_id_number(40),
            }
        )
        self.period.with_user(self.user_township).action_compute()
        self.assertTrue(self._line(self.period, member, self.item_contact))
        member.action_archive()
        self.period.with_user(self.user_township).action_compute()
        self.assertFalse(self._line(self.period, member, self.item_contact))

    def test_year_candidates_and_reward_per_star(self):
        """The year's ranking proposes the top share as candidates; a reward per
        star gives the quarter's performance pay."""
        self.scheme.write(
            {"star1_reward": 100.0, "star2_reward": 200.0, "candidate_share": 20.0}
        )
        self.period.with_user(self.user_township).action_compute()
        quarter = self.env["party.score.quarter"].search(
            [("scheme_id", "=", self.scheme.id), ("member_id", "=", self.weishan.id)]
        )
        # one month computed: 67 points, ★ from 60
        self.assertEqual((quarter.stars, quarter.reward), ("1", 100.0))
        years = self.env["party.score.year"].search(
            [("scheme_id", "=", self.scheme.id)]
        )
        self.assertEqual(len(years), 5)
        # 20 % of 5 subjects: one candidate, the first of the ranking
        candidates = years.filtered("is_candidate")
        self.assertEqual(candidates.member_id, self.weishan)
        self.assertEqual(candidates.rank, 1)
        self.assertAlmostEqual(candidates.score, 67.0)
        self.assertAlmostEqual(sum(years.mapped("reward")), 500.0)
        # a member reads their own line of the ranking only
        mine = (
            self.env["party.score.year"]
            .with_user(self.user_member)
            .search([("scheme_id", "=", self.scheme.id)])
        )
        self.assertEqual(mine.member_id, self.m_g1)

    def test_democratic_evaluation_feeds_an_item(self):
        """民主评议党员: the mean grade of a closed round scores an item."""
        self.scheme.item_ids = [
            Command.create(
                {
                    "name": "Democratic evaluation",
                    "category_id": self.cat_duty.id,
                    "measure": "evaluation_grade",
                    "formula": "rate",
                    "max_points": 3.0,
                }
            )
        ]
        item = self.scheme.item_ids[-1]
        Evaluation = self.env["party.score.evaluation"].with_user(self.user_head)
        day = self.month.replace(day=20)
        closed, still_open = Evaluation.create(
            [
                {
                    "name": "Evaluation of members",
                    "grid_id": self.v1.id,
                    "date": day,
                    "grade_ids": [
                        Command.create({"member_id": self.m_g1.id, "grade": g})
                        for g in ("excellent", "qualified")
                    ],
                },
                {
                    "name": "Not closed",
                    "grid_id": self.v1.id,
                    "date": day,
                    "grade_ids": [
                        Command.create(
                            {"member_id": self.m_g1.id, "grade": "unqualified"}
                        )
                    ],
                },
            ]
        )
        closed.action_close()
        with self.assertRaisesRegex(UserError, "closed evaluation round is final"):
            closed.grade_ids[0].grade = "unqualified"
        with self.assertRaisesRegex(ValidationError, "is not a member of"):
            still_open.grade_ids = [
                Command.create({"member_id": self.m_v3.id, "grade": "excellent"})
            ]
        with self.assertRaises(AccessError):
            Evaluation.create({"name": "Outside", "grid_id": self.v3.id, "date": day})
        self.period.with_user(self.user_township).action_compute()
        line = self._line(self.period, self.m_g1, item)
        # (100 + 80) / 2 = 90 out of 100: 90 % of the maximum of 3
        self.assertAlmostEqual(line.points, 2.7)
        self.assertEqual(line.basis, "mean evaluation grade 90 out of 100")
        self.assertAlmostEqual(self._line(self.period, self.weishan, item).points, 0.0)
