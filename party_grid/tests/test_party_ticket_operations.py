# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The table of operations as users meet it: the buttons a user sees are the
operations the server lets them do (per role and state), a hidden
operation's server method refuses, the wizard asks for what the table says,
the pickers offer only what the operation accepts, and one deadline signal
on every transition."""

from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.party_ticket_operation import OPERATION_LIST, OPERATIONS
from .ticket_common import PartyTicketCommon


def codes(ticket):
    return set(filter(None, ticket.operation_codes.split("|")))


@tagged("post_install", "-at_install")
class TestTicketButtons(PartyTicketCommon):
    def _assert_hidden_refused(self, ticket, user):
        """Every operation hidden from ``user`` is refused by the server,
        with nothing written."""
        ticket.invalidate_recordset()
        as_user = ticket.with_user(user)
        shown = codes(as_user)
        before = (self._operations(ticket), ticket.stage_id, ticket.user_id)
        for op in OPERATION_LIST:
            if op.code in shown:
                continue
            with self.subTest(user=user.login, op=op.code):
                with self.assertRaises(UserError):
                    as_user._run_operation(op.code)
                if not op.inputs:
                    with self.assertRaises(UserError):
                        getattr(as_user, op.action or f"action_{op.code}")()
                else:
                    with self.assertRaises(UserError):
                        as_user.with_context(
                            party_ticket_wizard_operation=op.code
                        ).action_open_wizard()
                ticket.invalidate_recordset()
                self.assertEqual(
                    (self._operations(ticket), ticket.stage_id, ticket.user_id),
                    before,
                )
        return shown

    def test_unsaved_ticket_shows_none(self):
        new = (
            self.env["party.ticket"]
            .with_user(self.user_worker)
            .new({"title": "x", "grid_id": self.g1.id})
        )
        self.assertEqual(new.operation_codes, "||")
        self.assertFalse(new.main_operation)
        self.assertFalse(new.operation_more)

    def test_new_ticket_per_role(self):
        ticket = self._ticket()
        worker = self._assert_hidden_refused(ticket, self.user_worker)
        self.assertEqual(ticket.with_user(self.user_worker).main_operation, "claim")
        self.assertIn("assign", worker)
        self.assertIn("report", worker)
        self.assertFalse(
            worker
            & {"park", "office", "supervise", "verify", "close", "extend_approve"},
            "a worker is not shown what only heads, the level above or the "
            "receiving level do",
        )
        self.assertEqual(
            worker,
            {
                "claim",
                "assign",
                "report",
                "wait_documents",
                "extend_request",
                "urgent",
                "merge",
                "reject",
            },
            "no submitting before claiming, no sending back what was received here",
        )
        head = self._assert_hidden_refused(ticket, self.user_head)
        self.assertTrue({"claim", "park", "office", "supervise"} <= head)
        self.assertEqual(ticket.with_user(self.user_head).main_operation, "claim")
        # the office sees nothing of a ticket it does not have
        with self.assertRaises(AccessError):
            ticket.with_user(self.user_office).read(["operation_codes"])

    def test_states_per_role(self):
        ticket = self._ticket()
        as_worker = ticket.with_user(self.user_worker)
        as_worker.action_claim()
        self.assertEqual(as_worker.main_operation, "start")
        self.assertNotIn("claim", codes(as_worker))
        self._assert_hidden_refused(ticket, self.user_worker)
        as_worker.action_start()
        self.assertEqual(as_worker.main_operation, "submit")
        as_worker._op_submit("Bulb replaced")
        # the handler does not verify their own work; a colleague does
        self.assertNotIn("verify", codes(as_worker))
        self.assertNotIn("submit", codes(as_worker))
        as_worker2 = ticket.with_user(self.user_worker2)
        self.assertEqual(as_worker2.main_operation, "verify")
        self._assert_hidden_refused(ticket, self.user_worker)
        as_worker2.action_verify()
        self.assertEqual(as_worker.main_operation, "close")
        as_worker._op_close(None, "Told")
        self.assertEqual(codes(as_worker), {"reopen"})
        self.assertEqual(as_worker2.main_operation, "return_visit")
        self._assert_hidden_refused(ticket, self.user_worker)
        as_worker2._op_return_visit("satisfied")
        self.assertEqual(codes(as_worker2), {"reopen"})

    def test_parked_and_extension(self):
        ticket = self._ticket()
        ticket.with_user(self.user_worker).action_claim()
        self._wizard(
            ticket,
            self.user_worker,
            "extend_request",
            deadline=ticket.date_deadline.replace(day=ticket.date_deadline.day + 1),
            reason="Parts",
        )
        self.assertNotIn("extend_approve", codes(ticket.with_user(self.user_worker)))
        as_head = ticket.with_user(self.user_head)
        self.assertEqual(as_head.main_operation, "extend_approve")
        self.assertIn("extend_refuse", codes(as_head))
        self._assert_hidden_refused(ticket, self.user_worker)
        as_head._op_park("Land rights first")
        self.assertEqual(codes(as_head), {"resume", "extend_approve", "extend_refuse"})
        self.assertEqual(as_head.main_operation, "extend_approve")
        self._assert_hidden_refused(ticket, self.user_head)

    def test_form_buttons_from_the_table(self):
        """The form's header has the table's buttons (the main variant first)
        and the sheet has the same for a phone, with the others in a menu;
        the labels are the table's, in Chinese."""
        Ticket = self.env["party.ticket"].with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        arch = Ticket.get_views([(False, "form")])["views"]["form"]["arch"]
        root = etree.fromstring(arch)
        header = root.find(".//header")
        table = {op.action or f"action_{op.code}" for op in OPERATION_LIST}
        table.add("action_open_wizard")
        # the table's buttons (other addons may add buttons of their own)
        names = [b.get("name") for b in header.iter("button") if b.get("name") in table]
        # the next level's decision first, then claiming
        self.assertEqual(names[:2], ["action_extend_approve", "action_claim"])
        self.assertIn("action_mark_urgent", names)
        self.assertEqual(
            len(names),
            len(OPERATION_LIST) + len([op for op in OPERATION_LIST if op.main]),
        )
        # in the header: the main variants, then the others in a menu
        more = header.find("details")
        self.assertEqual(
            [b.get("name") for b in more.iter("button")],
            [
                op.action
                or ("action_open_wizard" if op.inputs else f"action_{op.code}")
                for op in OPERATION_LIST
            ],
        )
        self.assertEqual(more.find("summary").text, "更多…")
        self.assertEqual(more.get("invisible"), "not operation_more")
        bar = root.find(".//div[@class]/details/..")
        self.assertIn("d-md-none", bar.get("class"))
        self.assertEqual(len(bar.findall(".//button")), len(names))
        claim = header.find("button[@name='action_claim']")
        self.assertEqual(claim.get("invisible"), "main_operation != 'claim'")
        wizard = header.find("button[@name='action_open_wizard']")
        self.assertIn("party_ticket_wizard_operation", wizard.get("context"))
        labels = {b.get("string") for b in header.iter("button")}
        self.assertIn("认领", labels)
        self.assertIn("交办", labels)

    def test_wizard_fields_from_the_table(self):
        ticket = self._ticket()
        Wizard = self.env["party.ticket.wizard"].with_user(self.user_head)
        wizard = Wizard.create({"ticket_id": ticket.id, "operation": "park"})
        self.assertEqual(wizard.input_fields, "|reason|")
        self.assertEqual(wizard.required_fields, "|reason|")
        wizard.operation = "assign"
        self.assertEqual(wizard.input_fields, "|target_grid_id|target_user_id|reason|")
        self.assertEqual(wizard.required_fields, "||")
        for op in OPERATION_LIST:
            self.assertEqual(
                set(op.required) - set(op.inputs),
                set(),
                f"{op.code}: every required input is asked for",
            )
        self.assertEqual(OPERATIONS["report"].log, "Report Upward")
        labels = dict(self.env["party.ticket.log"]._fields["operation"].selection)
        self.assertEqual(labels["submit"], "Result Submitted")


@tagged("post_install", "-at_install")
class TestTicketPickers(PartyTicketCommon):
    def _wizard_for(self, ticket, user, operation, **vals):
        return (
            self.env["party.ticket.wizard"]
            .with_user(user)
            .create({"ticket_id": ticket.id, "operation": operation, **vals})
        )

    def test_assign_offers_the_subtree(self):
        ticket = self._ticket(grid=self.v1, user=self.user_head)
        wizard = self._wizard_for(ticket, self.user_head, "assign")
        self.assertEqual(wizard.allowed_grid_ids, self.v1 | self.g1 | self.g2)
        people = wizard.allowed_user_ids
        self.assertIn(self.user_head, people)
        self.assertNotIn(self.user_township, people, "above the ticket's grid")
        self.assertNotIn(self.user_instructor, people, "another village")
        wizard.target_grid_id = self.g1
        people = wizard.allowed_user_ids
        self.assertTrue(self.user_worker | self.user_worker2 | self.user_head <= people)
        self.assertNotIn(self.user_township, people)
        # every person offered is accepted by the hand-over itself
        for user in people:
            self.assertTrue(ticket._works_within(user, self.g1, self.v1))
        wizard.target_user_id = self.user_worker2
        wizard.action_confirm()
        self.assertEqual(ticket.user_id, self.user_worker2)

    def test_report_offers_the_grids_above(self):
        ticket = self._ticket()
        wizard = self._wizard_for(ticket, self.user_county, "report")
        self.assertEqual(wizard.allowed_grid_ids, self.v1, "level by level")
        # a worker is offered only the grids above that they may see; empty
        # (the hint says so) reports to the parent grid
        wizard = self._wizard_for(ticket, self.user_worker, "report")
        wizard.allowed_grid_ids.mapped("display_name")
        self.assertLessEqual(wizard.allowed_grid_ids, self.v1)
        ticket.category_id = self.cat_safety
        wizard = self._wizard_for(ticket, self.user_county, "report")
        self.assertEqual(wizard.allowed_grid_ids, self.v1 | self.t1 | self.county)
        wizard.reason = "Hazard"
        wizard.target_grid_id = self.t1
        wizard.action_confirm()
        self.assertEqual(ticket.grid_id, self.t1)

    def test_refusal_in_plain_chinese(self):
        ticket = self._ticket(grid=self.v1, user=self.user_head)
        zh = ticket.with_user(self.user_head).with_context(lang="zh_CN")
        self.env["res.lang"]._activate_lang("zh_CN")
        with self.assertRaisesRegex(UserError, "请交办给下级网格中的人员") as caught:
            zh._op_assign(self.g1, self.user_township, "x")
        self.assertEqual(
            caught.exception.args[0],
            f"{self.user_township.name} 不负责网格“{self.g1.complete_name}”，也不负责"
            f"本事项所在网格以下、“{self.g1.complete_name}”以上的网格："
            "请交办给下级网格中的人员。",
        )


@tagged("post_install", "-at_install")
class TestTicketDeadlineSignal(PartyTicketCommon):
    """One signal (accept or finish, yellow or red, paused, concluded on time
    or late) drives the card, the ribbon, the filters and the colour."""

    def _signal(self, ticket):
        ticket.invalidate_recordset()
        return ticket.deadline_signal

    def _overdue(self):
        return self.env["party.ticket"].search(
            [("deadline_signal", "in", ("accept_red", "finish_red"))]
        )

    def test_transitions(self):
        Ticket = self.env["party.ticket"]
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
        self.assertEqual(self._signal(ticket), "on_time")
        self.assertEqual(ticket.color, 0)
        with freeze_time("2026-03-02 09:10:00"):
            Ticket._cron_check_deadlines()
        self.assertEqual(self._signal(ticket), "accept_yellow")
        self.assertEqual(ticket.color, 3)
        with freeze_time("2026-03-02 10:10:00"):
            Ticket._cron_check_deadlines()
        self.assertEqual(self._signal(ticket), "accept_red")
        self.assertEqual(ticket.deadline_limit, "accept")
        self.assertIn(ticket, self._overdue())
        with freeze_time("2026-03-02 11:00:00"):
            # accepted late: the accept limit no longer matters, the finish
            # limit (5 March) is not passed — not overdue any more
            ticket.with_user(self.user_worker).action_claim()
        self.assertEqual(self._signal(ticket), "on_time")
        self.assertNotIn(ticket, self._overdue())
        with freeze_time("2026-03-04 09:00:00"):
            Ticket._cron_check_deadlines()
        self.assertEqual(self._signal(ticket), "finish_yellow")
        with freeze_time("2026-03-05 09:00:00"):
            Ticket._cron_check_deadlines()
        self.assertEqual(self._signal(ticket), "finish_red")
        self.assertEqual(ticket.deadline_limit, "finish")
        with freeze_time("2026-03-05 10:00:00"):
            ticket.with_user(self.user_head)._op_park("Budget")
        self.assertEqual(self._signal(ticket), "paused")
        self.assertNotIn(ticket, self._overdue())
        with freeze_time("2026-03-06 10:00:00"):
            ticket.with_user(self.user_head).action_resume()
        self.assertEqual(self._signal(ticket), "finish_red", "still late")
        with freeze_time("2026-03-06 11:00:00"):
            as_worker = ticket.with_user(self.user_worker)
            as_worker._op_submit("Fixed")
            ticket.with_user(self.user_worker2).action_verify()
            as_worker._op_close(None, "Told")
        self.assertEqual(self._signal(ticket), "done_late")
        self.assertNotIn(ticket, self._overdue(), "a closed ticket is not overdue")
        self.assertEqual(ticket.color, 1)
        ticket.with_user(self.user_worker2)._op_return_visit("basic")
        self.assertEqual(self._signal(ticket), "done_late")

    def test_on_time_moves_and_no_limit(self):
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
            ticket.with_user(self.user_worker).action_claim()
            ticket.with_user(self.user_worker)._op_submit("Done")
            ticket.with_user(self.user_worker2).action_verify()
            ticket.with_user(self.user_worker)._op_close(None, "Told")
        self.assertEqual(self._signal(ticket), "done_on_time")
        self.assertEqual(ticket.color, 10)
        with freeze_time("2026-03-02 08:00:00"):
            other = self._ticket()
            other.with_user(self.user_worker).action_claim()
        with freeze_time("2026-03-02 09:00:00"):
            other.with_user(self.user_worker)._op_report(reason="Up")
        # at the village: 30 minutes to accept, no finish limit
        self.assertEqual(other.date_accept_deadline, datetime(2026, 3, 2, 9, 30))
        self.assertEqual(self._signal(other), "on_time")
        with freeze_time("2026-03-02 09:40:00"):
            self.env["party.ticket"]._cron_check_deadlines()
        self.assertEqual(self._signal(other), "accept_red")
        with freeze_time("2026-03-02 09:50:00"):
            other.with_user(self.user_head).action_claim()
        self.assertEqual(self._signal(other), "none", "no finish limit there")
