# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The attack list of the integrity issue, acted out as each role would over
RPC: ``with_user(user)``, no privileged context key, the refusal expected and
nothing saved. Worker (no e-mail), head (no e-mail), office, county leader."""

import json
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import make_id_number
from .ticket_common import PartyTicketCommon

# (AccessError is a UserError: refusals of either kind are caught as UserError)
# the context keys an attacker tried (the old ticket guard trusted the first)
FORGED_CONTEXT = {
    "party_ticket_operation": "forged",
    "tracking_disable": True,
    "mail_create_nolog": True,
}


@tagged("post_install", "-at_install")
class TestAttack(PartyTicketCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m_v3.phone = "13900000003"
        cls.m_v1.phone = "13900000001"
        cls.ticket = cls.env["party.ticket"].create(
            {"title": "Street light", "grid_id": cls.g1.id}
        )

    def _counts(self):
        self.env.flush_all()
        return (
            self.env["party.ticket"].with_context(active_test=False).search_count([]),
            self.env["party.ticket.log"].search_count([]),
            self.env["party.visit"].search_count([]),
            self.env["party.grid.role"].search_count([]),
        )

    # ------------------------------------------------------------ critical (1)

    def test_head_cannot_grant_himself_the_county(self):
        head = self.user_head
        before = self._counts()
        with self.assertRaises(AccessError):
            self.env["party.grid.role"].with_user(head).create(
                {"grid_id": self.county.id, "user_id": head.id, "role": "full_time"}
            )
        with self.assertRaises(AccessError):
            self.env["party.grid"].with_user(head).create(
                {"name": "Mine", "parent_id": self.t2.id, "head_id": head.id}
            )
        with self.assertRaises(AccessError):
            self.env["party.grid"].with_user(head).create(
                {"name": "New root", "head_id": head.id}
            )
        self.assertEqual(self._counts(), before)
        self.assertFalse(
            self.env["party.grid"].search([("name", "in", ("Mine", "New root"))])
        )
        self.assertNotIn(self.county, head.party_grid_scope_ids)

    # ------------------------------------------------------------ high (2, 3)

    def test_context_key_is_no_permission(self):
        worker = self.user_worker
        ticket = self.ticket.with_user(worker).with_context(**FORGED_CONTEXT)
        before = self._counts()
        attempts = [
            {"grid_id": self.v3.id},
            {"user_id": self.user_worker2.id},
            {"stage_id": self.stage["closed"].id},
            {"is_verified": True, "verified_user_id": worker.id},
            {"date_closed": fields.Datetime.now()},
            {"satisfaction": "satisfied"},
            {"supervision_card": "red"},
            {"origin_grid_id": self.v3.id},
            {"deadline_state": "normal", "date_deadline": datetime(2099, 1, 1)},
            {"reopen_count": 0, "extension_count": 9},
            {"log_ids": [Command.create({"operation": "claim"})]},
        ]
        for vals in attempts:
            with self.subTest(vals=list(vals)):
                with self.assertRaises(UserError):
                    ticket.write(vals)
        # the handling log: no line in anyone's name, none changed or deleted
        Log = self.env["party.ticket.log"].with_user(worker)
        with self.assertRaises(UserError):
            Log.with_context(**FORGED_CONTEXT).create(
                {
                    "ticket_id": self.ticket.id,
                    "operation": "report",
                    "user_id": self.user_head.id,
                    "from_grid_id": self.v3.id,
                    "to_grid_id": self.g1.id,
                }
            )
        line = self.ticket.log_ids
        for user in (worker, self.user_manager):
            with self.assertRaises(UserError):
                line.with_user(user).write({"reason": "rewritten"})
            with self.assertRaises(UserError):
                line.with_user(user).unlink()
        self.assertEqual(self._counts(), before)
        self.ticket.invalidate_recordset()
        self.assertEqual(self.ticket.grid_id, self.g1)
        self.assertEqual(self.ticket.stage_id, self.stage["new"])
        self.assertFalse(self.ticket.is_verified)
        self.assertEqual(self.ticket.supervision_card, "none")

    def test_forged_closed_ticket_at_create(self):
        worker = self.user_worker
        Ticket = self.env["party.ticket"].with_user(worker)
        before = self._counts()
        base = {"title": "Fake", "grid_id": self.g1.id}
        for forged in (
            {"stage_id": self.stage["closed"].id},
            {"stage_id": self.stage["verify"].id},
            {"date_closed": fields.Datetime.now()},
            {"satisfaction": "satisfied"},
            {"is_verified": True},
            {"origin_grid_id": self.v3.id},
            {"resolved_grid_id": self.g1.id},
            {"name": "SJ-FAKE"},
            {"active": False},
        ):
            with self.subTest(forged=list(forged)):
                with self.assertRaises(UserError):
                    Ticket.create(dict(base, **forged))
        self.assertEqual(self._counts(), before)
        # context defaults are dropped, not trusted
        ticket = Ticket.with_context(
            default_satisfaction="satisfied",
            default_date_closed=fields.Datetime.to_string(datetime(2026, 1, 1)),
            default_origin_grid_id=self.v3.id,
        ).create(base)
        self.assertFalse(ticket.satisfaction)
        self.assertFalse(ticket.date_closed)
        self.assertEqual(ticket.origin_grid_id, self.g1)
        self.assertFalse(ticket.is_closed)
        # the leader's figures of the other township stay untouched
        Report = self.env["party.ticket.report"]
        self.assertEqual(
            Report.search_count(
                [("origin_grid_id", "child_of", self.t2.id), ("closed_count", "=", 1)]
            ),
            0,
        )

    # ------------------------------------------------------------ high (4)

    def test_users_without_email_handle_tickets(self):
        """Claim, handle, report, assign, verify, close, return visit: the
        worker and the head have no e-mail address, and mail is on."""
        worker, head = self.user_worker, self.user_head
        self.assertFalse(worker.email)
        self.assertFalse(head.email)
        ticket = self.ticket
        ticket.with_user(worker).action_claim()
        ticket.with_user(worker).action_start()
        ticket.with_user(worker)._op_report(reason="Needs the village")
        self.assertEqual(ticket.grid_id, self.v1)
        ticket.with_user(head)._op_assign(self.g1, worker, reason="Yours")
        self.assertEqual(ticket.user_id, worker)
        self.assertTrue(
            ticket.activity_ids.filtered(lambda a: a.user_id == worker),
            "the assignee has a to-do",
        )
        ticket.with_user(worker)._op_submit("Bulb replaced")
        ticket.with_user(self.user_worker2).action_verify()
        ticket.with_user(worker)._op_close(None, "Told at the door")
        ticket.with_user(head)._op_return_visit("satisfied")
        self.assertEqual(ticket.stage_id, self.stage["closed"])
        notes = ticket.message_ids.filtered(
            lambda m: m.author_id == worker.partner_id and m.message_type != "email"
        )
        self.assertTrue(notes, "the worker's operations are in the chatter")
        self.assertEqual(
            self._operations(ticket),
            [
                "create",
                "claim",
                "start",
                "report",
                "assign",
                "submit",
                "verify",
                "close",
                "return_visit",
            ],
        )
        self.assertEqual(
            set(ticket.log_ids.filtered(lambda log: log.operation == "claim").user_id),
            {worker},
        )

    # ------------------------------------------------------------ medium (5)

    def test_cross_grid_creation_and_links(self):
        worker, head = self.user_worker, self.user_head
        Ticket = self.env["party.ticket"].with_user(worker)
        before = self._counts()
        with self.assertRaisesRegex(UserError, "grids you work on"):
            Ticket.create({"title": "x", "grid_id": self.v3.id, "user_id": worker.id})
        with self.assertRaisesRegex(UserError, "does not work on"):
            Ticket.create(
                {"title": "x", "grid_id": self.g1.id, "user_id": self.user_office.id}
            )
        with self.assertRaisesRegex(UserError, "can see in your grids"):
            Ticket.create(
                {"title": "x", "grid_id": self.g1.id, "household_id": self.h_v3.id}
            )
        with self.assertRaisesRegex(UserError, "can see in your grids"):
            Ticket.create(
                {
                    "title": "x",
                    "grid_id": self.g1.id,
                    "partner_id": self.m_v3.partner_id.id,
                }
            )
        with self.assertRaisesRegex(UserError, "can see in your grids"):
            self.ticket.with_user(worker).write({"household_id": self.h_v3.id})
        Visit = self.env["party.visit"].with_user(worker)
        with self.assertRaises(AccessError):
            Visit.create({"member_id": self.m_g1.id, "household_id": self.h_v3.id})
        with self.assertRaises(AccessError):
            Visit.create({"member_id": self.m_v3.id, "household_id": self.h_g1a.id})
        with self.assertRaises(AccessError):
            self.env["party.grid.role"].with_user(head).create(
                {"grid_id": self.v1.id, "member_id": self.m_v3.id, "role": "volunteer"}
            )
        self.assertEqual(self._counts(), before)
        self.assertFalse(self.ticket.household_id)

    # ------------------------------------------------------------ medium (6)

    def test_personal_data_stays_in_the_grid(self):
        Partner = self.env["res.partner"]
        registered = Partner.search([("party_grid_id", "child_of", self.county.id)])
        self.assertIn(self.m_v3.partner_id, registered)
        # the office user reads no registered person's phone
        office = Partner.with_user(self.user_office)
        self.assertFalse(office.search([("id", "in", registered.ids)]))
        with self.assertRaises(AccessError):
            self.m_v1.partner_id.with_user(self.user_office).read(["phone"])
        # a worker of G1 does not read the V3 member through the partner
        with self.assertRaises(AccessError):
            self.m_v3.partner_id.with_user(self.user_worker).read(["phone"])
        # a head — even one given "Contact Creation" — cannot change a member of
        # another township, nor set a person's grid
        head2 = new_test_user(
            self.env,
            "pg_t_head_contacts",
            groups="party_grid.party_grid_group_head,base.group_partner_manager",
            email=False,
        )
        self.v1.deputy_ids = head2
        for head in (self.user_head, head2):
            with self.assertRaises(AccessError):
                self.m_v3.partner_id.with_user(head).write({"phone": "110"})
            with self.assertRaises(AccessError):
                self.m_v3.with_user(head).write({"phone": "110"})
        with self.assertRaises(UserError):
            Partner.with_user(head2).create({"name": "x", "party_grid_id": self.v3.id})
        self.assertEqual(self.m_v3.phone, "13900000003")
        # within their subtree the head keeps members' data up to date, and
        # registers new members, without any right on contacts
        self.assertFalse(self.user_head.has_group("base.group_partner_manager"))
        member_v1 = self.m_v1.with_user(self.user_head)
        member_v1.write({"phone": "13911111111"})
        self.assertEqual(self.m_v1.partner_id.phone, "13911111111")
        new = (
            self.env["party.member"]
            .with_user(self.user_head)
            .create(
                {
                    "name": "New member",
                    "grid_id": self.g2.id,
                    "phone": "13922222222",
                    "id_number": make_id_number(77),
                }
            )
        )
        self.assertEqual(new.partner_id.party_grid_id, self.g2)
        self.assertEqual(new.with_user(self.user_head).phone, "13922222222")
        with self.assertRaises(AccessError):
            new.partner_id.with_user(self.user_instructor).read(["phone"])

    # ------------------------------------------------------------ medium (7)

    def test_errors_name_only_what_the_user_reads(self):
        township = self.user_township  # T1
        with self.assertRaises(ValidationError) as caught:
            self.env["party.member"].with_user(township).create(
                {
                    "name": "Twin",
                    "grid_id": self.v1.id,
                    "id_number": self.m_v3.id_number,
                }
            )
        self.assertNotIn("Member V3", str(caught.exception))
        self.assertIn("outside your grids", str(caught.exception))
        self.g3.code = "T9-G3"
        with self.assertRaises(ValidationError) as caught:
            self.env["party.grid"].with_user(township).create(
                {"name": "Copy", "parent_id": self.v1.id, "code": "T9-G3"}
            )
        self.assertNotIn("G3", str(caught.exception).replace("T9-G3", ""))
        ticket = self.env["party.ticket"].create(
            {"title": "Township's", "grid_id": self.t1.id}
        )
        with self.assertRaises(UserError) as caught:
            ticket.with_user(township)._op_assign(self.g3, False, reason="x")
        self.assertNotIn("G3", str(caught.exception))
        self.assertNotIn("V3", str(caught.exception))
        # what the user reads is named
        with self.assertRaisesRegex(ValidationError, "Member G1"):
            self.env["party.member"].with_user(township).create(
                {
                    "name": "Twin",
                    "grid_id": self.v1.id,
                    "id_number": self.m_g1.id_number,
                }
            )

    # ------------------------------------------------------------ medium (8)

    def test_deadline_reminders_in_the_recipients_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["party_grid"], ["zh_CN"])
        self.user_head.lang = "zh_CN"
        self.user_township.lang = "en_US"
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self.env["party.ticket"].create(
                {"title": "路灯不亮", "grid_id": self.v1.id, "handling_type": "report"}
            )
        with freeze_time("2026-03-02 09:00:00"):
            # the cron runs without a language
            ticket.with_context(lang=None)._check_deadlines(fields.Datetime.now())
        activities = ticket.activity_ids
        by_user = {a.user_id: a.summary for a in activities}
        self.assertTrue(by_user[self.user_head].startswith("已超时："))
        self.assertTrue(by_user[self.user_township].startswith("Overdue: "))

    # ------------------------------------------------------------ lower (9)

    def test_handler_does_not_verify_own_work(self):
        worker = self.user_worker
        ticket = self.ticket
        ticket.with_user(worker).action_claim()
        ticket.with_user(worker)._op_submit("Fixed")
        with self.assertRaisesRegex(UserError, "handled ticket .* yourself"):
            ticket.with_user(worker).action_verify()
        self.assertFalse(ticket.is_verified)
        ticket.with_user(self.user_head).action_verify()
        ticket.with_user(worker)._op_close(None, "Told")
        with self.assertRaisesRegex(UserError, "yourself"):
            ticket.with_user(worker)._op_return_visit("satisfied")
        self.assertFalse(ticket.satisfaction)
        # a county that wants otherwise says so in the settings
        self.env["res.config.settings"].create(
            {"party_ticket_allow_self_verify": True}
        ).execute()
        ticket.with_user(worker)._op_return_visit("satisfied")
        self.assertEqual(ticket.satisfaction, "satisfied")

    # ------------------------------------------------------------ lower (10)

    def test_bad_input(self):
        worker, head = self.user_worker, self.user_head
        Ticket = self.env["party.ticket"].with_user(worker)
        self.ticket.with_user(worker).action_claim()
        before = self._counts()
        for title in ("", "   ", "x" * 100000):
            with self.assertRaisesRegex(ValidationError, "title of 1 to 200"):
                Ticket.create({"title": title, "grid_id": self.g1.id})
        Visit = self.env["party.visit"].with_user(worker)
        for day in (datetime(1900, 1, 1), datetime(1, 1, 1)):
            with self.assertRaisesRegex(ValidationError, "before 2000"):
                Visit.create(
                    {
                        "member_id": self.m_g1.id,
                        "household_id": self.h_g1a.id,
                        "date": day,
                    }
                )
        Activity = self.env["party.activity"].with_user(head)
        with self.assertRaisesRegex(ValidationError, "from 2000 to two years"):
            Activity.create(
                {
                    "name": "Far away",
                    "grid_id": self.v1.id,
                    "date_start": datetime(9999, 1, 1),
                    "date_stop": datetime(9999, 1, 1, 2),
                }
            )
        with self.assertRaisesRegex(UserError, "at most 90 more days"):
            self.ticket.with_user(worker)._op_extend_request(
                datetime(9999, 12, 31), "Parts"
            )
        Member = self.env["party.member"].with_user(head)
        for number in ("131122199002301234", "131122198001010011", "131122800101001"):
            with self.subTest(number=number):
                with self.assertRaisesRegex(ValidationError, "GB 11643"):
                    Member.create(
                        {"name": "Bad ID", "grid_id": self.v1.id, "id_number": number}
                    )
        self.assertEqual(self._counts(), before)
        self.assertFalse(
            self.env["party.member"].search([("name", "=", "Bad ID")]),
        )
        # used configuration is archived, never deleted half-way
        for record in (self.level_group, self.stage["new"], self.cat_facility):
            with self.subTest(record=record._name):
                self.ticket.category_id = self.cat_facility
                with self.assertRaisesRegex(UserError, "archive it instead"):
                    record.with_user(self.user_manager).unlink()
                self.assertTrue(record.exists())
        # a filter sent as a list, a button called without its context
        households = self.env["party.household"].with_user(worker)
        self.assertEqual(
            households.search([("is_contact_due", "in", [True])]),
            households.search([("is_contact_due", "=", True)]),
        )
        with self.assertRaisesRegex(UserError, "true or false"):
            households.search([("is_contact_due", "in", ["yes"])])
        with self.assertRaisesRegex(UserError, "Choose the operation"):
            self.ticket.with_user(worker).action_open_wizard()
        figures = (
            self.env["party.ticket.report"].with_user(head).get_figures(self.v1.id)
        )
        json.dumps(figures)
        with self.assertRaisesRegex(UserError, "Choose the grid"):
            self.env["party.ticket.report"].with_user(head).get_figures("1")

    # ------------------------------------------------------------ lower (11)

    def test_claim_collision_is_told_in_words(self):
        """Another session holds the ticket's row (it is claiming it right
        now): the claim is refused with a message, not a database error."""
        Ticket = self.env["party.ticket"]
        # a ticket committed before this test (demo data), free and new
        demo = Ticket.search(
            [
                ("user_id", "=", False),
                ("stage_code", "=", "new"),
                ("id", "<", self.ticket.id),
            ],
            limit=1,
        )
        if not demo:
            self.skipTest("no committed open ticket (demo data) to lock")
        before = demo.log_ids
        with db_connect(self.env.cr.dbname).cursor() as other:
            other.execute(
                "SELECT id FROM party_ticket WHERE id = %s FOR UPDATE", [demo.id]
            )
            with self.assertRaisesRegex(UserError, "at this very moment"):
                demo.with_user(self.user_manager).action_claim()
            other.rollback()
        demo.invalidate_recordset()
        self.assertFalse(demo.user_id)
        self.assertEqual(demo.log_ids, before)

    # ------------------------------------------------------------ lower (12)

    def test_demo_leader_reads_without_a_grid(self):
        leader = self.env.ref("party_grid.pg_leader_demo", raise_if_not_found=False)
        if not leader:
            self.skipTest("no demo data")
        self.assertFalse(leader.party_grid_scope_ids)
        root = self.env.ref("party_grid.party_grid_wuyi_demo")
        self.assertFalse(root.head_id)
        grids = self.env["party.grid"].with_user(leader)
        self.assertIn(root, grids.search([]))
        with self.assertRaises(AccessError):
            root.with_user(leader).write({"name": "x"})
        self.assertEqual(root.name, "武邑县")

    # ------------------------------------------------------------ also found

    def test_also_found(self):
        # members proper are full and probationary: activists do not count
        self.env["party.member"].create(
            {"name": "Activist", "grid_id": self.g1.id, "status": "activist"}
        )
        self.g1.invalidate_recordset()
        self.assertEqual(self.g1.member_count, 1)
        # and cannot be a household's contact member
        activist = self.env["party.member"].search([("name", "=", "Activist")])
        with self.assertRaisesRegex(ValidationError, "not yet a party member"):
            self.h_g1b.contact_member_id = activist
        self.assertFalse(self.h_g1b.contact_member_id)
        # a ticket received by its handler starts accepted, not new
        ticket = (
            self.env["party.ticket"]
            .with_user(self.user_worker)
            .create(
                {
                    "title": "Taken on",
                    "grid_id": self.g1.id,
                    "user_id": self.user_worker.id,
                }
            )
        )
        self.assertEqual(ticket.stage_id, self.stage["accepted"])
        self.assertTrue(ticket.date_accepted)
        # a concluded ticket's grid: reopen first
        ticket.with_user(self.user_worker)._op_submit("Done")
        ticket.with_user(self.user_head).action_verify()
        ticket.with_user(self.user_worker)._op_close(None, "Told")
        with self.assertRaisesRegex(UserError, "reopen it before"):
            ticket.with_user(self.user_worker).write({"grid_id": self.g2.id})
        self.assertLess(
            ticket.date_received, fields.Datetime.now() + timedelta(seconds=1)
        )
