# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A grid worker's day (issue 18): the start screen of each role, the
contact-less households in 本月未联系, the visit's confirmation and place,
the export of what the list shows, one label per figure of the grid form and
the product's words in the chatter and in grouped months."""

from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import PartyGridCommon, make_id_number


@tagged("post_install", "-at_install")
class TestWorkerDay(PartyGridCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the worker's own member record: she contacts H G1 a
        cls.m_g1.user_id = cls.user_worker
        cls.tag_alone = cls.env.ref("party_grid.party_household_tag_elderly_alone")
        Household = cls.env["party.household"]
        cls.h_alone, cls.h_own_must, cls.h_above = Household.create(
            [
                # an elderly person living alone nobody is responsible for
                {
                    "name": "H G1 alone",
                    "grid_id": cls.g1.id,
                    "tag_ids": [Command.set(cls.tag_alone.ids)],
                },
                {
                    "name": "H G1 own must",
                    "grid_id": cls.g1.id,
                    "phone": "13800000001",
                    "tag_ids": [Command.set(cls.tag_alone.ids)],
                    "contact_member_id": cls.m_g1.id,
                },
                # contacted by the village's member, whom the worker may not read
                {
                    "name": "H G1 above",
                    "grid_id": cls.g1.id,
                    "contact_member_id": cls.m_v1.id,
                },
            ]
        )

    # ------------------------------------------------------------ home actions

    def _home(self, user):
        user.invalidate_recordset(["action_id"])
        return user.action_id.id

    def _action(self, xmlid):
        return self.env.ref(xmlid).id

    def test_home_action_per_role(self):
        today = self._action("party_grid.party_grid_action_today")
        waiting = self._action("party_grid.party_grid_action_today_head")
        figures = self._action("party_grid.party_grid_action_home_figures")
        self.assertEqual(self._home(self.user_worker), today)
        self.assertEqual(self._home(self.user_head), waiting)
        for user in (self.user_township, self.user_county, self.user_instructor):
            self.assertEqual(self._home(user), figures, user.login)
        # a user outside the product keeps no home action of it
        other = new_test_user(self.env, "pg_t_plain", groups="base.group_user")
        self.assertFalse(self._home(other))

    def test_home_action_follows_the_group(self):
        today = self._action("party_grid.party_grid_action_today")
        waiting = self._action("party_grid.party_grid_action_today_head")
        head_group = self.env.ref("party_grid.party_grid_group_head")
        worker = self.user_worker
        worker.groups_id = [Command.link(head_group.id)]
        self.assertEqual(self._home(worker), waiting)
        # through the group's users, as the group form does
        head_group.users = [Command.unlink(worker.id)]
        self.assertEqual(self._home(worker), today)
        # a home action chosen by an administrator is left alone
        board = self._action("party_grid.party_visit_action")
        worker.action_id = board
        worker.groups_id = [Command.link(head_group.id)]
        self.assertEqual(self._home(worker), board)

    def test_first_app(self):
        """党建网格 comes before Discuss for the product's users."""
        root = self.env.ref("party_grid.party_grid_menu_root")
        discuss = self.env.ref("mail.menu_root_discuss")
        self.assertLess(root.sequence, discuss.sequence)

    def test_figures_home(self):
        """The township's home action answers with the figures (or the
        reports addon's dashboard when installed)."""
        action = (
            self.env.ref("party_grid.party_grid_action_home_figures")
            .with_user(self.user_township)
            .run()
        )
        self.assertIn(action["type"], ("ir.actions.act_window", "ir.actions.client"))
        if action["type"] == "ir.actions.act_window":
            grids = (
                self.env["party.grid"]
                .with_user(self.user_township)
                .search([("is_my_grid", "=", True)])
            )
            self.assertEqual(grids, self.t1)

    # ------------------------------------------------------------ 我的今日

    def _section(self, screen, key):
        return next(s for s in screen["sections"] if s["key"] == key)

    def test_worker_screen(self):
        screen = (
            self.env["party.grid.today"]
            .with_user(self.user_worker)
            .get_screen("worker")
        )
        self.assertEqual(
            [s["key"] for s in screen["sections"]],
            ["must_visit", "not_contacted", "tickets", "today"],
        )
        must = self._section(screen, "must_visit")
        names = [item["name"] for item in must["items"]]
        self.assertEqual(
            names[0], "H G1 own must", "her own must-visit household first"
        )
        self.assertIn("H G1 alone", names)
        self.assertNotIn("H V3", names, "nothing outside her grids")
        first = must["items"][0]
        self.assertEqual(first["phone"], "13800000001")
        self.assertEqual(first["tone"], "warning", "not contacted this month yet")
        due = self._section(screen, "not_contacted")
        self.assertIn("H G1 a", [item["name"] for item in due["items"]])
        self.assertNotIn("H G1 own must", [item["name"] for item in due["items"]])

    def test_worker_screen_queries(self):
        Today = self.env["party.grid.today"].with_user(self.user_worker)
        Today.get_screen("worker")  # the caches of a running server
        self.env.invalidate_all()
        with self.assertQueryCount(15):
            Today.get_screen("worker")

    def test_head_screen(self):
        screen = (
            self.env["party.grid.today"].with_user(self.user_head).get_screen("head")
        )
        keys = [s["key"] for s in screen["sections"]]
        self.assertEqual(keys, ["verify", "overdue", "members_behind", "no_contact"])
        without = self._section(screen, "no_contact")
        self.assertIn("H G1 alone", [item["name"] for item in without["items"]])
        behind = self._section(screen, "members_behind")
        self.assertIn("Member G1", [item["name"] for item in behind["items"]])

    # ------------------------------------------------------------ 本月未联系

    def _not_contacted_domain(self):
        view = self.env.ref("party_grid.party_household_view_search")
        arch = self.env["party.household"].get_view(view.id, "search")["arch"]
        node = etree.fromstring(arch).xpath("//filter[@name='not_contacted']")[0]
        return safe_eval(node.get("domain"))

    def test_not_contacted_shows_contact_less(self):
        """A must-visit elderly person living alone without a contact member
        is in 本月未联系, in the group of those without one."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_grid.party_household_action_not_contacted"
        )
        self.assertIn("search_default_not_contacted", action["context"])
        Household = self.env["party.household"].with_user(self.user_head)
        domain = self._not_contacted_domain()
        found = Household.search(domain)
        self.assertIn(self.h_alone, found)
        self.assertIn(self.h_g1b, found, "contact-less, not must-visit")
        self.assertIn(self.h_g1a, found, "linked and not yet contacted")
        groups = dict(
            Household._read_group(domain, ["contact_member_id"], ["id:recordset"])
        )
        self.assertEqual(
            groups[self.env["party.member"]],
            self.h_alone | self.h_g1b,
            "the contact-less households form their own group",
        )
        self.assertEqual(self.h_alone.contact_state, "none")
        # contacted as required: no longer listed
        self.env["party.visit"].create(
            {"household_id": self.h_g1a.id, "member_id": self.m_g1.id}
        )
        self.h_g1a.invalidate_recordset()
        self.assertNotIn(self.h_g1a, Household.search(domain))

    # ------------------------------------------------------------ the visit

    def test_visit_saved_confirmation(self):
        Visit = self.env["party.visit"].with_user(self.user_worker)
        household = self.h_own_must.with_user(self.user_worker)
        self.assertEqual(household.visit_month_count, 0)
        visit = Visit.create(
            {
                "household_id": household.id,
                "member_id": self.m_g1.id,
                "latitude": 38.1234,
                "longitude": 115.4321,
                "location_accuracy": 12,
            }
        )
        action = visit.action_visit_saved()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertIn("H G1 own must", action["params"]["message"])
        self.assertIn("1 of 2", action["params"]["message"])
        household.invalidate_recordset()
        self.assertEqual(household.visit_month_count, 1)
        self.assertEqual(household.month_contact_count, 1)
        # the stat button opens what it counts
        month = household.action_view_month_visits()
        self.assertEqual(Visit.search(month["domain"]), visit)

    def test_visit_place_is_checked(self):
        Visit = self.env["party.visit"].with_user(self.user_worker)
        before = Visit.search_count([])
        for values in (
            {"latitude": 91},
            {"longitude": -181},
            {"latitude": 38, "location_accuracy": -5},
        ):
            with self.assertRaisesRegex(ValidationError, "not a place on earth"):
                Visit.create(
                    {"household_id": self.h_g1a.id, "member_id": self.m_g1.id, **values}
                )
        self.assertEqual(Visit.search_count([]), before, "nothing saved")
        # no place at all is fine: never required
        self.assertTrue(
            Visit.create({"household_id": self.h_g1a.id, "member_id": self.m_g1.id})
        )

    # ------------------------------------------------------------ export

    def test_worker_exports_the_contact_member_column(self):
        """What the list shows, the worker can export: the name of a contact
        member of the village above her group."""
        worker_env = self.env(user=self.user_worker)
        with self.assertRaises(AccessError):
            self.m_v1.with_env(worker_env).read(["name"])
        households = worker_env["party.household"].search(
            [("grid_id", "=", self.g1.id)]
        )
        self.assertIn(self.h_above, households)
        # what the list reads, as the web client does
        listed = {
            row["name"]: row["contact_member_id"]
            for row in households.web_search_read(
                [("id", "in", households.ids)],
                {"name": {}, "contact_member_id": {"fields": {"display_name": {}}}},
            )["records"]
        }
        rows = households.export_data(["name", "contact_member_id", "grid_id/id"])[
            "datas"
        ]
        exported = {row[0]: row[1] for row in rows}
        self.assertEqual(exported["H G1 above"], "Member V1")
        self.assertEqual(listed["H G1 above"]["display_name"], "Member V1")
        self.assertEqual(exported["H G1 b"], "")
        self.assertEqual(len(rows), len(households), "one line per household")
        # the export does not open other records: outside her grids nothing
        self.assertFalse(
            worker_env["party.household"].search([("id", "=", self.h_v3.id)])
        )
        with self.assertRaises(AccessError):
            self.h_v3.with_env(worker_env).export_data(["name", "contact_member_id"])

    # ------------------------------------------------------------ grid form

    def test_member_button_opens_what_it_counts(self):
        self.env["party.member"].create(
            {
                "name": "Activist G1",
                "grid_id": self.g1.id,
                "status": "activist",
                "id_number": make_id_number(9),
            }
        )
        action = self.v1.action_view_members()
        members = self.env["party.member"].search(action["domain"])
        self.assertEqual(len(members), self.v1.member_count)
        self.assertNotIn("Activist G1", members.mapped("name"))

    # ------------------------------------------------------------ words

    def test_chatter_words(self):
        household = (
            self.env["party.household"]
            .with_context(lang="zh_CN")
            .with_user(self.user_head)
            .create({"name": "H chatter", "grid_id": self.g1.id})
        )
        message = household.message_ids[-1]
        self.assertEqual(message.author_id, self.user_head.partner_id)
        self.assertNotIn("Household or Grid Object", message.body)
        system = self.env.ref("party_grid.partner_system")
        logged = (
            self.env["party.household"]
            .sudo()
            .create({"name": "H system", "grid_id": self.g1.id})
        )
        self.assertEqual(logged.message_ids[-1].author_id, system)
        self.assertEqual(system.name, "系统")

    def test_system_assigns_activities_as_system(self):
        """A to-do that a scheduled job (the superuser) assigns on a record of
        the product says 系统 assigned it, not OdooBot; a person's stays theirs."""
        household = self.h_g1a.with_context(mail_notify_force_send=False)
        household.activity_schedule(
            "mail.mail_activity_data_todo", summary="S1", user_id=self.user_head.id
        )
        household.with_user(self.user_township).activity_schedule(
            "mail.mail_activity_data_todo", summary="S2", user_id=self.user_head.id
        )
        notices = self.env["mail.message"].search(
            [
                ("model", "=", "party.household"),
                ("res_id", "=", household.id),
                ("message_type", "=", "user_notification"),
            ],
            order="id",
        )
        self.assertEqual(len(notices), 2, notices.mapped("body"))
        self.assertIn("系统", notices[0].body)
        self.assertNotIn("OdooBot", notices[0].body)
        self.assertIn(self.user_township.name, notices[1].body)

    def test_month_labels_in_chinese(self):
        visit = self.env["party.visit"].create(
            {"household_id": self.h_g1a.id, "member_id": self.m_g1.id}
        )
        self.env["res.lang"]._activate_lang("zh_CN")
        groups = (
            self.env["party.visit"]
            .with_context(lang="zh_CN", tz="Asia/Shanghai")
            .read_group([("id", "=", visit.id)], ["date"], ["date:month"])
        )
        today = fields.Datetime.context_timestamp(
            visit.with_context(tz="Asia/Shanghai"), visit.date
        )
        self.assertEqual(groups[0]["date:month"], f"{today.year}年{today.month}月")
