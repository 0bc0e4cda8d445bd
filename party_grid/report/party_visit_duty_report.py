# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL

from ..models.party_visit import (
    DEFAULT_CONTACTS,
    DEFAULT_CONTACTS_MUST_VISIT,
    DUTY_TZ,
    PARAM_CONTACTS,
    PARAM_CONTACTS_MUST_VISIT,
)

# months shown by the report, the current one included
REPORT_MONTHS = 24


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
