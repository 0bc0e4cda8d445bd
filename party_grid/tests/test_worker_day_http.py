# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The worker's start screen as the web client loads it: the home action
(/web/action/load) and the one call of the screen (party.grid.today), over
HTTP as the browser sends them, in at most 15 queries."""

import json

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWorkerDayHttp(HttpCase):
    def setUp(self):
        super().setUp()
        level = self.env["party.grid.level"].create(
            {"name": "Group", "code": "T_HTTP_GROUP", "sequence": 140}
        )
        self.grid = self.env["party.grid"].create(
            {"name": "G HTTP", "code": "T8", "level_id": level.id}
        )
        self.worker = new_test_user(
            self.env,
            "pg_t_http_worker",
            password="pg_t_http_worker",
            groups="party_grid.party_grid_group_worker",
            email=False,
        )
        self.env["party.grid.role"].create(
            {"grid_id": self.grid.id, "user_id": self.worker.id, "role": "full_time"}
        )
        alone = self.env.ref("party_grid.party_household_tag_elderly_alone")
        self.env["party.household"].create(
            [
                {
                    "name": f"H HTTP {index}",
                    "grid_id": self.grid.id,
                    "phone": f"1380000{index:04d}",
                    "tag_ids": [Command.set(alone.ids)] if index % 2 else [],
                }
                for index in range(20)
            ]
        )

    def _rpc(self, route, params):
        response = self.url_open(
            route,
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": params}),
            headers={"Content-Type": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return body["result"]

    def _load_screen(self):
        action = self._rpc("/web/action/load", {"action_id": self.worker.action_id.id})
        self.assertEqual(action["tag"], "party_grid_today")
        return self._rpc(
            "/web/dataset/call_kw/party.grid.today/get_screen",
            {
                "model": "party.grid.today",
                "method": "get_screen",
                "args": [action["params"]["screen"]],
                "kwargs": {"context": {"lang": "zh_CN", "tz": "Asia/Shanghai"}},
            },
        )

    def test_start_screen_queries(self):
        self.authenticate("pg_t_http_worker", "pg_t_http_worker")
        self._load_screen()  # a server's warm caches (rules, views, settings)
        with self.assertQueryCount(15):
            screen = self._load_screen()
        must = next(s for s in screen["sections"] if s["key"] == "must_visit")
        self.assertEqual(must["count"], 10)
