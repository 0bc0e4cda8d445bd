# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from unittest.mock import patch

from odoo.modules.registry import Registry
from odoo.tests import tagged

from .common import PartyGridCommon


@tagged("post_install", "-at_install")
class TestScopeCache(PartyGridCommon):
    """The record rules are cached with each user's scope; a write drops the
    caches (in every worker process) only when it really changes a scope."""

    def _clears(self, func):
        with patch.object(Registry, "clear_cache", autospec=True) as clear:
            func()
        return clear.called

    def test_only_scope_changes_clear_the_caches(self):
        role = self.env["party.grid.role"].search(
            [("user_id", "=", self.user_worker.id)], limit=1
        )
        self.assertTrue(role)
        self.assertFalse(self._clears(lambda: role.write({"note": "夜班"})))
        self.assertFalse(self._clears(lambda: self.g1.write({"station_phone": "110"})))
        self.assertFalse(
            self._clears(lambda: self.v1.write({"head_id": self.user_head.id}))
        )
        self.assertFalse(
            self._clears(lambda: self.m_g1.write({"user_id": self.m_g1.user_id.id}))
        )
        # the changes that move a scope do
        self.assertTrue(self._clears(lambda: role.write({"grid_id": self.g2.id})))
        self.assertIn(self.g2, self.user_worker.party_grid_scope_ids)
        self.assertTrue(
            self._clears(lambda: self.v3.write({"head_id": self.user_head.id}))
        )
        self.assertIn(self.v3, self.user_head.party_grid_scope_ids)
        self.assertTrue(
            self._clears(lambda: self.m_g1.write({"user_id": self.user_outsider.id}))
        )
