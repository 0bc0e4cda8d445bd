# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    PartyGridCommon,
)


@tagged("post_install", "-at_install")
class TestHomeDashboard(PartyGridCommon):
    """With this addon installed, township, county and instructors land on
    the leader dashboard: their home action stays party_grid's figures
    (a server action), which answers with the dashboard's client action."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.figures = cls.env.ref("party_grid.party_grid_action_home_figures")
        cls.dashboard_action = cls.env.ref(
            "party_grid_reports.party_leader_dashboard_action"
        )
        cls.dashboard = cls.env.ref(
            "party_grid_reports.spreadsheet_dashboard_party_leader"
        )

    def _home(self, user):
        user.invalidate_recordset(["action_id"])
        return user.action_id

    def _assert_lands_on_the_dashboard(self, user):
        self.assertEqual(self._home(user).id, self.figures.id, user.login)
        action = self.figures.with_user(user).run()
        self.assertEqual(action["type"], "ir.actions.client", user.login)
        self.assertEqual(action["tag"], "action_spreadsheet_dashboard")
        self.assertEqual(action["id"], self.dashboard_action.id)
        self.assertEqual(action["params"]["dashboard_id"], self.dashboard.id)
        # a dashboard the user may open
        self.assertEqual(
            self.env["spreadsheet.dashboard"]
            .with_user(user)
            .search([("id", "=", self.dashboard.id)]),
            self.dashboard,
            user.login,
        )

    def test_home_action_per_role(self):
        for user in (self.user_township, self.user_county, self.user_instructor):
            self._assert_lands_on_the_dashboard(user)
        # the village roles keep their own start screens
        self.assertEqual(
            self._home(self.user_worker).id,
            self.env.ref("party_grid.party_grid_action_today").id,
        )
        self.assertEqual(
            self._home(self.user_head).id,
            self.env.ref("party_grid.party_grid_action_today_head").id,
        )

    def test_home_action_of_the_demo_users(self):
        """leader/leader (county) and township/township."""
        for xmlid in ("party_grid.pg_leader_demo", "party_grid.pg_township_demo"):
            user = self.env.ref(xmlid, raise_if_not_found=False)
            if not user:
                self.skipTest("needs the demo data")
            self._assert_lands_on_the_dashboard(user)
