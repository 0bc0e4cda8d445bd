# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL

from ..models.party_grid_duty_month import DUTY_HISTORY_MONTHS, duty_window
from ..models.party_visit import (
    DEFAULT_CONTACTS,
    DEFAULT_CONTACTS_MUST_VISIT,
    DUTY_TZ,
    PARAM_CONTACTS,
    PARAM_CONTACTS_MUST_VISIT,
)

# months shown by the report, the current one included
REPORT_MONTHS = DUTY_HISTORY_MONTHS

# the grouped figures that the monthly roll-up (party.grid.duty.month) holds:
# per grid and month, the households due and those contacted as required
ROLLUP_FIELDS = ("grid_id", "month")
ROLLUP_AGGREGATES = {
    "__count",
    "due_count:sum",
    "contacted_count:sum",
    "uncontacted_count:sum",
    "contact_rate:avg",
}


class PartyVisitDutyReport(models.Model):
    """One row per month and household with a contact member: whether the
    contact member contacted it as often as required that month."""

    _name = "party.visit.duty.report"
    _description = "Monthly Contact Duty Report"
    _auto = False
    _order = "month desc, grid_id"
    _rec_name = "household_id"

    month = fields.Date(readonly=True)
    grid_id = fields.Many2one("party.grid", readonly=True)
    household_id = fields.Many2one(
        "party.household", string="Household or Object", readonly=True
    )
    member_id = fields.Many2one("party.member", string="Contact Member", readonly=True)
    must_visit = fields.Boolean(readonly=True)
    due_count = fields.Integer(string="Households Due", readonly=True)
    contact_count = fields.Integer(
        string="Contacts", readonly=True, help="Contacts by the contact member."
    )
    contacted_count = fields.Integer(string="Households Contacted", readonly=True)
    uncontacted_count = fields.Integer(string="Not Yet Contacted", readonly=True)
    contact_rate = fields.Float(
        string="Contact Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Share of the households contacted as often as required.",
    )

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        """The figures per grid and month (the pivot, the graph, the
        dashboard's trend) from the monthly roll-up: a few rows per grid and
        month of the subtree asked for, whatever the number of households and
        visits. Any other grouping, measure or filter (a member, must-visit,
        not contacted) counts the household-month rows of the view."""
        rollup_domain = self._rollup_domain(domain, groupby, aggregates, having, order)
        if rollup_domain is None:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        self.browse().check_access("read")
        # sudo: the roll-up is not a record users browse; the report's own
        # record rules are in the domain (_rollup_domain)
        rows = (
            self.env["party.grid.duty.month"]
            .sudo()
            ._read_group(
                rollup_domain,
                groupby,
                ["due_count:sum", "contacted_count:sum"],
                offset=offset,
                limit=limit,
                order=order,
            )
        )
        grid_ids = {
            value.id
            for row in rows
            for value in row[: len(groupby)]
            if isinstance(value, models.BaseModel) and value
        }
        grids = self.env["party.grid"].browse(sorted(grid_ids))
        result = []
        for *groups, due, contacted in rows:
            groups = [
                grids.browse(value.ids).with_prefetch(grids._prefetch_ids)
                if isinstance(value, models.BaseModel)
                else value
                for value in groups
            ]
            figures = {
                "__count": due or 0,
                "due_count:sum": due,
                "contacted_count:sum": contacted,
                "uncontacted_count:sum": None if due is None else due - contacted,
                "contact_rate:avg": 100.0 * contacted / due if due else None,
            }
            result.append((*groups, *(figures[spec] for spec in aggregates)))
        return result

    @api.model
    def _rollup_domain(self, domain, groupby, aggregates, having, order):
        """The domain on party.grid.duty.month that gives the same grouped
        figures as the view's household-month rows, or None when the request
        needs the rows themselves. The report's record rules (the user's
        subtrees) are added here since the roll-up is read as superuser."""
        if having or not set(aggregates) <= ROLLUP_AGGREGATES:
            return None
        if any(spec.split(":")[0] not in ROLLUP_FIELDS for spec in groupby):
            return None
        for term in (order or "").split(","):
            if term.strip() and term.split()[0] not in groupby:
                return None
        rules = (
            []
            if self.env.su
            else self.env["ir.rule"]._compute_domain(self._name, "read")
        )
        domains = [self._grids_as_ids(domain), self._grids_as_ids(rules)]
        for dom in domains:
            for leaf in dom:
                if not expression.is_leaf(leaf) or tuple(leaf) in (
                    expression.TRUE_LEAF,
                    expression.FALSE_LEAF,
                ):
                    continue
                if leaf[0] not in ROLLUP_FIELDS:
                    return None
        first, last = duty_window()
        return expression.AND(
            [
                [("month", ">=", first), ("month", "<=", last), ("due_count", ">", 0)],
                *domains,
            ]
        )

    @api.model
    def _search(self, domain, *args, **kwargs):
        return super()._search(self._grids_as_ids(domain), *args, **kwargs)

    @api.model
    def _grids_as_ids(self, domain):
        """``grid_id child_of X`` as the list of the subtree's grid ids: a
        list reaches the households scanned by the view (a subquery would be
        joined after every household of the county is computed)."""
        result = []
        for leaf in expression.normalize_domain(domain or []):
            if (
                isinstance(leaf, (list, tuple))
                and len(leaf) == 3
                and leaf[0] == "grid_id"
                and leaf[1] == "child_of"
            ):
                # sudo: only the ids of the subtree, to filter rows that the
                # report's own record rules restrict in any case
                grids = (
                    self.env["party.grid"]
                    .sudo()
                    .with_context(active_test=False)
                    .search([("id", "child_of", leaf[2])])
                )
                leaf = ("grid_id", "in", grids.ids)
            result.append(leaf)
        return result

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """CREATE OR REPLACE VIEW %(view)s AS (
  WITH params AS (
    SELECT COALESCE((SELECT value::int FROM ir_config_parameter
                      WHERE key = %(key)s AND value ~ '^[0-9]+$'), %(default)s)
             AS required,
           COALESCE((SELECT value::int FROM ir_config_parameter
                      WHERE key = %(key_must)s AND value ~ '^[0-9]+$'),
                    %(default_must)s) AS required_must
  ), months AS (
    SELECT month::date AS month,
           (month AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS start_utc,
           ((month + interval '1 month') AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
             AS stop_utc
      FROM generate_series(
             date_trunc('month', now() AT TIME ZONE %(tz)s)
               - make_interval(months => %(months)s - 1),
             date_trunc('month', now() AT TIME ZONE %(tz)s),
             interval '1 month') AS month
  )
  -- no window function and no aggregate over all visits: a filter on the
  -- month and the grids reaches the households and months scanned, and each
  -- household-month counts its contact member's visits on the visit index
  -- (household_id, member_id, date)
  SELECT h.id::bigint * 100000
           + (extract(year FROM m.month) * 12 + extract(month FROM m.month))::bigint
           AS id,
         m.month, h.grid_id, h.id AS household_id,
         h.contact_member_id AS member_id, h.must_visit,
         1 AS due_count,
         c.n AS contact_count,
         CASE WHEN c.n >= needed.n THEN 1 ELSE 0 END AS contacted_count,
         CASE WHEN c.n >= needed.n THEN 0 ELSE 1 END AS uncontacted_count,
         CASE WHEN c.n >= needed.n THEN 100.0 ELSE 0.0 END AS contact_rate
    FROM party_household h
    CROSS JOIN months m
    CROSS JOIN params p
    CROSS JOIN LATERAL (SELECT CASE WHEN h.must_visit THEN p.required_must
                                    ELSE p.required END AS n) needed
    CROSS JOIN LATERAL (
      SELECT count(*) AS n FROM party_visit v
       WHERE v.household_id = h.id
         AND v.member_id = h.contact_member_id
         AND v.date >= m.start_utc AND v.date < m.stop_utc) c
   WHERE h.active AND h.contact_member_id IS NOT NULL
)""",
                view=SQL.identifier(self._table),
                key=PARAM_CONTACTS,
                key_must=PARAM_CONTACTS_MUST_VISIT,
                default=DEFAULT_CONTACTS,
                default_must=DEFAULT_CONTACTS_MUST_VISIT,
                tz=DUTY_TZ,
                months=REPORT_MONTHS,
            )
        )
