# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures of a grid's subtree (sub-grids, members, households and their
coverage, this month's contact duty, activity attendance): computed for a
batch of grids in a fixed number of grouped queries, summed up the tree by
PostgreSQL."""

from collections import Counter, defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .party_member import PARTY_MEMBER_STATUSES
from .party_visit import duty_month_start, duty_today


class PartyGrid(models.Model):
    _inherit = "party.grid"

    child_count = fields.Integer(compute="_compute_counts", string="Sub-grid Count")
    member_count = fields.Integer(
        compute="_compute_counts",
    )
    household_count = fields.Integer(
        compute="_compute_counts",
    )
    covered_household_count = fields.Integer(
        compute="_compute_counts",
        string="Covered Households",
        help="Households of the subtree that have a contact party member.",
    )
    coverage_rate = fields.Float(
        compute="_compute_counts",
        string="Coverage (%)",
        digits=(16, 1),
        help="Share of the subtree's households that have a contact party member.",
    )
    duty_household_count = fields.Integer(
        compute="_compute_duty",
        string="Households Due",
        help="Households of the subtree that have a contact member and must be "
        "contacted this month.",
    )
    duty_contacted_count = fields.Integer(
        compute="_compute_duty",
        string="Households Contacted",
        help="Households of the subtree contacted by their contact member as often "
        "as required this month.",
    )
    duty_uncontacted_count = fields.Integer(
        compute="_compute_duty",
        string="Not Yet Contacted",
        help="Households of the subtree not yet contacted as often as required "
        "this month.",
    )
    duty_contact_rate = fields.Float(
        compute="_compute_duty",
        string="Contact Rate (%)",
        digits=(16, 1),
        help="Share of the subtree's linked households contacted as required this "
        "month.",
    )
    activity_expected_count = fields.Integer(
        compute="_compute_attendance",
        string="Attendance Expected",
        help="Attendance lines of the party activities of the subtree.",
    )
    activity_attendance_rate = fields.Float(
        compute="_compute_attendance",
        string="Attendance Rate (%)",
        digits=(16, 1),
        help="Share of the attendance lines of the subtree's party activities "
        "marked present.",
    )

    # the reader's record rules decide what is counted: not shared with
    # another user, or with sudo, in the same transaction
    @api.depends_context("uid")
    def _compute_counts(self):
        """Subtree counts of a batch of grids in a fixed number of queries,
        summed up the tree by PostgreSQL: one grouped query per source (the
        grids and the party members the reader's record rules let through, the
        households' monthly roll-up), each row added to the grids of its
        ``parent_path`` that are in the batch, a row per grid of the batch."""
        ids = sorted(set(self._origin.ids))
        children = members = households = {}
        if ids:
            children = self._subtree_grid_counts(ids)
            members = self._subtree_member_counts(ids)
            # the households and those with a contact member, from the
            # monthly roll-up (a row per grid instead of every household)
            households = self.env["party.grid.duty.month"]._household_counts(
                self._origin
            )
        for grid in self:
            grid_id = grid._origin.id
            household, covered = households.get(grid_id, (0, 0))
            grid.child_count = children.get(grid_id, 0)
            grid.member_count = members.get(grid_id, 0)
            grid.household_count = household
            grid.covered_household_count = covered
            grid.coverage_rate = 100.0 * covered / household if household else 0.0

    def _subtree_grid_counts(self, ids):
        """{grid id: its descendants} for the grids ``ids``, counting the
        grids the reader may read (record rules, ``active_test``), as a
        ``search`` of ``child_of`` has them. One grouped query."""
        query = self._search([("id", "child_of", ids)])
        rows = query.subselect(
            self._field_to_sql(query.table, "id", query),
            self._field_to_sql(query.table, "parent_path", query),
        )
        return dict(
            self.env.execute_query(
                SQL(
                    """SELECT a.id, count(*)
                         FROM %(rows)s AS d (id, parent_path)
                        CROSS JOIN LATERAL unnest(string_to_array(
                              rtrim(d.parent_path, '/'), '/')::int[]) AS a (id)
                        WHERE a.id = ANY(%(ids)s) AND a.id <> d.id
                        GROUP BY a.id""",
                    rows=rows,
                    ids=ids,
                )
            )
        )

    def _subtree_member_counts(self, ids):
        """{grid id: party members of its subtree} for the grids ``ids``:
        full and probationary members (activists and applicants are
        registered but not counted; seed 000: 85 members) that the reader may
        read, as ``_read_group`` has them. One grouped query: the members
        grouped by grid, then the grids' counts summed up their paths."""
        Member = self.env["party.member"]
        query = Member._search(
            [
                ("grid_id", "child_of", ids),
                ("status", "in", PARTY_MEMBER_STATUSES),
            ]
        )
        grid_sql = Member._field_to_sql(query.table, "grid_id", query)
        query.groupby = grid_sql
        rows = query.select(grid_sql, SQL("count(*)"))
        return {grid_id: n for grid_id, n in self._sum_up_the_tree(rows, ids, sums=1)}

    @api.model
    def _sum_up_the_tree(self, rows, ids, keys=0, sums=1):
        """[(grid id, *keys, *sums)] for the grids ``ids``: ``rows`` (an SQL
        select of a grid id, ``keys`` grouping values and ``sums`` numbers)
        added up the tree, each row to the grids of its grid's path that are
        in ``ids`` (itself included). One query, one row per grid and key."""
        key_cols = [SQL.identifier(f"k{i}") for i in range(keys)]
        sum_cols = [SQL.identifier(f"s{i}") for i in range(sums)]
        self.flush_model(["parent_path"])
        return self.env.execute_query(
            SQL(
                """SELECT a.id%(keys)s%(sums)s
                     FROM (%(rows)s) AS m (grid_id%(cols)s)
                     JOIN party_grid g ON g.id = m.grid_id
                    CROSS JOIN LATERAL unnest(string_to_array(
                          rtrim(g.parent_path, '/'), '/')::int[]) AS a (id)
                    WHERE a.id = ANY(%(ids)s)
                    GROUP BY a.id%(keys)s""",
                rows=rows,
                ids=list(ids),
                keys=SQL("").join(SQL(", m.%s", col) for col in key_cols),
                sums=SQL("").join(SQL(", sum(m.%s)::int", col) for col in sum_cols),
                cols=SQL("").join(SQL(", %s", col) for col in key_cols + sum_cols),
            )
        )

    def _compute_duty(self):
        """Monthly contact duty of the subtrees of a batch of grids, from the
        monthly roll-up kept by the visits and households themselves
        (party.grid.duty.month): one grouped query over a few rows per grid,
        whatever the number of households and visits."""
        month = duty_month_start(duty_today())
        figures = self.env["party.grid.duty.month"]._subtree_figures(
            self._origin.ids, month
        )
        for grid in self:
            due, contacted = figures.get(grid._origin.id, (0, 0))
            grid.duty_household_count = due
            grid.duty_uncontacted_count = due - contacted
            grid.duty_contacted_count = contacted
            grid.duty_contact_rate = 100.0 * contacted / due if due else 0.0

    # the reader's record rules decide what is counted: not shared with
    # another user, or with sudo, in the same transaction
    @api.depends_context("uid")
    def _compute_attendance(self):
        """Attendance of the party activities of the subtrees of a batch of
        grids, under the reader's record rules, in one grouped query summed up
        the tree by PostgreSQL."""
        ids = sorted(set(self._origin.ids))
        counts = defaultdict(Counter)
        if ids:
            Attendance = self.env["party.activity.attendance"]
            query = Attendance._search([("grid_id", "child_of", ids)])
            grid_sql = Attendance._field_to_sql(query.table, "grid_id", query)
            state_sql = Attendance._field_to_sql(query.table, "state", query)
            query.groupby = SQL("%s, %s", grid_sql, state_sql)
            rows = query.select(grid_sql, state_sql, SQL("count(*)"))
            for grid_id, state, count in self._sum_up_the_tree(rows, ids, keys=1):
                counts[grid_id]["expected"] += count
                counts[grid_id][state] += count
        for grid in self:
            count = counts[grid._origin.id]
            grid.activity_expected_count = count["expected"]
            grid.activity_attendance_rate = (
                100.0 * count["present"] / count["expected"]
                if count["expected"]
                else 0.0
            )
