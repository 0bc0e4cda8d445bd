# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The monthly roll-up of the contact duty per grid: for each grid and month,
the linked households and how many of them their contact member contacted as
often as required. Kept by the writes themselves (visits, households, tags,
the settings) and completed by a scheduled job at the start of each month, so
that the duty figures of a subtree (the grid list's contact rate, a province
leader's rate) sum a few rows per grid instead of counting the visits."""

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL

from .party_visit import DUTY_TZ, duty_month_start, duty_today

ROLLUP_BATCH = 500
# the key, in the cursor's cache (server-side, no client sets it), of what an
# import's batch refreshes once it is loaded: {"keys": (grid id, month) rows,
# "grids": grids whose history window} (see _refresh_soon)
DUTY_DEFERRED = "party_grid_duty_deferred"
# months kept complete by the job (and shown by the contact-duty report), the
# current one included
DUTY_HISTORY_MONTHS = 24


def duty_window():
    """(first, last) months of the duty history, last being this month."""
    last = duty_month_start(duty_today())
    return last - relativedelta(months=DUTY_HISTORY_MONTHS - 1), last


def _visit_month(value):
    """The duty month (first day, China time) of a visit's UTC datetime."""
    if not value:
        return None
    if isinstance(value, str):
        value = fields.Datetime.to_datetime(value)
    local = pytz.utc.localize(value).astimezone(pytz.timezone(DUTY_TZ))
    return duty_month_start(local.date())


class PartyGridDutyMonth(models.Model):
    _name = "party.grid.duty.month"
    _description = "Monthly Contact Duty of a Grid"
    _order = "month desc, grid_id"
    _rec_name = "grid_id"

    grid_id = fields.Many2one(
        "party.grid", required=True, index=True, ondelete="cascade"
    )
    month = fields.Date(required=True, help="First day of the month.")
    due_count = fields.Integer(
        string="Households Due",
        help="Active households of the grid (not of its subtree) with a contact "
        "member.",
    )
    contacted_count = fields.Integer(
        string="Households Contacted",
        help="Of them, those their contact member contacted as often as "
        "required that month.",
    )
    household_count = fields.Integer(
        string="Households",
        help="Active households of the grid (not of its subtree), with a contact "
        "member or not.",
    )

    _sql_constraints = [
        ("grid_month_uniq", "unique(grid_id, month)", "One row per grid and month."),
    ]

    @api.model
    def _refresh(self, keys):
        """Recompute the rows of ``keys``, pairs (grid id, first day of the
        month), from the households and visits: one statement for any number
        of keys (a grid's households, each with its visits of the month on the
        visit index)."""
        keys = sorted(
            {(grid_id, month) for grid_id, month in keys if grid_id and month}
        )
        if not keys:
            return
        self.env["party.visit"].flush_model(["household_id", "member_id", "date"])
        self.env["party.household"].flush_model(
            ["grid_id", "contact_member_id", "active", "must_visit"]
        )
        required, required_must = self.env["party.visit"]._duty_required_contacts()
        grid_ids = [grid_id for grid_id, _month in keys]
        months = [fields.Date.to_string(month) for _grid_id, month in keys]
        self.env.cr.execute(
            SQL(
                """INSERT INTO party_grid_duty_month
                        (grid_id, month, household_count, due_count,
                         contacted_count,
                         create_uid, write_uid, create_date, write_date)
                   SELECT k.grid_id, k.month, count(h.id),
                          count(h.contact_member_id),
                          count(h.contact_member_id)
                            FILTER (WHERE c.n >= CASE WHEN h.must_visit
                                                 THEN %(must)s ELSE %(required)s END),
                          %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC',
                          now() AT TIME ZONE 'UTC'
                     FROM unnest(%(grids)s::int[], %(months)s::date[])
                          AS k(grid_id, month)
                     JOIN party_grid g ON g.id = k.grid_id
                     LEFT JOIN party_household h
                            ON h.grid_id = k.grid_id AND h.active
                     LEFT JOIN LATERAL (
                          SELECT count(*) AS n FROM party_visit v
                           WHERE v.household_id = h.id
                             AND v.member_id = h.contact_member_id
                             AND v.date >= (k.month::timestamp AT TIME ZONE %(tz)s)
                                           AT TIME ZONE 'UTC'
                             AND v.date < ((k.month + interval '1 month')::timestamp
                                           AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
                     ) c ON h.id IS NOT NULL
                    GROUP BY k.grid_id, k.month
                   ON CONFLICT (grid_id, month) DO UPDATE
                      SET household_count = EXCLUDED.household_count,
                          due_count = EXCLUDED.due_count,
                          contacted_count = EXCLUDED.contacted_count,
                          write_uid = EXCLUDED.write_uid,
                          write_date = EXCLUDED.write_date""",
                must=required_must,
                required=required,
                uid=self.env.uid,
                grids=grid_ids,
                months=months,
                tz=DUTY_TZ,
            )
        )
        self.invalidate_model(["household_count", "due_count", "contacted_count"])

    @api.model
    def _add_households(self, households):
        """New active households: the rows of the history window already
        there gain them (the linked ones as due and not contacted: a new
        household has no visit yet; the report counts each household as it
        is now in every month), one UPDATE for an import batch instead of
        recounting its grids; the grids without a row of this month yet get
        it computed (the job completes the earlier months)."""
        month = duty_month_start(duty_today())
        counts = {}
        for household in households:
            count = counts.setdefault(household.grid_id.id, [0, 0])
            count[0] += 1
            count[1] += bool(household.contact_member_id)
        if not counts:
            return
        self.env.cr.execute(
            SQL(
                """UPDATE party_grid_duty_month r
                      SET household_count = r.household_count + k.n,
                          due_count = r.due_count + k.linked,
                          write_uid = %(uid)s, write_date = now() AT TIME ZONE 'UTC'
                     FROM unnest(%(grids)s::int[], %(counts)s::int[],
                                 %(linked)s::int[]) AS k(grid_id, n, linked)
                    WHERE r.grid_id = k.grid_id
                      AND r.month >= %(first)s AND r.month <= %(month)s
                RETURNING r.grid_id, r.month""",
                uid=self.env.uid,
                grids=list(counts),
                counts=[n for n, _linked in counts.values()],
                linked=[linked for _n, linked in counts.values()],
                first=duty_window()[0],
                month=month,
            )
        )
        # the earlier months count the households of the grid as they are now
        done = {grid_id for grid_id, at in self.env.cr.fetchall() if at == month}
        self.invalidate_model(["household_count", "due_count"])
        self._refresh([(grid_id, month) for grid_id in counts if grid_id not in done])

    @api.model
    def _missing_keys(self, limit):
        """Up to ``limit`` pairs (grid id, month) without a row, over the
        grids with households and the months of the history window,
        this month first; and how many are missing in all. One query."""
        self.env["party.household"].flush_model(
            ["grid_id", "contact_member_id", "active"]
        )
        self.flush_model(["grid_id", "month"])
        first, last = duty_window()
        rows = self.env.execute_query(
            SQL(
                """WITH grids AS (
                     SELECT DISTINCT grid_id FROM party_household WHERE active
                   ), missing AS (
                     SELECT g.grid_id, m.month::date AS month
                       FROM grids g
                      CROSS JOIN generate_series(%(first)s::date, %(last)s::date,
                                                 interval '1 month') AS m(month)
                      WHERE NOT EXISTS (
                            SELECT 1 FROM party_grid_duty_month r
                             WHERE r.grid_id = g.grid_id
                               AND r.month = m.month::date)
                   )
                   SELECT grid_id, month, count(*) OVER () FROM missing
                    ORDER BY month DESC, grid_id LIMIT %(limit)s""",
                first=first,
                last=last,
                limit=limit,
            )
        )
        total = rows[0][2] if rows else 0
        return [(grid_id, month) for grid_id, month, _total in rows], total

    @api.model
    def _cron_complete_month(self, batch_size=ROLLUP_BATCH):
        """Scheduled hourly: give the grids with households their row
        of the current month (at the start of a month, the grids nobody has
        visited yet), then of the earlier months of the history window that
        lack one (after an installation or a load by SQL), which the
        contact-duty report reads; one batch per call with the progress
        reported (ir.cron calls again at once while keys remain)."""
        keys, total = self._missing_keys(batch_size)
        self._refresh(keys)
        self.env["ir.cron"]._notify_progress(
            done=len(keys), remaining=max(total - len(keys), 0)
        )
        return len(keys)

    @api.model
    def _rebuild_month(self, month):
        """Recompute every grid's row of ``month`` (a settings change, a data
        load by SQL): the grids with households or a row already."""
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT grid_id FROM party_household
                   UNION SELECT grid_id FROM party_grid_duty_month
                    WHERE month = %s""",
                month,
            )
        )
        grid_ids = [row[0] for row in self.env.cr.fetchall()]
        self._refresh([(grid_id, month) for grid_id in grid_ids])
        return len(grid_ids)

    @api.model
    def _refresh_window(self, grid_ids):
        """Recompute the rows of ``grid_ids`` for every month of the history
        window: the report's rows and the dashboard count each household as
        it is now in every month, so a change of a household (its grid,
        contact member, archiving, must-visit flag) moves them all. One
        statement."""
        self._refresh(self._window_keys(grid_ids))

    @api.model
    def _window_keys(self, grid_ids):
        """The (grid id, month) pairs of the history window of ``grid_ids``."""
        first, _last = duty_window()
        months = [first + relativedelta(months=i) for i in range(DUTY_HISTORY_MONTHS)]
        return {(grid_id, month) for grid_id in grid_ids if grid_id for month in months}

    @api.model
    def _refresh_soon(self, keys=(), grid_ids=()):
        """Refresh the rows of ``keys`` and the history window of
        ``grid_ids``: at once, or, while an import's batch is loaded
        (``load()``, see ir_fields_converter.py), once after the batch for
        all its rows (``_refresh_deferred``)."""
        deferred = self.env.cr.cache.get(DUTY_DEFERRED)
        if deferred is not None:
            deferred["keys"].update(keys)
            deferred["grids"].update(grid_ids)
            return
        if grid_ids:
            self._refresh_window(grid_ids)
        if keys:
            self._refresh(keys)

    @api.model
    def _refresh_deferred(self, deferred):
        """What an import's batch left to refresh (``_refresh_soon``): the
        windows of its grids, then the rows outside them."""
        grids = {grid_id for grid_id in deferred["grids"] if grid_id}
        if grids:
            self._refresh_window(grids)
        keys = set(deferred["keys"]) - self._window_keys(grids)
        if keys:
            self._refresh(keys)

    @api.model
    def _rebuild_window(self):
        """Recompute every row of the months of the history window (a change
        of the settings, a migration): one statement per month."""
        first, _last = duty_window()
        for i in range(DUTY_HISTORY_MONTHS):
            self._rebuild_month(first + relativedelta(months=i))
        return DUTY_HISTORY_MONTHS

    @api.model
    def _household_counts(self, grids):
        """{grid id: (households, with a contact member)} over the subtrees
        of ``grids`` (archived grids included, as a household's ``child_of``
        has them), from each grid's latest row: every change of a grid's
        households refreshes its row of the current month, so its latest row
        holds its households as they are. One query on the roll-up's (grid,
        month) index, a row per grid of the subtrees added up its path by
        PostgreSQL to the grids of ``grids``: a row per grid of ``grids``."""
        # sudo: the paths of grids the caller reads, to find their subtrees
        grids = grids.sudo()
        paths = [f"{path}%" for path in grids.mapped("parent_path") if path]
        if not paths:
            return {}
        self.flush_model(["grid_id", "month", "household_count", "due_count"])
        rows = self.env.execute_query(
            SQL(
                """SELECT a.id, COALESCE(sum(r.household_count), 0)::int,
                          COALESCE(sum(r.due_count), 0)::int
                     FROM party_grid g
                    CROSS JOIN LATERAL (
                          SELECT household_count, due_count
                            FROM party_grid_duty_month r
                           WHERE r.grid_id = g.id AND r.month <= %(month)s
                           ORDER BY r.month DESC LIMIT 1) r
                    CROSS JOIN LATERAL unnest(string_to_array(
                          rtrim(g.parent_path, '/'), '/')::int[]) AS a (id)
                    WHERE g.parent_path LIKE ANY(%(paths)s)
                      AND a.id = ANY(%(ids)s)
                    GROUP BY a.id""",
                month=duty_month_start(duty_today()),
                paths=paths,
                ids=grids.ids,
            )
        )
        return {grid_id: (count, covered) for grid_id, count, covered in rows}

    @api.model
    def _subtree_figures(self, grid_ids, month):
        """{grid id: (due, contacted)} over the subtrees of ``grid_ids`` in
        ``month``: one grouped query on the roll-up (plus the grids' paths)."""
        ids = set(grid_ids)
        out = {grid_id: [0, 0] for grid_id in ids}
        if not ids:
            return out
        # sudo: the figures of grids the caller may read; the roll-up rows
        # themselves are not a record a user browses (the active grids of the
        # subtrees, as a child_of of the grids has them)
        grids = self.env["party.grid"].sudo()._search([("id", "child_of", list(ids))])
        self.flush_model(["grid_id", "month", "due_count", "contacted_count"])
        rows = SQL(
            "SELECT grid_id, due_count, contacted_count FROM party_grid_duty_month "
            "WHERE month = %s AND grid_id IN %s",
            month,
            grids.subselect(),
        )
        for grid_id, due, contacted in self.env["party.grid"]._sum_up_the_tree(
            rows, ids, sums=2
        ):
            out[grid_id] = [due, contacted]
        return out


class PartyGridDutyMonthSource(models.AbstractModel):
    """Records whose writes move the monthly duty roll-up: a write to one of
    ``_duty_month_trigger_fields`` or a deletion refreshes the (grid, month)
    rows they counted in before and count in after."""

    _name = "party.grid.duty.month.source"
    _description = "Source of the Monthly Contact-Duty Roll-up"

    _duty_month_trigger_fields = frozenset()

    def _duty_month_keys(self):
        """The (grid id, month) pairs of the roll-up that ``self`` counts in."""
        raise NotImplementedError

    def write(self, vals):
        keys = set()
        if self._duty_month_trigger_fields & set(vals):
            keys = self._duty_month_keys()
        res = super().write(vals)
        if keys:
            self.env["party.grid.duty.month"]._refresh_soon(
                keys | self._duty_month_keys()
            )
        return res

    def unlink(self):
        keys = self._duty_month_keys()
        res = super().unlink()
        self.env["party.grid.duty.month"]._refresh_soon(keys)
        return res


class PartyVisit(models.Model):
    _name = "party.visit"
    _inherit = ["party.visit", "party.grid.duty.month.source"]

    _duty_month_trigger_fields = frozenset({"household_id", "member_id", "date"})

    def _duty_month_keys(self):
        # sudo: the grids of the households visited, to keep the roll-up
        return {
            (visit.household_id.grid_id.id, _visit_month(visit.date))
            for visit in self.sudo()
        }

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        self.env["party.grid.duty.month"]._refresh(visits._duty_month_keys())
        return visits


class PartyHousehold(models.Model):
    _name = "party.household"
    _inherit = ["party.household", "party.grid.duty.month.source"]

    _duty_month_trigger_fields = frozenset(
        {"grid_id", "contact_member_id", "active", "tag_ids"}
    )

    def _duty_month_keys(self):
        month = duty_month_start(duty_today())
        # sudo: the households' grids, to keep the roll-up of their grids
        return {
            (household.grid_id.id, month)
            for household in self.sudo().with_context(active_test=False)
        }

    def _duty_month_state(self):
        """{household id: what decides how it counts in the roll-up}."""
        return {
            household.id: (
                household.grid_id.id,
                household.contact_member_id.id,
                household.active,
                household.must_visit,
            )
            for household in self
        }

    def write(self, vals):
        """The contact-duty report's rows and the dashboard apply each
        household as it is now to every month: a change of its grid, contact
        member, archiving or must-visit flag changes the earlier months of its
        grids too, whose rows of the history window are refreshed (one
        statement). A write that carries the same values (an import updating
        its rows) refreshes this month's rows only, as before."""
        if not self._duty_month_trigger_fields & set(vals):
            return super().write(vals)
        # sudo: the households' state, to keep the roll-up of their grids
        households = self.sudo().with_context(active_test=False)
        before = households._duty_month_state()
        res = super().write(vals)
        after = households._duty_month_state()
        grids = {
            grid_id
            for household_id, state in before.items()
            if state != after[household_id]
            for grid_id in (state[0], after[household_id][0])
        }
        self.env["party.grid.duty.month"]._refresh_soon(grid_ids=grids)
        return res

    def unlink(self):
        # sudo: the households' grids, to keep the roll-up of their grids
        grids = set(self.sudo().with_context(active_test=False).grid_id.ids)
        res = super().unlink()
        self.env["party.grid.duty.month"]._refresh_window(grids)
        return res

    @api.model_create_multi
    def create(self, vals_list):
        households = super().create(vals_list)
        # sudo: the grids of the new households, for the roll-up
        self.env["party.grid.duty.month"]._add_households(
            households.sudo().filtered("active")
        )
        return households


class PartyHouseholdTag(models.Model):
    _inherit = "party.household.tag"

    def write(self, vals):
        households = self.env["party.household"]
        if "must_visit" in vals:
            # sudo: every household of the tag, for the roll-up
            households = (
                self.env["party.household"].sudo().search([("tag_ids", "in", self.ids)])
            )
        res = super().write(vals)
        if households:
            # every month of the households' grids
            self.env["party.grid.duty.month"]._refresh_window(
                set(households.grid_id.ids)
            )
        return res

    def unlink(self):
        # a must-visit tag deleted: its households' flag is recomputed without
        # a write of theirs
        # sudo: every household of the tag, for the roll-up
        households = (
            self.env["party.household"]
            .sudo()
            .with_context(active_test=False)
            .search([("tag_ids", "in", self.filtered("must_visit").ids)])
            if any(self.mapped("must_visit"))
            else self.env["party.household"]
        )
        res = super().unlink()
        if households:
            self.env["party.grid.duty.month"]._refresh_window(
                set(households.grid_id.ids)
            )
        return res


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    def set_values(self):
        before = self.env["party.visit"]._duty_required_contacts()
        res = super().set_values()
        if self.env["party.visit"]._duty_required_contacts() != before:
            # the duty of every month changed for every grid: the report and
            # the dashboard apply the settings as they are to every month
            self.env["party.grid.duty.month"]._rebuild_window()
        return res
