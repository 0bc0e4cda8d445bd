# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time limits counted in working days (工作日) on the county's working hours
(8:30-12:00, 14:00-17:30 Beijing time, 7 hours a day) with 2026's public
holidays and adjusted working days as the data ships them; the 30-minute
rules on the clock; the clock paused while parked or waiting for the
requester's documents, and the figures without the pauses."""

from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .ticket_common import PartyTicketCommon


@tagged("post_install", "-at_install")
class TestTicketWorkingTime(PartyTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("party_grid.resource_calendar_party_grid")
        # joint handling at group level: 3 working days to finish
        cls.limit = cls.env["party.ticket.time.limit"].create(
            {
                "handling_type": "joint",
                "level_id": cls.level_group.id,
                "unit": "days",
                "time_basis": "working",
                "calendar_id": cls.calendar.id,
                "accept_limit": 1,
                "finish_limit": 3,
            }
        )
        cls.Limit = cls.env["party.ticket.time.limit"]

    def _deadlines(self, start):
        return self.Limit._deadlines("joint", self.level_group, start)

    def test_data_2026(self):
        """The data lists 2026 as the State Council published it: 国庆 1-7
        October off, 20 September and 10 October worked."""
        days = self.env["party.calendar.day"].search(
            [("calendar_id", "=", self.calendar.id)]
        )
        holidays = days.filtered(lambda d: d.day_type == "holiday")
        workdays = days.filtered(lambda d: d.day_type == "workday")
        self.assertEqual(len(holidays), 33)
        self.assertEqual(
            sorted(str(d) for d in workdays.mapped("date")),
            [
                "2026-01-04",
                "2026-02-14",
                "2026-02-28",
                "2026-05-09",
                "2026-09-20",
                "2026-10-10",
            ],
        )
        # each holiday is a whole-day global leave of the calendar (Beijing)
        leave = holidays.filtered(lambda d: str(d.date) == "2026-10-01").leave_id
        self.assertEqual(leave.calendar_id, self.calendar)
        self.assertFalse(leave.resource_id)
        self.assertEqual(leave.date_from, datetime(2026, 9, 30, 16, 0))

    def test_three_working_days_before_national_day(self):
        """Set at 10:00 on Wednesday 30 September, the last working day before
        国庆: 5.5 hours that day, none from 1 to 7 October, 7 hours on 8 and
        9 October, and the adjusted working Saturday 10 October counts: due
        at 10:00 on Saturday 10 October (not on Monday 12, nor on 5)."""
        start = datetime(2026, 9, 30, 2, 0)  # 10:00 in Beijing
        vals = self._deadlines(start)
        self.assertEqual(vals["date_deadline"], datetime(2026, 10, 10, 2, 0))
        # 1 working day to accept: 10:00 on Thursday 8 October
        self.assertEqual(vals["date_accept_deadline"], datetime(2026, 10, 8, 2, 0))
        self.assertEqual(vals["calendar_id"], self.calendar.id)
        # without the adjusted working Saturday it would be Monday 12 October
        self.env.ref("party_grid.party_calendar_day_20261010").unlink()
        self.assertEqual(
            self._deadlines(start)["date_deadline"], datetime(2026, 10, 12, 2, 0)
        )

    def test_holiday_added_by_the_administrator(self):
        """Qingming (4-6 April): a limit set on Friday 3 April goes past the
        holiday; a day the administrator adds to the list counts at once,
        and an adjusted working day turned into a holiday no longer counts."""
        start = datetime(2026, 4, 3, 2, 0)
        self.assertEqual(
            self._deadlines(start)["date_accept_deadline"], datetime(2026, 4, 7, 2, 0)
        )
        day = self.env["party.calendar.day"].create(
            {"date": "2026-04-07", "day_type": "holiday", "name": "地方假日"}
        )
        self.assertEqual(day.calendar_id, self.calendar, "the county's hours")
        self.assertEqual(
            self._deadlines(start)["date_accept_deadline"], datetime(2026, 4, 8, 2, 0)
        )
        day.day_type = "workday"
        self.assertFalse(day.leave_id)
        self.assertEqual(
            self._deadlines(start)["date_accept_deadline"], datetime(2026, 4, 7, 2, 0)
        )
        with self.assertRaises(ValidationError):
            self.Limit.create(
                {
                    "handling_type": "reject",
                    "level_id": self.level_group.id,
                    "unit": "days",
                    "time_basis": "working",
                    "calendar_id": False,
                    "finish_limit": 1,
                }
            )

    def test_list_readable_by_users_edited_by_the_administrator(self):
        Day = self.env["party.calendar.day"]
        self.assertTrue(Day.with_user(self.user_worker).search_count([]))
        with self.assertRaises(UserError):
            Day.with_user(self.user_head).create(
                {"date": "2026-12-31", "day_type": "holiday", "name": "x"}
            )
        self.assertFalse(Day.search([("date", "=", "2026-12-31")]))
        day = Day.with_user(self.user_manager).create(
            {"date": "2026-12-31", "day_type": "holiday", "name": "跨年"}
        )
        self.assertTrue(day.leave_id)

    def test_thirty_minutes_on_the_clock(self):
        """Seed 001's 30-minute rule counts minutes day and night, also on a
        public holiday."""
        with freeze_time("2026-10-03 14:00:00"):
            ticket = self._ticket()
            self._as(ticket, self.user_worker).action_claim()
            self._as(ticket, self.user_worker)._op_report(reason="Up")
        self.assertEqual(ticket.date_accept_deadline, datetime(2026, 10, 3, 14, 30))
        self.assertEqual(ticket.date_accept_warning, datetime(2026, 10, 3, 14, 20))
        self.assertFalse(ticket.calendar_id, "calendar time")

    def test_parked_two_days_keeps_its_working_time(self):
        """3 working days from Monday 2 March 10:00 (due Thursday 5 March
        10:00); parked on Tuesday 10:00 with 14 working hours left, resumed
        two days later on Thursday 10:00: due on Monday 9 March 10:00."""
        with freeze_time("2026-03-02 02:00:00"):
            ticket = self._ticket(handling_type="joint")
            self._as(ticket, self.user_worker).action_claim()
        self.assertEqual(ticket.date_deadline, datetime(2026, 3, 5, 2, 0))
        with freeze_time("2026-03-03 02:00:00"):
            ticket.with_user(self.user_head)._op_park("Waiting for the budget")
        with freeze_time("2026-03-05 02:00:00"):
            ticket.with_user(self.user_head).action_resume()
        self.assertEqual(ticket.date_deadline, datetime(2026, 3, 9, 2, 0))
        self.assertEqual(ticket.paused_hours, 48)
        self.assertFalse(ticket.accept_paused_hours, "accepted before parking")

    def test_waiting_for_documents_pauses_the_clock(self):
        """补办件: the requester is told the full list; the accept clock stops
        until the documents are in, the scheduled check leaves the ticket
        alone meanwhile, and the figures leave the pause out."""
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
        self.assertEqual(ticket.date_accept_deadline, datetime(2026, 3, 2, 10, 0))
        as_worker = self._as(ticket, self.user_worker)
        with freeze_time("2026-03-02 09:00:00"):
            with self.assertRaisesRegex(UserError, "List all the missing documents"):
                as_worker._op_wait_documents(" ")
            self.assertFalse(ticket.date_waiting)
            self.assertEqual(self._operations(ticket), ["create"])
            as_worker._op_wait_documents("户口本复印件、村委会证明")
        self.assertEqual(ticket.date_waiting, datetime(2026, 3, 2, 9, 0))
        self.assertEqual(ticket.handling_type, "missing")
        self.assertEqual(ticket.missing_documents, "户口本复印件、村委会证明")
        self.assertEqual(ticket.deadline_signal, "paused")
        with freeze_time("2026-03-02 11:00:00"):
            self.env["party.ticket"]._cron_check_deadlines()
            self.assertEqual(ticket.deadline_state, "normal", "paused: not overdue")
            claimed = self._ticket(title="Claimed")
            claimed.with_user(self.user_worker).action_claim()
            claimed.with_user(self.user_worker)._op_wait_documents("证明")
            with self.assertRaisesRegex(UserError, "record them as received first"):
                claimed.with_user(self.user_worker)._op_submit("Done")
            self.assertEqual(claimed.stage_id, self.stage["accepted"])
        with freeze_time("2026-03-02 12:00:00"):
            as_worker.action_documents_received()
        self.assertFalse(ticket.date_waiting)
        self.assertEqual(ticket.date_accept_deadline, datetime(2026, 3, 2, 13, 0))
        self.assertEqual(ticket.date_deadline, datetime(2026, 3, 5, 11, 0))
        self.assertEqual((ticket.paused_hours, ticket.accept_paused_hours), (3, 3))
        self.assertEqual(ticket.deadline_signal, "on_time")
        with freeze_time("2026-03-02 12:30:00"):
            as_worker.action_claim()
            as_worker._op_submit("Documents complete, certificate issued")
            self._as(ticket, self.user_worker2).action_verify()
            as_worker._op_close(None, "Told in person")
        self.assertEqual(
            self._operations(ticket),
            [
                "create",
                "wait_documents",
                "documents_received",
                "claim",
                "submit",
                "verify",
                "close",
            ],
        )
        self.env.flush_all()
        row = self.env["party.ticket.report"].search([("ticket_id", "=", ticket.id)])
        # 4.5 hours to accept and to close, of which 3 waiting for documents
        self.assertAlmostEqual(row.accept_hours, 1.5)
        self.assertAlmostEqual(row.close_hours, 1.5)
        figures = self.env["party.ticket.report"].get_figures(self.g1.id)
        # the average with the other ticket, claimed at once (0 hours)
        self.assertAlmostEqual(figures["accept_hours"], 0.75)
