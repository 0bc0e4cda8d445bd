# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import Counter, defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_visit import (  # pylint: disable=import-error
    DUTY_TZ,
    duty_month_start,
    duty_today,
)

from .party_report_builder import rate

TREND_MONTHS = 6


class PartyReportDashboard(models.AbstractModel):
    _name = "party.report.dashboard"
    _description = "Leader Dashboard Data"

    @api.readonly
    @api.model
    def get_dashboard_data(self):
        """The leader dashboard's figures over everything the user's record
        rules let them read: grid overview and coverage, the contact-duty trend,
        ticket KPIs by month and by level, the star ratings of the latest
        published quarter. Seven grouped queries (nine in all, with the duty
        settings and the grids of the reader's record rules); the duty trend
        reads the monthly roll-up (``_duty_contacted_by_month``)."""
        # the months of the contact duty, in its timezone
        month = duty_today().replace(day=1)
        first = month - relativedelta(months=TREND_MONTHS - 1)
        [(grids,)] = self.env["party.grid"]._read_group([], [], ["__count"])
        members = central = away = 0
        for is_central, is_away, count in self.env["party.member"]._read_group(
            [], ["is_central_household", "is_away"], ["__count"]
        ):
            members += count
            central += count if is_central else 0
            away += count if is_away else 0
        [(households, covered)] = self.env["party.household"]._read_group(
            [], [], ["__count", "contact_member_id:count"]
        )
        # due: the households with a contact member, counted just above
        contacted = self._duty_contacted_by_month(first, month)
        duty_due = covered
        duty = {m: (duty_due, n) for m, n in contacted.items()}
        Report = self.env["party.ticket.report"]
        # one grouped query by month for the trend and the totals alike
        sums = ("received", "closed", "on_time", "visited", "satisfied")
        tickets = {}
        totals = dict.fromkeys(sums, 0)
        for m, *values in Report._read_group(
            [], ["date_received:month"], [f"{name}_count:sum" for name in sums]
        ):
            values = dict(zip(sums, (v or 0 for v in values), strict=True))
            if m:
                tickets[m.date() if hasattr(m, "date") else m] = values
            for name in sums:
                totals[name] += values[name]
        received, closed = totals["received"], totals["closed"]
        on_time, visited, satisfied = (
            totals["on_time"],
            totals["visited"],
            totals["satisfied"],
        )
        by_level = self._tickets_by_level()
        months = [first + relativedelta(months=i) for i in range(TREND_MONTHS)]
        return {
            "stars": self._star_distribution(),
            "grids": grids,
            "members": members,
            "central_households": central,
            "away_members": away,
            "households": households,
            "covered_households": covered,
            "coverage_rate": rate(covered, households),
            "duty_trend": [
                {
                    "month": m.strftime("%Y-%m"),
                    "due": duty_due,
                    "contacted": duty.get(m, (0, 0))[1] or 0,
                    "rate": rate(duty.get(m, (0, 0))[1] or 0, duty_due),
                }
                for m in months
            ],
            "ticket_trend": [
                {
                    "month": m.strftime("%Y-%m"),
                    "received": tickets.get(m, {}).get("received", 0),
                    "closed": tickets.get(m, {}).get("closed", 0),
                }
                for m in months
            ],
            "tickets": {
                "received": received or 0,
                "closed": closed or 0,
                "closed_rate": rate(closed or 0, received or 0),
                "on_time_rate": rate(on_time or 0, closed or 0),
                "satisfaction_rate": rate(satisfied or 0, visited or 0),
                "by_level": by_level,
            },
        }

    @api.model
    def _duty_contacted_by_month(self, first, last):
        """{month: households contacted as required} from ``first`` to
        ``last`` (first days of duty months), over the households with a
        contact member that the user's record rules let them read: the same
        figures as ``party.report.builder._duty_contacted`` (each household
        as it is now, its contact member's visits of the month, the settings
        as they are), in one query that reads the monthly roll-up
        (party.grid.duty.month) instead of the visits wherever the roll-up
        holds the same figure:

        - a grid's rows are read only when the user reads every household of
          the grid with a contact member: as many as the grid's roll-up counts
          due this month (this month's row follows every write of a household,
          so it holds the households as they are). Otherwise (a grid worker's
          own households in another grid) its households are counted from
          their visits, under the rules;
        - a month of such a grid whose row is missing (the hourly job has not
          completed it yet) is counted from the visits of its households;
        - a row of an earlier month holds the households as they are now too:
          the writes of a visit refresh its month, those of a household (grid,
          contact member, tags, archiving) the months it has visits in, those
          of the settings every month (party_grid's party.grid.duty.month).

        Visits loaded by SQL, which bypass those writes, are counted once the
        roll-up is rebuilt, as for the contact-duty report. No write: the
        roll-up is read as it is (a replica serves it)."""
        households = self.env["party.household"]._search(
            [("contact_member_id", "!=", False)]
        )
        # nothing to flush in a request of its own (no write on a replica)
        self.env["party.household"].flush_model(
            ["grid_id", "contact_member_id", "must_visit"]
        )
        self.env["party.visit"].flush_model(["household_id", "member_id", "date"])
        self.env["party.grid.duty.month"].flush_model(
            ["grid_id", "month", "due_count", "contacted_count"]
        )
        required, required_must = self.env["party.visit"]._duty_required_contacts()
        months = []
        month = first
        while month <= last:
            months.append(month)
            month += relativedelta(months=1)
        # the roll-up is read in SQL: its rows are no record a user browses;
        # the households of the rules decide which grids it is read for
        rows = self.env.execute_query(
            SQL(
                """WITH months AS (
                       SELECT m.month,
                              (m.month::timestamp AT TIME ZONE %(tz)s)
                                AT TIME ZONE 'UTC' AS start,
                              ((m.month + interval '1 month')::timestamp
                                AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS stop
                         FROM unnest(%(months)s::date[]) AS m(month)
                   ), readable AS MATERIALIZED (
                       SELECT h.id, h.grid_id, h.contact_member_id, h.must_visit
                         FROM party_household h
                        WHERE h.id IN (%(households)s)
                   ), grids AS MATERIALIZED (
                       SELECT grid_id, count(*) AS n FROM readable GROUP BY grid_id
                   ), rolled AS MATERIALIZED (
                       -- the grids whose every linked household the user reads
                       SELECT r.grid_id, r.month, r.contacted_count
                         FROM grids g
                         JOIN party_grid_duty_month cur
                           ON cur.grid_id = g.grid_id AND cur.month = %(current)s
                          AND cur.due_count = g.n
                         JOIN party_grid_duty_month r
                           ON r.grid_id = g.grid_id
                          AND r.month = ANY(%(months)s::date[])
                   ), missing AS MATERIALIZED (
                       SELECT g.grid_id, m.month, m.start, m.stop
                         FROM grids g CROSS JOIN months m
                        WHERE NOT EXISTS (SELECT 1 FROM rolled r
                                           WHERE r.grid_id = g.grid_id
                                             AND r.month = m.month)
                   ), counted AS (
                       SELECT k.month, count(*) AS n
                         FROM missing k
                         JOIN readable h ON h.grid_id = k.grid_id
                        CROSS JOIN LATERAL (
                              SELECT count(*) AS n FROM party_visit v
                               WHERE v.household_id = h.id
                                 AND v.member_id = h.contact_member_id
                                 AND v.date >= k.start AND v.date < k.stop) c
                        WHERE c.n >= CASE WHEN h.must_visit THEN %(must)s
                                          ELSE %(required)s END
                        GROUP BY k.month
                   )
                   SELECT m.month,
                          COALESCE((SELECT sum(r.contacted_count) FROM rolled r
                                     WHERE r.month = m.month), 0)
                          + COALESCE((SELECT c.n FROM counted c
                                       WHERE c.month = m.month), 0)
                     FROM months m""",
                tz=DUTY_TZ,
                months=months,
                households=households.subselect(),
                current=duty_month_start(duty_today()),
                must=required_must,
                required=required,
            )
        )
        return {month: int(count) for month, count in rows}

    @api.model
    def _tickets_by_level(self):
        """The closed tickets the user may read by the level that resolved
        them, with the level's name, in one query (the register's levels are
        configuration every user reads)."""
        query = self.env["party.ticket.report"]._search(
            [("closed_count", "=", 1), ("resolved_level_id", "!=", False)]
        )
        level = query.make_alias(query.table, "resolved_level_id")
        query.add_join(
            "JOIN",
            level,
            "party_grid_level",
            SQL(
                "%s = %s",
                SQL.identifier(level, "id"),
                SQL.identifier(query.table, "resolved_level_id"),
            ),
        )
        query.groupby = SQL("%s", SQL.identifier(level, "id"))
        query.order = SQL(
            "max(%s), %s",
            SQL.identifier(level, "sequence"),
            SQL.identifier(level, "id"),
        )
        self.env.cr.execute(
            query.select(SQL("max(%s)", SQL.identifier(level, "name")), SQL("count(*)"))
        )
        return [
            {"level": name, "count": count} for name, count in self.env.cr.fetchall()
        ]

    @api.model
    def _star_distribution(self):
        """The star ratings of the latest published quarter (of party_grid_scoring)
        with scores the user's record rules let them read, per kind of subject,
        in one grouped query over the quarterly scores of the quarters whose
        period is published."""
        Quarter = self.env["party.score.quarter"]
        query = Quarter._search([])
        table = query.table
        query.add_where(
            SQL(
                """EXISTS (SELECT 1 FROM party_score_period p
                            WHERE p.scheme_id = %(scheme)s
                              AND p.date_from = %(quarter)s
                              AND p.period_type = 'quarter'
                              AND p.state IN ('published', 'closed'))""",
                scheme=SQL.identifier(table, "scheme_id"),
                quarter=SQL.identifier(table, "quarter"),
            )
        )
        columns = SQL(
            "%s, %s, %s",
            SQL.identifier(table, "quarter"),
            SQL.identifier(table, "subject_type"),
            SQL.identifier(table, "stars"),
        )
        query.groupby = columns
        self.env.cr.execute(query.select(columns, SQL("count(*)")))
        counts = defaultdict(lambda: defaultdict(Counter))
        for quarter, subject_type, stars, count in self.env.cr.fetchall():
            counts[quarter][subject_type][stars] += count
        if not counts:
            return {"quarter": False, "subjects": []}
        latest = max(counts)
        types = dict(Quarter._fields["subject_type"]._description_selection(self.env))
        labels = Quarter._fields["stars"]._description_selection(self.env)
        return {
            "quarter": f"{latest.year}-Q{(latest.month - 1) // 3 + 1}",
            "subjects": [
                {
                    "subject_type": subject_type,
                    "label": types.get(subject_type, subject_type),
                    "count": sum(by_stars.values()),
                    "stars": [
                        {"stars": key, "label": label, "count": by_stars[key]}
                        for key, label in reversed(labels)
                    ],
                }
                for subject_type, by_stars in sorted(counts[latest].items())
            ],
        }
