# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo.tests import tagged
from odoo.tools import SQL

from .common import PartyGridCommon


def served_spec(model, view_type):
    """The fields specification the web client sends with ``web_search_read``
    for the view ``model`` serves to its user: every field of the arch, shown,
    optional or hidden (Odoo 18's list and kanban request them all)."""
    arch = model.get_views([(False, view_type)])["views"][view_type]["arch"]
    root = etree.fromstring(arch)
    spec = {}
    for node in root.iter("field"):
        # fields of inline sub-views are the sub-view's, not the list's
        if any(
            parent.tag in ("form", "list", "tree", "kanban") and parent is not root
            for parent in node.iterancestors()
        ):
            continue
        name = node.get("name")
        field = model._fields[name]
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub = {"display_name": {}}
            if "color" in model.env[field.comodel_name]._fields:
                sub["color"] = {}
            spec[name] = {"fields": sub}
        else:
            spec[name] = {}
    return spec


@tagged("post_install", "-at_install")
class TestScaleRules(PartyGridCommon):
    """The record rules of the high-volume models test literal id lists (the
    scope's subtrees, the user's member records), so that what they OR is one
    bitmap index scan per condition, and the worker's first page costs a fixed
    number of queries with the fields of the view the client is served."""

    def _plan(self, model, order=None):
        """The plan of the first page's query as the user runs it, with
        sequential scans discouraged (the test tables are tiny: the planner
        would scan them whatever the condition)."""
        query = model._search([], limit=80, order=order)
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        try:
            self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
            return "\n".join(row[0] for row in self.env.cr.fetchall())
        finally:
            self.env.cr.execute("SET LOCAL enable_seqscan = on")

    def test_rules_are_index_conditions(self):
        household = self.env["party.household"].with_user(self._worker_with_member())
        plan = self._plan(household)
        self.assertRegex(plan, r"Index Cond: \(grid_id = (ANY|\d)")
        self.assertRegex(plan, r"Index Cond: \(contact_member_id = (ANY|\d)")
        self.assertNotIn("SubPlan", plan)
        visit = self.env["party.visit"].with_user(self._worker_with_member())
        plan = self._plan(visit)
        self.assertRegex(plan, r"Index Cond: \(member_id = (ANY|\d)")
        self.assertRegex(plan, r"Index Cond: \(grid_id = (ANY|\d)")
        self.assertNotIn("SubPlan", plan)
        ticket = self.env["party.ticket"].with_user(self.user_worker)
        plan = self._plan(ticket)
        self.assertRegex(plan, r"Index Cond: \(grid_id = (ANY|\d)")
        self.assertRegex(plan, r"Index Cond: \(origin_grid_id = (ANY|\d)")
        self.assertRegex(plan, r"Index Cond: \(user_id = \d")
        self.assertNotIn("SubPlan", plan)

    def _worker_with_member(self):
        """A grid worker who is also the contact member of a household outside
        their grids: both rules apply."""
        if not self.m_v3.user_id:
            self.m_v3.user_id = self.user_worker
        return self.user_worker

    def test_worker_household_list_query_count(self):
        worker = self._worker_with_member()
        Household = self.env["party.household"].with_user(worker)
        spec = served_spec(Household, "list")
        self.assertIn("contact_member_id", spec)

        def first_page():
            return Household.web_search_read([], spec, limit=80)

        res = first_page()  # warm the rule and view caches
        # G1's two households, and V3's whose contact member is the worker's
        self.assertEqual(
            {r["id"] for r in res["records"]},
            {self.h_g1a.id, self.h_g1b.id, self.h_v3.id},
        )
        self.env.invalidate_all()
        # the served list's fields, at most 8 queries (issue 11); today 6
        with self.assertQueryCount(8):
            first_page()

    def test_subtree_follows_the_tree(self):
        """A grid created or moved below a scope changes the rules' id lists:
        the cached rules are dropped, and the new grid's households are seen."""
        Household = self.env["party.household"].with_user(self.user_worker)
        self.assertEqual(Household.search([("name", "=", "H new")]), Household)
        grid = self.env["party.grid"].create(
            {
                "name": "G1 sub",
                "parent_id": self.g1.id,
                "level_id": self.level_member.id,
            }
        )
        household = self.env["party.household"].create(
            {"name": "H new", "grid_id": grid.id}
        )
        self.assertEqual(Household.search([("name", "=", "H new")]), household)
        self.assertIn(grid, self.user_worker.party_grid_subtree_ids)
        # moved out of the worker's subtree: no longer seen
        grid.parent_id = self.v3
        self.assertEqual(Household.search([("name", "=", "H new")]), Household)
        self.assertNotIn(grid, self.user_worker.party_grid_subtree_ids)
        # an archived grid of the subtree stays in it, as child_of had it
        grid.parent_id = self.g1
        grid.active = False
        self.assertIn(grid, self.user_worker.party_grid_subtree_ids)
        self.assertEqual(Household.search([("name", "=", "H new")]), household)
