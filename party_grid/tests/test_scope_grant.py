# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError

from .common import PartyGridCommon


class TestScopeGrant(PartyGridCommon):
    """A grid head may not grant themselves (or anyone) grids outside the
    scope they had before the write; acted out as RPC would, with_user and
    no context keys, checking that nothing was saved."""

    def _scope(self, user):
        user.invalidate_recordset(["party_grid_scope_ids"])
        return user.sudo().party_grid_scope_ids

    def test_role_on_county_refused(self):
        before = self._scope(self.user_head)
        Role = self.env["party.grid.role"].with_user(self.user_head)
        with self.assertRaises(AccessError):
            Role.create(
                {
                    "grid_id": self.county.id,
                    "user_id": self.user_head.id,
                    "role": "full_time",
                }
            )
        self.assertFalse(
            self.env["party.grid.role"].search(
                [("grid_id", "=", self.county.id), ("user_id", "=", self.user_head.id)]
            )
        )
        self.assertEqual(self._scope(self.user_head), before)

    def test_role_moved_to_county_refused(self):
        role = (
            self.env["party.grid.role"]
            .with_user(self.user_head)
            .create({"grid_id": self.g1.id, "user_id": self.user_head.id})
        )
        with self.assertRaises(AccessError):
            role.write({"grid_id": self.county.id})
        role.invalidate_recordset()
        self.assertEqual(role.sudo().grid_id, self.g1)

    def test_role_for_member_of_other_township_refused(self):
        with self.assertRaises(AccessError):
            self.env["party.grid.role"].with_user(self.user_head).create(
                {"grid_id": self.g1.id, "member_id": self.m_v3.id}
            )
        self.assertFalse(
            self.env["party.grid.role"].search([("member_id", "=", self.m_v3.id)])
        )

    def test_grid_outside_scope_refused(self):
        Grid = self.env["party.grid"].with_user(self.user_head)
        count = self.env["party.grid"].search_count([])
        with self.assertRaises(AccessError):
            Grid.create(
                {
                    "name": "Mine",
                    "parent_id": self.t2.id,
                    "level_id": self.level_village.id,
                    "head_id": self.user_head.id,
                }
            )
        with self.assertRaises(AccessError):
            Grid.create(
                {
                    "name": "New root",
                    "level_id": self.level_county.id,
                    "head_id": self.user_head.id,
                }
            )
        self.assertEqual(self.env["party.grid"].search_count([]), count)
        self.assertNotIn(self.t2, self._scope(self.user_head))

    def test_grid_moved_out_of_scope_refused(self):
        with self.assertRaises(AccessError):
            self.g1.with_user(self.user_head).write({"parent_id": self.v3.id})
        self.g1.invalidate_recordset()
        self.assertEqual(self.g1.parent_id, self.v1)

    def test_grid_within_scope_allowed(self):
        grid = (
            self.env["party.grid"]
            .with_user(self.user_head)
            .create(
                {
                    "name": "New group",
                    "parent_id": self.v1.id,
                    "level_id": self.level_group.id,
                    "head_id": self.user_worker.id,
                }
            )
        )
        self.assertEqual(grid.parent_id, self.v1)
        self.assertIn(grid, self._scope(self.user_worker))

    def test_extra_grids_not_self_granted(self):
        with self.assertRaises(AccessError):
            self.user_head.with_user(self.user_head).write(
                {"party_grid_extra_ids": [Command.link(self.county.id)]}
            )
        self.assertFalse(self.user_head.party_grid_extra_ids)
