# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PartyGridCommon, make_id_number


@tagged("post_install", "-at_install")
class TestSecurity(PartyGridCommon):
    def _visible(self, user, model, domain=None):
        return self.env[model].with_user(user).search(domain or [])

    def _household_groups(self, user):
        groups = (
            self.env["party.household"]
            .with_user(user)
            ._read_group([], ["grid_id"], ["__count"])
        )
        return {grid.id: count for grid, count in groups}

    def test_worker(self):
        user = self.user_worker
        self.assertEqual(user.party_grid_scope_ids, self.g1)
        self.assertEqual(self._visible(user, "party.grid"), self.g1)
        self.assertEqual(self._visible(user, "party.member"), self.m_g1)
        self.assertEqual(
            self._visible(user, "party.household"), self.h_g1a | self.h_g1b
        )
        self.assertEqual(self._household_groups(user), {self.g1.id: 2})
        self.assertEqual(
            self.env["party.household"].with_user(user).search_count([]), 2
        )
        read_group = (
            self.env["party.member"]
            .with_user(user)
            .read_group([], ["grid_id"], ["grid_id"])
        )
        self.assertEqual([g["grid_id_count"] for g in read_group], [1])
        for record in (self.h_g2, self.m_g2, self.g2, self.v1):
            with self.assertRaises(AccessError):
                record.with_user(user).read(["display_name"])
        # households of the grid: create and write, never delete
        Household = self.env["party.household"].with_user(user)
        new = Household.create(
            {"name": "New", "grid_id": self.g1.id, "contact_member_id": self.m_g1.id}
        )
        new.residents_count = 3
        self.h_g1b.with_user(user).write(
            {"contact_member_id": self.m_g1.id, "contact_reason": "near"}
        )
        self.assertEqual(self.h_g1b.contact_member_id, self.m_g1)
        with self.assertRaises(AccessError):
            Household.create({"name": "Elsewhere", "grid_id": self.g2.id})
        with self.assertRaises(AccessError):
            self.h_g2.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            new.unlink()
        # moving a household out of the grid is refused
        with self.assertRaises(AccessError):
            self.h_g1b.with_user(user).write(
                {"grid_id": self.g2.id, "contact_member_id": False}
            )
        # grids and members are read-only
        with self.assertRaises(AccessError):
            self.g1.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.m_g1.with_user(user).write({"status": "activist"})
        with self.assertRaises(AccessError):
            self.env["party.member"].with_user(user).create(
                {"name": "x", "grid_id": self.g1.id}
            )
        with self.assertRaises(AccessError):
            self.env["party.grid"].with_user(user).create(
                {"name": "x", "parent_id": self.g1.id, "level_id": self.level_group.id}
            )

    def test_head(self):
        user = self.user_head
        self.assertEqual(self._visible(user, "party.grid"), self.v1 | self.g1 | self.g2)
        self.assertEqual(
            self._visible(user, "party.member"), self.m_v1 | self.m_g1 | self.m_g2
        )
        self.assertEqual(self._household_groups(user), {self.g1.id: 2, self.g2.id: 1})
        Grid = self.env["party.grid"].with_user(user)
        sub = Grid.create(
            {"name": "G1-1", "parent_id": self.g1.id, "level_id": self.level_member.id}
        )
        self.assertEqual(sub.code, "T901010101")
        self.g2.with_user(user).write({"name": "G2 renamed", "station_phone": "123"})
        with self.assertRaises(AccessError):
            Grid.create(
                {"name": "x", "parent_id": self.v3.id, "level_id": self.level_group.id}
            )
        with self.assertRaises(AccessError):
            self.g2.with_user(user).write({"parent_id": self.v3.id})
        with self.assertRaises(AccessError):
            self.v3.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.g2.with_user(user).unlink()
        Member = self.env["party.member"].with_user(user)
        member = Member.create(
            {
                "name": "New member",
                "grid_id": self.g2.id,
                "id_number": make_id_number(77),
            }
        )
        member.status = "probationary"
        self.assertEqual(len(member.status_history_ids), 1)
        with self.assertRaises(AccessError):
            Member.create({"name": "x", "grid_id": self.v3.id})
        with self.assertRaises(AccessError):
            self.m_v3.with_user(user).write({"phone": "1"})
        role = (
            self.env["party.grid.role"]
            .with_user(user)
            .create(
                {"grid_id": self.g2.id, "member_id": member.id, "role": "volunteer"}
            )
        )
        role.unlink()
        with self.assertRaises(AccessError):
            self.env["party.grid.role"].with_user(user).create(
                {"grid_id": self.v3.id, "member_id": self.m_v3.id, "role": "volunteer"}
            )
        with self.assertRaises(AccessError):
            member.unlink()
        with self.assertRaises(AccessError):
            self.env["party.grid.level"].with_user(user).create(
                {"name": "x", "code": "x"}
            )

    def test_township(self):
        user = self.user_township
        self.assertEqual(
            self._visible(user, "party.grid"),
            self.t1 | self.v1 | self.v2 | self.g1 | self.g2,
        )
        self.assertEqual(self._household_groups(user), {self.g1.id: 2, self.g2.id: 1})
        self.env["party.grid"].with_user(user).create(
            {"name": "V4", "parent_id": self.t1.id, "level_id": self.level_village.id}
        )
        self.env["party.household"].with_user(user).create(
            {"name": "x", "grid_id": self.v2.id}
        )
        with self.assertRaises(AccessError):
            self.v3.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.h_v3.with_user(user).read(["name"])

    def test_county(self):
        user = self.user_county
        Household = self.env["party.household"]
        self.assertEqual(
            Household.with_user(user).search_count([]), Household.search_count([])
        )
        self.assertEqual(
            self.env["party.member"].with_user(user).search_count([]),
            self.env["party.member"].search_count([]),
        )
        groups = self._household_groups(user)
        self.assertEqual(groups[self.v3.id], 1)
        self.assertEqual(self.h_v3.with_user(user).contact_member_id.name, "Member V3")
        with self.assertRaises(AccessError):
            self.v3.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.h_v3.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["party.member"].with_user(user).create(
                {"name": "x", "grid_id": self.v3.id}
            )

    def test_instructor(self):
        user = self.user_instructor
        self.assertEqual(self._visible(user, "party.grid"), self.v3 | self.g3)
        self.assertEqual(self._visible(user, "party.member"), self.m_v3)
        self.assertEqual(self._household_groups(user), {self.v3.id: 1})
        with self.assertRaises(AccessError):
            self.h_v3.with_user(user).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["party.household"].with_user(user).create(
                {"name": "x", "grid_id": self.v3.id}
            )
        with self.assertRaises(AccessError):
            self.m_v3.with_user(user).write({"phone": "1"})
        with self.assertRaises(AccessError):
            self.h_g1a.with_user(user).read(["name"])

    def test_manager(self):
        user = self.user_manager
        self.v3.with_user(user).write({"name": "V3 renamed"})
        self.env["party.grid.level"].with_user(user).create(
            {"name": "Level", "code": "T_X", "sequence": 200}
        )
        self.env["party.household.tag"].with_user(user).create(
            {"name": "Tag", "code": "t_x"}
        )
        empty = (
            self.env["party.grid"]
            .with_user(user)
            .create(
                {
                    "name": "Empty",
                    "parent_id": self.v2.id,
                    "level_id": self.level_group.id,
                }
            )
        )
        empty.unlink()
        household = (
            self.env["party.household"]
            .with_user(user)
            .create({"name": "x", "grid_id": self.v3.id})
        )
        household.unlink()
        with self.assertRaises(UserError):
            self.v3.with_user(user).unlink()

    def test_outsider_sees_nothing(self):
        user = self.user_outsider
        self.assertFalse(user.party_grid_scope_ids)
        for model in (
            "party.grid",
            "party.member",
            "party.household",
            "party.grid.role",
        ):
            self.assertEqual(self.env[model].with_user(user).search_count([]), 0)
        self.assertEqual(self._household_groups(user), {})

    def test_scope_changes_apply_at_once(self):
        user = self.user_outsider
        Household = self.env["party.household"].with_user(user)
        self.assertFalse(Household.search([]))
        # a role line
        role = self.env["party.grid.role"].create(
            {"grid_id": self.g2.id, "user_id": user.id, "role": "volunteer"}
        )
        self.assertEqual(Household.search([]), self.h_g2)
        # head of a grid
        self.v3.head_id = user
        self.assertEqual(Household.search([]), self.h_g2 | self.h_v3)
        # deputy and instructor
        self.v3.head_id = False
        self.assertEqual(Household.search([]), self.h_g2)
        self.g1.deputy_ids = [Command.link(user.id)]
        self.assertEqual(Household.search([]), self.h_g2 | self.h_g1a | self.h_g1b)
        self.g1.deputy_ids = [Command.unlink(user.id)]
        # explicit list
        user.party_grid_extra_ids = self.t2
        self.assertEqual(Household.search([]), self.h_g2 | self.h_v3)
        self.assertEqual(user.party_grid_scope_ids, self.g2 | self.t2)
        # removing the role
        role.unlink()
        self.assertEqual(Household.search([]), self.h_v3)
        # moving a role to another grid
        role = self.env["party.grid.role"].create(
            {"grid_id": self.g2.id, "user_id": user.id}
        )
        role.grid_id = self.g1
        self.assertEqual(Household.search([]), self.h_v3 | self.h_g1a | self.h_g1b)
        # archiving a grid removes it from the scope
        user.party_grid_extra_ids = False
        self.g1.action_archive()
        self.assertFalse(Household.search([]))

    def test_lines_follow_grid_scope(self):
        role_v3 = self.env["party.grid.role"].create(
            {"grid_id": self.v3.id, "member_id": self.m_v3.id, "role": "mediator"}
        )
        self.m_v3.status = "probationary"
        self.m_g1.status = "activist"
        for user, visible in (
            (self.user_worker, False),
            (self.user_head, False),
            (self.user_instructor, True),
            (self.user_county, True),
        ):
            roles = self.env["party.grid.role"].with_user(user).search([])
            self.assertEqual(role_v3 in roles, visible, user.login)
            history = (
                self.env["party.member.status.history"]
                .with_user(user)
                .search([("member_id", "=", self.m_v3.id)])
            )
            self.assertEqual(bool(history), visible, user.login)
        history = self.env["party.member.status.history"].with_user(self.user_worker)
        self.assertEqual(history.search([]).member_id, self.m_g1)
        with self.assertRaises(AccessError):
            self.m_v3.status_history_ids.with_user(self.user_head).read(["date"])
        with self.assertRaises(AccessError):
            self.env["party.grid.duty"].with_user(self.user_head).create(
                {"grid_id": self.v3.id, "partner_id": self.m_v3.partner_id.id}
            )
        self.env["party.grid.duty"].with_user(self.user_head).create(
            {"grid_id": self.v1.id, "partner_id": self.m_v1.partner_id.id}
        )

    def test_roll_up_and_calendar_are_kept_by_the_server(self):
        """The monthly duty roll-up is written only by the product's own hooks
        and jobs, the holiday calendar only by an administrator: every role
        that tries through RPC is refused and nothing changes."""
        self.env["party.visit"].create(
            {"household_id": self.h_g1a.id, "member_id": self.m_g1.id}
        )
        DutyMonth = self.env["party.grid.duty.month"]
        row = DutyMonth.search([("grid_id", "=", self.g1.id)], limit=1)
        self.assertTrue(row)
        before = row.read(["due_count", "contacted_count"])
        Day = self.env["party.calendar.day"]
        day = Day.search([], limit=1)
        self.assertTrue(day)
        day_name = day.name
        days = Day.search_count([])
        for user in (
            self.user_worker,
            self.user_head,
            self.user_township,
            self.user_county,
            self.user_instructor,
            self.user_manager,
        ):
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).write({"contacted_count": 999})
            with self.assertRaises(AccessError, msg=user.login):
                DutyMonth.with_user(user).create(
                    {"grid_id": self.g2.id, "month": "2020-01-01"}
                )
            with self.assertRaises(AccessError, msg=user.login):
                row.with_user(user).unlink()
            if user == self.user_manager:
                continue
            with self.assertRaises(AccessError, msg=user.login):
                day.with_user(user).write({"name": "forged"})
            with self.assertRaises(AccessError, msg=user.login):
                Day.with_user(user).create({"date": "2020-05-04", "name": "forged"})
            with self.assertRaises(AccessError, msg=user.login):
                day.with_user(user).unlink()
        self.env.invalidate_all()
        self.assertEqual(row.read(["due_count", "contacted_count"]), before)
        self.assertFalse(DutyMonth.search([("month", "=", "2020-01-01")]))
        self.assertEqual((day.name, Day.search_count([])), (day_name, days))
