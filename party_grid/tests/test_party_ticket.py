# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import SQL

from .ticket_common import PartyTicketCommon


@tagged("post_install", "-at_install")
class TestTicketStory(PartyTicketCommon):
    def test_road_markings_story(self):
        """Seed 000: a villager asks his grid worker for road markings; the
        worker reports it to the village, the village to the township, the
        township hands it to the county traffic office; it comes back done,
        the worker tells the villager, the return visit says 'satisfied'."""
        worker, head, township = self.user_worker, self.user_head, self.user_township
        ticket = self._ticket(
            title="Road markings on the road into the village",
            source="visit",
            category_id=self.cat_facility.id,
        )
        self.assertEqual(ticket.name[:2], "SJ")
        self.assertEqual(ticket.partner_id, self.h_g1a.partner_id)
        self.assertEqual(ticket.stage_id, self.stage["new"])
        self._as(ticket, worker).action_claim()
        self.assertEqual(ticket.user_id, worker)
        self.assertEqual(ticket.stage_id, self.stage["accepted"])
        self._wizard(ticket, worker, "report", reason="Needs the village")
        self.assertEqual(ticket.grid_id, self.v1)
        self.assertFalse(ticket.user_id)
        self._as(ticket, head).action_claim()
        self._wizard(ticket, head, "report", reason="Traffic markings: township")
        self.assertEqual(ticket.grid_id, self.t1)
        self._as(ticket, township).action_claim()
        self._wizard(
            ticket, township, "office", office_id=self.office.id, reason="Ask county"
        )
        self.assertEqual(ticket.office_id, self.office)
        self.assertEqual(ticket.handling_type, "joint")
        # the office sees the ticket and gives it back done
        self.assertIn(
            ticket, self.env["party.ticket"].with_user(self.user_office).search([])
        )
        self._wizard(
            ticket,
            self.user_office,
            "office_return",
            reason="Markings and a zebra crossing painted",
        )
        self.assertFalse(ticket.office_id)
        self._wizard(ticket, township, "submit", resolution="Painted by the county")
        self.assertEqual(ticket.stage_id, self.stage["verify"])
        # the receiving level verifies, closes with feedback, visits again
        self._as(ticket, worker).action_verify()
        self._wizard(
            ticket,
            worker,
            "close",
            resolution="Painted by the county traffic office",
            feedback="Told the villager face to face",
        )
        self.assertEqual(ticket.stage_id, self.stage["done"])
        self._wizard(
            ticket, worker, "return_visit", satisfaction="satisfied", reason="Great"
        )
        self.assertEqual(ticket.stage_id, self.stage["closed"])
        self.assertEqual(ticket.satisfaction, "satisfied")
        self.assertEqual(ticket.resolved_grid_id, self.t1)
        self.assertEqual(ticket.resolved_level_id, self.level_township)
        self.assertEqual(ticket.resolution_scope, "transferred")
        self.assertTrue(ticket.closed_on_time)
        logs = ticket.sudo().log_ids.sorted(lambda log: (log.date, log.id))
        self.assertEqual(
            [(log.operation, log.user_id) for log in logs],
            [
                ("create", worker),
                ("claim", worker),
                ("report", worker),
                ("claim", head),
                ("report", head),
                ("claim", township),
                ("office", township),
                ("office_return", self.user_office),
                ("submit", township),
                ("verify", worker),
                ("close", worker),
                ("return_visit", worker),
            ],
        )
        # the log names who did each step as the reader sees the line
        self.assertEqual(
            logs.with_user(worker)[:3].mapped("by_name"), [worker.name] * 3
        )
        moves = logs.filtered(lambda log: log.operation in ("report", "office"))
        self.assertEqual(
            [(log.from_grid_id, log.to_grid_id, log.to_office_id) for log in moves],
            [
                (self.g1, self.v1, self.office.browse()),
                (self.v1, self.t1, self.office.browse()),
                (self.t1, self.t1, self.office),
            ],
        )
        self.assertEqual(moves[0].reason, "Needs the village")
        # each step is in the chatter too
        notes = ticket.message_ids.filtered(lambda m: "Report Upward" in m.body)
        self.assertEqual(len(notes), 2)
        # the figures count it as resolved at township level
        groups = self.env["party.ticket"]._read_group(
            [("id", "=", ticket.id)], ["resolved_level_id"], ["__count"]
        )
        self.assertEqual(groups, [(self.level_township, 1)])


@tagged("post_install", "-at_install")
class TestTicket(PartyTicketCommon):
    def test_claim_concurrent(self):
        """Worker 2 claimed while worker 1's screen still shows the ticket
        free: worker 1 is told who has it, and nothing of theirs is logged."""
        ticket = self._ticket()
        as_worker = self._as(ticket, self.user_worker)
        self.assertFalse(as_worker.user_id)  # worker 1's stale view
        # worker 2's claim commits in another transaction meanwhile
        self.env.cr.execute(
            SQL(
                "UPDATE party_ticket SET user_id = %s WHERE id = %s",
                self.user_worker2.id,
                ticket.id,
            )
        )
        with self.assertRaisesRegex(UserError, "already been claimed by"):
            as_worker.action_claim()
        ticket.invalidate_recordset()
        self.assertEqual(ticket.user_id, self.user_worker2)
        self.assertNotIn("claim", self._operations(ticket))
        # with a fresh view the message names who has it
        with self.assertRaisesRegex(UserError, "already been claimed by"):
            as_worker.action_claim()

    def test_claim_scope(self):
        ticket = self._ticket()
        with self.assertRaisesRegex(UserError, "not among the grids you work on"):
            self._as(ticket, self.user_outsider).action_claim()
        self.assertFalse(ticket.user_id)
        # an ancestor's officer may claim
        self._as(ticket, self.user_township).action_claim()
        self.assertEqual(ticket.user_id, self.user_township)
        self.assertTrue(ticket.date_accepted)

    def test_assign_down(self):
        ticket = self._ticket(grid=self.v1, user=self.user_head)
        with self.assertRaisesRegex(UserError, "someone of the subtree"):
            self._wizard(
                ticket,
                self.user_head,
                "assign",
                target_grid_id=self.g1.id,
                target_user_id=self.user_instructor.id,
            )
        self.assertEqual(ticket.grid_id, self.v1)
        self.assertEqual(self._operations(ticket), ["create"])
        # someone above the ticket's grid is not in its subtree either
        with self.assertRaisesRegex(UserError, "someone of the subtree"):
            self._wizard(
                ticket, self.user_head, "assign", target_user_id=self.user_township.id
            )
        with self.assertRaisesRegex(UserError, "assigned down only"):
            self._wizard(ticket, self.user_head, "assign", target_grid_id=self.v3.id)
        self._wizard(
            ticket,
            self.user_head,
            "assign",
            target_grid_id=self.g1.id,
            target_user_id=self.user_worker.id,
            reason="Your household",
        )
        self.assertEqual(ticket.grid_id, self.g1)
        self.assertEqual(ticket.user_id, self.user_worker)
        self.assertEqual(ticket.stage_id, self.stage["accepted"])
        activity = ticket.activity_ids.filtered(lambda a: a.user_id == self.user_worker)
        self.assertTrue(activity)

    def test_report_upward(self):
        top = self._ticket(grid=self.county, user=self.user_county)
        with self.assertRaisesRegex(UserError, "top of the grid tree"):
            self._wizard(top, self.user_county, "report", reason="Up")
        self.assertEqual(top.grid_id, self.county)
        self.assertEqual(self._operations(top), ["create"])
        ticket = self._ticket()
        # skipping the village: not for this category
        with self.assertRaisesRegex(UserError, "level by level"):
            self._wizard(
                ticket,
                self.user_worker,
                "report",
                target_grid_id=self.t1.id,
                reason="Big",
            )
        with self.assertRaisesRegex(UserError, "Say why"):
            self._as(ticket, self.user_worker)._op_report(reason=" ")
        self.assertEqual(ticket.grid_id, self.g1)
        ticket.category_id = self.cat_safety
        with self.assertRaisesRegex(UserError, "not above"):
            self._wizard(
                ticket,
                self.user_worker,
                "report",
                target_grid_id=self.t2.id,
                reason="Hazard",
            )
        self._wizard(
            ticket,
            self.user_worker,
            "report",
            target_grid_id=self.t1.id,
            reason="Hazard",
        )
        self.assertEqual(ticket.grid_id, self.t1)
        self.assertEqual(ticket.stage_id, self.stage["new"])

    def test_send_back(self):
        ticket = self._ticket()
        self._as(ticket, self.user_worker).action_claim()
        self._wizard(ticket, self.user_worker, "report", reason="Village please")
        with self.assertRaisesRegex(UserError, "Say why"):
            self._wizard(ticket, self.user_head, "send_back", reason="")
        self.assertEqual(ticket.grid_id, self.v1)
        self._wizard(
            ticket, self.user_head, "send_back", reason="The grid can do it alone"
        )
        self.assertEqual(ticket.grid_id, self.g1)
        self.assertEqual(ticket.user_id, self.user_worker)
        self.assertEqual(ticket.stage_id, self.stage["in_progress"])
        log = ticket.sudo().log_ids.filtered(lambda log: log.operation == "send_back")
        self.assertEqual(
            (log.from_grid_id, log.to_grid_id, log.reason),
            (self.v1, self.g1, "The grid can do it alone"),
        )
        with self.assertRaisesRegex(UserError, "no lower level"):
            self._wizard(ticket, self.user_worker, "send_back", reason="Again")

    def test_extension(self):
        ticket = self._ticket()
        self._as(ticket, self.user_worker).action_claim()
        before = ticket.date_deadline
        new = before + timedelta(days=3)
        with self.assertRaisesRegex(UserError, "later than the current one"):
            self._wizard(
                ticket,
                self.user_worker,
                "extend_request",
                deadline=before - timedelta(hours=1),
                reason="Parts",
            )
        self._wizard(
            ticket, self.user_worker, "extend_request", deadline=new, reason="Parts"
        )
        self.assertEqual(ticket.extension_state, "requested")
        # the requesting level cannot approve itself
        with self.assertRaisesRegex(UserError, "Only the level above"):
            self._as(ticket, self.user_worker).action_extend_approve()
        self.assertEqual(ticket.date_deadline, before)
        self._as(ticket, self.user_head).action_extend_approve()
        self.assertEqual(ticket.date_deadline, new)
        self.assertEqual(ticket.extension_count, 1)
        self.assertEqual(ticket.extension_state, "approved")

    def test_supervise_urgent_park(self):
        ticket = self._ticket()
        with self.assertRaisesRegex(UserError, "Only the level above"):
            self._wizard(
                ticket, self.user_worker, "supervise", card="red", reason="Hurry"
            )
        self._wizard(ticket, self.user_head, "supervise", card="red", reason="Hurry")
        self.assertEqual(ticket.supervision_card, "red")
        self._as(ticket, self.user_worker).action_mark_urgent()
        self.assertEqual(ticket.priority, "1")
        with self.assertRaisesRegex(UserError, "Only grid heads"):
            self._wizard(ticket, self.user_worker, "park", reason="Later")
        with self.assertRaisesRegex(UserError, "Say why"):
            self._wizard(ticket, self.user_head, "park", reason="")
        self.assertEqual(ticket.stage_id, self.stage["new"])
        self._wizard(ticket, self.user_head, "park", reason="Land rights first")
        self.assertEqual(ticket.stage_id, self.stage["parked"])
        self.assertEqual(ticket.park_reason, "Land rights first")
        self._as(ticket, self.user_head).action_resume()
        self.assertEqual(ticket.stage_id, self.stage["in_progress"])
        self.assertEqual(
            self._operations(ticket),
            ["create", "supervise", "urgent", "park", "resume"],
        )

    def test_merge(self):
        original = self._ticket()
        duplicate = self._ticket(title="Street light again")
        duplicate._message_log(body="Photo of the pole")
        photo = self.env["ir.attachment"].create(
            {"name": "pole.jpg", "res_model": "party.ticket", "res_id": duplicate.id}
        )
        duplicate.message_subscribe(partner_ids=self.user_office.partner_id.ids)
        todo = duplicate.activity_schedule(
            "mail.mail_activity_data_todo", user_id=self.user_worker.id
        )
        self._wizard(duplicate, self.user_worker, "merge", original_id=original.id)
        self.assertEqual(duplicate.merged_into_id, original)
        # what the duplicate gathered is on the original now
        self.assertIn("Photo of the pole", "".join(original.message_ids.mapped("body")))
        self.assertEqual(photo.res_id, original.id)
        self.assertIn(self.user_office.partner_id, original.message_partner_ids)
        self.assertEqual(todo.res_id, original.id)
        self.assertEqual(original.merged_ticket_ids, duplicate)
        self.assertEqual(self._operations(duplicate), ["create", "merge"])
        self.assertFalse(duplicate.active)
        self.assertTrue(duplicate.is_closed)
        self.assertEqual(self._operations(original), ["create", "merge"])
        with self.assertRaisesRegex(UserError, "Choose another ticket"):
            self._wizard(original, self.user_worker, "merge", original_id=original.id)

    def _closed_ticket(self):
        ticket = self._ticket()
        as_worker = self._as(ticket, self.user_worker)
        as_worker.action_claim()
        as_worker.action_start()
        as_worker._op_submit("Bulb replaced")
        # verified by someone else of the grid than the handler
        self._as(ticket, self.user_worker2).action_verify()
        as_worker._op_close(None, "Told by phone")
        return ticket

    def test_close_needs_feedback(self):
        ticket = self._ticket()
        as_worker = self._as(ticket, self.user_worker)
        as_worker.action_claim()
        with self.assertRaisesRegex(UserError, "must be verified"):
            self._wizard(
                ticket, self.user_worker, "close", resolution="x", feedback="y"
            )
        as_worker._op_submit("Bulb replaced")
        self._as(ticket, self.user_worker2).action_verify()
        with self.assertRaisesRegex(UserError, "without it"):
            self._wizard(
                ticket, self.user_worker, "close", resolution="Bulb", feedback="  "
            )
        self.assertEqual(ticket.stage_id, self.stage["verify"])
        self.assertFalse(ticket.date_closed)
        self.assertNotIn("close", self._operations(ticket))
        # nor by dragging the card
        with self.assertRaisesRegex(UserError, "with their buttons"):
            as_worker.write({"stage_id": self.stage["closed"].id})
        self.assertEqual(ticket.stage_id, self.stage["verify"])
        as_worker._op_close(None, "Told by phone")
        self.assertEqual(ticket.stage_id, self.stage["done"])
        self.assertEqual(ticket.resolved_level_id, self.level_group)
        self.assertEqual(ticket.resolution_scope, "self")

    def test_reject_needs_reason(self):
        ticket = self._ticket()
        with self.assertRaisesRegex(UserError, "must be told the reason"):
            self._wizard(ticket, self.user_worker, "reject", reason="", feedback="Told")
        with self.assertRaisesRegex(UserError, "how the reason was told"):
            self._wizard(ticket, self.user_worker, "reject", reason="Law", feedback="")
        self.assertEqual(ticket.stage_id, self.stage["new"])
        self.assertFalse(ticket.reject_reason)
        self._wizard(
            ticket,
            self.user_worker,
            "reject",
            reason="Farmland cannot be built on",
            feedback="Explained face to face",
        )
        self.assertEqual(ticket.stage_id, self.stage["rejected"])
        self.assertEqual(ticket.handling_type, "reject")
        self.assertTrue(ticket.is_closed)

    def test_missing_documents_listed(self):
        Ticket = self.env["party.ticket"].with_user(self.user_worker)
        count = Ticket.search_count([])
        with self.assertRaisesRegex(ValidationError, "list all of them"):
            Ticket.create(
                {
                    "title": "Reimbursement",
                    "grid_id": self.g1.id,
                    "handling_type": "missing",
                }
            )
        self.assertEqual(Ticket.search_count([]), count)
        ticket = Ticket.create(
            {
                "title": "Reimbursement",
                "grid_id": self.g1.id,
                "handling_type": "missing",
                "missing_documents": "ID card copy; hospital bill",
            }
        )
        with self.assertRaisesRegex(ValidationError, "list all of them"):
            ticket.missing_documents = ""
        self.assertEqual(ticket.missing_documents, "ID card copy; hospital bill")

    def test_closed_ticket_key_fields(self):
        ticket = self._closed_ticket()
        as_worker = self._as(ticket, self.user_worker)
        with self.assertRaisesRegex(UserError, "reopen it before"):
            as_worker.write({"title": "Something else"})
        with self.assertRaisesRegex(UserError, "reopen it before"):
            as_worker.write({"feedback": "Never told"})
        self.assertEqual(ticket.title, "Broken street light")
        self.assertEqual(ticket.feedback, "Told by phone")
        # return visit: unsatisfied, then the requester says it broke again
        self._wizard(
            ticket, self.user_worker2, "return_visit", satisfaction="unsatisfied"
        )
        self._wizard(ticket, self.user_worker, "reopen", reason="Dark again")
        self.assertEqual(ticket.stage_id, self.stage["in_progress"])
        self.assertEqual(ticket.reopen_count, 1)
        self.assertFalse(ticket.resolved_level_id)
        as_worker.write({"title": "Street light, second time"})

    def test_move_only_through_operations(self):
        ticket = self._ticket()
        with self.assertRaisesRegex(UserError, "change through its buttons"):
            self._as(ticket, self.user_worker).write({"user_id": self.user_worker.id})
        with self.assertRaisesRegex(UserError, "change through its buttons"):
            self._as(ticket, self.user_head).write({"grid_id": self.g2.id})
        self.assertEqual((ticket.grid_id, ticket.user_id), (self.g1, ticket.user_id))
        self.assertFalse(ticket.user_id)
        # dragging between open stages is fine
        self._as(ticket, self.user_worker).write(
            {"stage_id": self.stage["accepted"].id}
        )

    def test_form_and_defaults(self):
        """A ticket can be created pre-filled from a visit through context keys."""
        Ticket = self.env["party.ticket"].with_user(self.user_worker)
        form = Form(
            Ticket.with_context(
                default_source="visit",
                default_grid_id=self.g1.id,
                default_household_id=self.h_g1a.id,
                default_category_id=self.cat_safety.id,
            )
        )
        form.title = "Loose wires at the barn"
        ticket = form.save()
        self.assertEqual(ticket.source, "visit")
        self.assertEqual(ticket.handling_type, "report")
        self.assertEqual(ticket.origin_grid_id, self.g1)
        self.assertEqual(ticket.partner_id, self.h_g1a.partner_id)
        self.assertEqual(ticket.stage_id, self.stage["new"])
        self.assertEqual(ticket.log_ids.mapped("operation"), ["create"])

    def test_history_blocks_deletion(self):
        leaf = self.env["party.grid"].create(
            {"name": "Leaf", "parent_id": self.v2.id, "level_id": self.level_group.id}
        )
        household = self.env["party.household"].create(
            {"name": "H Leaf", "grid_id": leaf.id}
        )
        self._ticket(grid=leaf, user=self.user_manager, household_id=household.id)
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            household.unlink()
        with self.assertRaisesRegex(UserError, "cannot be deleted"):
            leaf.with_context(active_test=False).unlink()
        self.assertTrue(household.exists())


@tagged("post_install", "-at_install")
class TestTicketDeadlines(PartyTicketCommon):
    def test_limits_minutes_and_levels(self):
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
            # promised at group level: hours
            self.assertEqual(ticket.date_accept_deadline, datetime(2026, 3, 2, 10, 0))
            self.assertEqual(ticket.date_deadline, datetime(2026, 3, 5, 8, 0))
            self._as(ticket, self.user_worker).action_claim()
        with freeze_time("2026-03-02 09:00:00"):
            self._wizard(ticket, self.user_worker, "report", reason="Up")
            # reported upward to the village: 30 minutes to accept (seed 001)
            self.assertEqual(ticket.handling_type, "report")
            self.assertEqual(ticket.date_accept_warning, datetime(2026, 3, 2, 9, 20))
            self.assertEqual(ticket.date_accept_deadline, datetime(2026, 3, 2, 9, 30))
            self.assertFalse(ticket.date_deadline)
        with self.assertRaisesRegex(ValidationError, "yellow threshold"):
            self.env["party.ticket.time.limit"].create(
                {
                    "handling_type": "joint",
                    "level_id": self.level_group.id,
                    "finish_warning": 5,
                    "finish_limit": 3,
                }
            )
        with self.assertRaisesRegex(ValidationError, "already a time limit"):
            self.env["party.ticket.time.limit"].create(
                {"handling_type": "report", "level_id": self.level_village.id}
            )

    def test_park_pauses_the_clock(self):
        """挂账 stops the clock; resuming goes on with the time that was left
        (72 hours to finish: parked after 24, resumed two days later, it is
        due 48 hours after the resumption)."""
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
            ticket.with_user(self.user_worker).action_claim()
        self.assertEqual(ticket.date_deadline, datetime(2026, 3, 5, 8, 0))
        with freeze_time("2026-03-03 08:00:00"):
            ticket.with_user(self.user_head)._op_park("Waiting for the budget")
        self.assertEqual(ticket.stage_id, self.stage["parked"])
        with freeze_time("2026-03-05 08:00:00"):
            ticket.with_user(self.user_head).action_resume()
        self.assertEqual(ticket.stage_id, self.stage["in_progress"])
        self.assertEqual(ticket.date_deadline, datetime(2026, 3, 7, 8, 0))
        self.assertFalse(ticket.date_parked)
        with self.assertRaisesRegex(UserError, "handling operations"):
            ticket.with_user(self.user_worker).write({"date_parked": False})

    def test_closed_late(self):
        with freeze_time("2026-03-02 08:00:00"):
            on_time, late = self._ticket(), self._ticket()
        for ticket, when in (
            (on_time, "2026-03-05 07:00:00"),
            (late, "2026-03-05 09:00:00"),
        ):
            with freeze_time(when):
                as_worker = self._as(ticket, self.user_worker)
                as_worker.action_claim()
                as_worker._op_submit("Bulb replaced")
                self._as(ticket, self.user_worker2).action_verify()
                as_worker._op_close(None, "Told")
        self.assertTrue(on_time.closed_on_time)
        self.assertFalse(late.closed_on_time)

    def _deadline_activities(self, ticket):
        activity_type = self.env.ref("party_grid.mail_activity_type_ticket_deadline")
        return ticket.activity_ids.filtered(
            lambda a: a.activity_type_id == activity_type
        )

    def test_cron_flags_and_reminds_once(self):
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
            self._as(ticket, self.user_worker).action_claim()
            self._wizard(ticket, self.user_worker, "report", reason="Up")
            other = self._ticket(title="Other")
        Ticket = self.env["party.ticket"]
        with freeze_time("2026-03-02 08:10:00"):
            Ticket._cron_check_deadlines()
            self.assertEqual(ticket.deadline_state, "normal")
        with freeze_time("2026-03-02 08:25:00"):
            Ticket._cron_check_deadlines()
            self.assertEqual(ticket.deadline_state, "yellow")
            self.assertEqual(other.deadline_state, "normal")
            # nobody has claimed it at the village: its head, and the township's
            self.assertEqual(
                self._deadline_activities(ticket).user_id,
                self.user_head | self.user_township,
            )
            Ticket._cron_check_deadlines()
            self.assertEqual(len(self._deadline_activities(ticket)), 2)
        with freeze_time("2026-03-02 08:31:00"):
            Ticket._cron_check_deadlines()
            self.assertEqual(ticket.deadline_state, "red")
            self.assertEqual(ticket.color, 1)
            self.assertEqual(len(self._deadline_activities(ticket)), 4)
            Ticket._cron_check_deadlines()
            self.assertEqual(len(self._deadline_activities(ticket)), 4)
        with freeze_time("2026-03-02 09:00:00"):
            # claimed: the accept deadline no longer matters; a move resets
            self._as(ticket, self.user_head).action_claim()
            self._wizard(ticket, self.user_head, "report", reason="Township")
            self.assertEqual(ticket.deadline_state, "normal")
        with freeze_time("2026-03-02 12:00:00"):
            # the other ticket, promised at group level, is past its accept limit
            Ticket._cron_check_deadlines()
            self.assertEqual(other.deadline_state, "red")
            self.assertIn(self.user_head, self._deadline_activities(other).user_id)

    def test_cron_batches(self):
        with freeze_time("2026-03-02 08:00:00"):
            tickets = self._ticket() | self._ticket() | self._ticket()
        progress = []

        def notify(cron_self, *, done, remaining, deactivate=False):
            progress.append((done, remaining))

        Cron = self.env.registry["ir.cron"]
        self.patch(Cron, "_notify_progress", notify)
        with freeze_time("2026-03-02 09:30:00"):
            Ticket = self.env["party.ticket"]
            self.assertEqual(Ticket._cron_check_deadlines(batch_size=2), 2)
            self.assertEqual(Ticket._cron_check_deadlines(batch_size=2), 1)
            self.assertEqual(Ticket._cron_check_deadlines(batch_size=2), 0)
        self.assertEqual(progress, [(2, 1), (1, 0), (0, 0)])
        self.assertEqual(set(tickets.mapped("deadline_state")), {"yellow"})


@tagged("post_install", "-at_install")
class TestTicketChinese(PartyTicketCommon):
    def test_zh_cn_messages(self):
        """A grid worker working in Chinese gets every bad input explained in
        Chinese, and nothing is saved."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["party_grid"], ["zh_CN"])
        self.user_worker.lang = "zh_CN"
        self.user_head.lang = "zh_CN"
        top = self._ticket(grid=self.county, user=self.user_county)
        ticket = self._ticket()
        worker = ticket.with_user(self.user_worker).with_context(lang="zh_CN")
        description = worker.fields_get(["handling_type"])
        self.assertIn(("joint", "联办件"), description["handling_type"]["selection"])
        worker.action_claim()
        worker._op_submit("灯泡已更换")
        with self.assertRaisesRegex(UserError, "由受理层级的其他人员"):
            worker.action_verify()
        ticket.with_user(self.user_worker2).action_verify()
        with self.assertRaisesRegex(UserError, "没有反馈，事项不能办结"):
            worker._op_close(None, "")
        with self.assertRaisesRegex(UserError, "必须向群众讲明原因"):
            worker._op_reject("", "已告知")
        with self.assertRaisesRegex(UserError, "已是最高一级网格"):
            top.with_user(self.user_county).with_context(lang="zh_CN")._op_report(
                reason="上报"
            )
        head = self._ticket(grid=self.v1, user=self.user_head)
        with self.assertRaisesRegex(UserError, "请交办给下级网格中的人员"):
            head.with_user(self.user_head).with_context(lang="zh_CN")._op_assign(
                self.g1, self.user_instructor
            )
        self.assertEqual(ticket.stage_id, self.stage["verify"])
        self.assertEqual(head.grid_id, self.v1)
        worker._op_close(None, "电话告知")
        with self.assertRaisesRegex(UserError, "请先返工"):
            worker.write({"title": "改标题"})
        self.assertEqual(ticket.title, "Broken street light")
