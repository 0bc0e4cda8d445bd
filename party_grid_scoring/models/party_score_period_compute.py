# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, split_every

from odoo.addons.party_grid.models.party_visit import (  # pylint: disable=import-error
    duty_month_bounds,
    duty_today,
)

from .party_score_item import lost, score
from .party_score_period import (
    BATCH_SIZE,
    LINE_COLUMNS,
    MEASURE_FAMILY,
    MEASURE_ORIGIN,
    ORIGIN_IDS,
)


class PartyScorePeriod(models.Model):
    """The monthly computation of a period's automatic lines: the scheduled
    action, batches, one grouped query per measure, the basis in words."""

    _inherit = "party.score.period"

    # ------------------------------------------------------------ scheduled action
    @api.model
    def _cron_compute_previous_month(self, batch_size=BATCH_SIZE):
        """On the 1st: compute last month for every active scheme."""
        day = duty_today().replace(day=1) - relativedelta(months=1)
        return self._compute_month_for_all(day, batch_size=batch_size, commit=True)

    @api.model
    def _compute_month_for_all(self, day, batch_size=BATCH_SIZE, commit=False):
        schemes = (
            self.env["party.score.scheme"]
            .sudo()
            .search(
                [
                    ("date_from", "<=", day),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", day),
                ]
            )
        )
        # sudo: the scheduled action scores every subject of every scheme
        Period = self.sudo()
        existing = Period.search(
            [
                ("scheme_id", "in", schemes.ids),
                ("period_type", "=", "month"),
                ("date_from", "=", day),
            ]
        )
        missing = schemes - existing.scheme_id
        periods = existing | Period.create(
            [
                {"scheme_id": s.id, "period_type": "month", "date_from": day}
                for s in missing
            ]
        )
        for period in periods.filtered(lambda p: p.state in ("open", "computed")):
            period._compute_lines(batch_size=batch_size, commit=commit)
            period.write({"state": "computed", "date_computed": fields.Datetime.now()})
            if commit and self._may_commit():
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return periods

    def _may_commit(self):
        return not tools.config["test_enable"] and not self.env.registry.in_test_mode()

    # ------------------------------------------------------------ computation
    def _subject_rows(self):
        """(subject id, organisation grid id) of every subject in scope, by id."""
        self.ensure_one()
        scheme = self.scheme_id
        root = scheme.grid_id.parent_path
        if scheme.subject_type == "member":
            query = SQL(
                """SELECT m.id, m.grid_id FROM party_member m
                   JOIN party_grid g ON g.id = m.grid_id
                   WHERE m.active AND g.parent_path LIKE %s ORDER BY m.id""",
                root + "%",
            )
        elif scheme.subject_type == "worker":
            query = SQL(
                """SELECT r.user_id, min(r.grid_id) FROM party_grid_role r
                   JOIN party_grid g ON g.id = r.grid_id
                   JOIN res_users u ON u.id = r.user_id
                   WHERE g.active AND u.active AND g.parent_path LIKE %s
                   GROUP BY r.user_id ORDER BY r.user_id""",
                root + "%",
            )
        else:
            if scheme.grid_level_id:
                level = SQL("g.level_id = %s", scheme.grid_level_id.id)
            else:
                level = SQL(
                    "NOT EXISTS (SELECT 1 FROM party_grid c "
                    "WHERE c.parent_id = g.id AND c.active)"
                )
            query = SQL(
                """SELECT g.id, g.id FROM party_grid g
                   WHERE g.active AND g.parent_path LIKE %s AND %s ORDER BY g.id""",
                root + "%",
                level,
            )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _subject_cte(self, subject_ids):
        """SQL of the rows (subject_id, member_id, user_id, path) of a batch:
        a member is matched on itself and its login, a grid worker on their
        login and the subtrees of their grids, a grid on its subtree."""
        subject_type = self.scheme_id.subject_type
        if subject_type == "member":
            return SQL(
                """SELECT m.id AS subject_id, m.id AS member_id, m.user_id AS user_id,
                          NULL::varchar AS path
                   FROM party_member m WHERE m.id = ANY(%s)""",
                subject_ids,
            )
        if subject_type == "worker":
            return SQL(
                """SELECT DISTINCT r.user_id AS subject_id, NULL::int AS member_id,
                          r.user_id AS user_id, g.parent_path AS path
                   FROM party_grid_role r JOIN party_grid g ON g.id = r.grid_id
                   WHERE r.user_id = ANY(%s) AND g.parent_path LIKE %s""",
                subject_ids,
                self.scheme_id.grid_id.parent_path + "%",
            )
        return SQL(
            """SELECT g.id AS subject_id, NULL::int AS member_id, NULL::int AS user_id,
                      g.parent_path AS path
               FROM party_grid g WHERE g.id = ANY(%s)""",
            subject_ids,
        )

    def _measure_sql(self, family, subject_ids, start, stop):
        """One grouped query for a family of measures over a batch; rows of
        (subject_id, {measure: (numerator, denominator)}, origin ids)."""
        subj = self._subject_cte(subject_ids)
        by_member = self.scheme_id.subject_type == "member"
        if family == "contact":
            required, required_must = self.env["party.visit"]._duty_required_contacts()
            if by_member:
                join = SQL(
                    "JOIN party_household h ON h.active "
                    "AND h.contact_member_id = s.member_id"
                )
            else:
                join = SQL(
                    "JOIN party_grid hg ON hg.parent_path LIKE s.path || %s "
                    "JOIN party_household h ON h.active AND h.grid_id = hg.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s),
                   r AS (
                     SELECT DISTINCT s.subject_id, h.id, h.must_visit,
                            h.contact_member_id IS NOT NULL AS linked,
                            (SELECT count(*) FROM party_visit v
                              WHERE v.household_id = h.id
                                AND v.member_id = h.contact_member_id
                                AND v.date >= %(start)s AND v.date < %(stop)s)
                            >= CASE WHEN h.must_visit THEN %(must)s ELSE %(req)s END
                            AS done
                     FROM s %(join)s)
                   SELECT subject_id,
                     count(*) FILTER (WHERE linked AND done),
                     count(*) FILTER (WHERE linked),
                     count(*) FILTER (WHERE linked AND must_visit AND done),
                     count(*) FILTER (WHERE linked AND must_visit),
                     count(*),
                     (array_agg(id ORDER BY id) FILTER (WHERE linked AND done))[1:%(n)s]
                   FROM r GROUP BY subject_id""",
                subj=subj,
                start=start,
                stop=stop,
                must=required_must,
                req=required,
                join=join,
                n=ORIGIN_IDS,
            ), lambda row: {
                "contact_rate": (row[1], row[2]),
                "must_visit": (row[3], row[4]),
                "coverage": (row[2], row[5]),
            }
        if family == "attendance":
            if by_member:
                join = SQL(
                    "JOIN party_activity_attendance a ON a.member_id = s.member_id"
                )
            else:
                join = SQL(
                    "JOIN party_grid ag ON ag.parent_path LIKE s.path || %s "
                    "JOIN party_activity_attendance a ON a.grid_id = ag.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s),
                   r AS (
                     SELECT DISTINCT s.subject_id, a.id, a.activity_type, a.state,
                            a.hours
                     FROM s %(join)s
                     WHERE a.date >= %(start)s AND a.date < %(stop)s)
                   SELECT subject_id,
                     count(*) FILTER (WHERE activity_type != 'volunteer'
                                        AND state = 'present'),
                     count(*) FILTER (WHERE activity_type != 'volunteer'
                                        AND state != 'excused'),
                     coalesce(sum(hours) FILTER (WHERE activity_type = 'volunteer'
                                                   AND state = 'present'), 0),
                     (array_agg(id ORDER BY id) FILTER (WHERE state = 'present'))
                       [1:%(n)s]
                   FROM r GROUP BY subject_id""",
                subj=subj,
                join=join,
                start=start,
                stop=stop,
                n=ORIGIN_IDS,
            ), lambda row: {
                "activity_attendance": (row[1], row[2]),
                "volunteer_hours": (float(row[3]), 0),
            }
        if family == "activities":
            if by_member:
                join = SQL("JOIN party_activity act ON act.host_id = s.member_id")
            else:
                join = SQL(
                    "JOIN party_grid ag ON ag.parent_path LIKE s.path || %s "
                    "JOIN party_activity act ON act.grid_id = ag.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s)
                   SELECT s.subject_id, count(DISTINCT act.id), 0,
                          (array_agg(DISTINCT act.id))[1:%(n)s]
                   FROM s %(join)s
                   WHERE act.date_start >= %(start)s AND act.date_start < %(stop)s
                   GROUP BY s.subject_id""",
                subj=subj,
                join=join,
                start=start,
                stop=stop,
                n=ORIGIN_IDS,
            ), lambda row: {"activities_held": (row[1], 0)}
        if family == "evaluation":
            # the mean grade (out of 100) of closed rounds dated in the month: a
            # member by their own grades, a grid by its members' grades
            if by_member:
                join = SQL(
                    "JOIN party_score_evaluation_grade eg ON eg.member_id = s.member_id"
                )
            else:
                join = SQL(
                    "JOIN party_grid eg_g ON eg_g.parent_path LIKE s.path || %s "
                    "JOIN party_member eg_m ON eg_m.grid_id = eg_g.id "
                    "JOIN party_score_evaluation_grade eg ON eg.member_id = eg_m.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s),
                   r AS (
                     SELECT DISTINCT s.subject_id, eg.id,
                       CASE eg.grade WHEN 'excellent' THEN 100 WHEN 'qualified' THEN 80
                                     WHEN 'basic' THEN 60 ELSE 0 END AS value
                     FROM s %(join)s
                     JOIN party_score_evaluation e ON e.id = eg.evaluation_id
                     WHERE e.state = 'closed'
                       AND e.date >= %(day_from)s AND e.date <= %(day_to)s)
                   SELECT subject_id, round(avg(value), 1), 100,
                          (array_agg(id ORDER BY id))[1:%(n)s]
                   FROM r GROUP BY subject_id""",
                subj=subj,
                join=join,
                day_from=self.date_from,
                day_to=self.date_to,
                n=ORIGIN_IDS,
            ), lambda row: {"evaluation_grade": (float(row[1]), row[2])}
        # tickets: a member or worker by the login, a grid by its subtree
        if self.scheme_id.subject_type == "grid":
            join = SQL(
                "JOIN party_grid tg ON tg.parent_path LIKE s.path || %s "
                "JOIN party_ticket t ON t.grid_id = tg.id",
                "%",
            )
        else:
            join = SQL("JOIN party_ticket t ON t.user_id = s.user_id")
        return SQL(
            """WITH s AS (%(subj)s),
               r AS (
                 SELECT DISTINCT s.subject_id, t.id,
                   t.date_assigned >= %(start)s AND t.date_assigned < %(stop)s
                     AS claimed,
                   t.date_closed >= %(start)s AND t.date_closed < %(stop)s AS closed,
                   coalesce(t.closed_on_time, false) AS on_time,
                   t.date_received < %(stop)s
                     AND (t.date_closed IS NULL OR t.date_closed >= %(start)s)
                     AS current,
                   coalesce(t.reopen_count, 0) > 0 AS reopened,
                   t.supervision_card = 'red' AS red,
                   t.date_return_visit >= %(start)s AND t.date_return_visit < %(stop)s
                     AS rated,
                   t.satisfaction IN ('satisfied', 'basic') AS satisfied
                 FROM s %(join)s
                 WHERE t.active)
               SELECT subject_id,
                 count(*) FILTER (WHERE claimed),
                 count(*) FILTER (WHERE closed),
                 count(*) FILTER (WHERE closed AND on_time),
                 count(*) FILTER (WHERE current AND reopened),
                 count(*) FILTER (WHERE current AND red),
                 count(*) FILTER (WHERE rated AND satisfied),
                 count(*) FILTER (WHERE rated),
                 (array_agg(id ORDER BY id) FILTER (WHERE claimed OR closed OR rated))
                   [1:%(n)s]
               FROM r GROUP BY subject_id""",
            subj=subj,
            join=join,
            start=start,
            stop=stop,
            n=ORIGIN_IDS,
        ), lambda row: {
            "ticket_claimed": (row[1], 0),
            "ticket_closed": (row[2], 0),
            "ticket_closed_on_time": (row[3], row[2]),
            "ticket_reopened": (row[4], 0),
            "ticket_red_card": (row[5], 0),
            "ticket_satisfaction": (row[6], row[7]),
        }

    def _basis_templates(self):
        """The templates of the basis of each measure, in the env's language."""
        templates = {
            "contact_rate": self.env._(
                "%(den)s linked households, %(num)s contacted this month"
            ),
            "must_visit": self.env._(
                "%(den)s must-visit households, %(num)s visited as often as required"
            ),
            "coverage": self.env._("%(den)s households, %(num)s with a contact member"),
            "activity_attendance": self.env._(
                "%(den)s party life sessions due, %(num)s attended"
            ),
            "activities_held": self.env._("%(num)s party activities held"),
            "volunteer_hours": self.env._("%(num)s hours of volunteer service"),
            "ticket_claimed": self.env._("%(num)s tickets taken up"),
            "ticket_closed": self.env._("%(num)s tickets concluded"),
            "ticket_closed_on_time": self.env._(
                "%(den)s tickets concluded, %(num)s on time"
            ),
            "ticket_reopened": self.env._("%(num)s tickets reopened"),
            "ticket_red_card": self.env._("%(num)s tickets with a red card"),
            "ticket_satisfaction": self.env._(
                "%(den)s return visits, %(num)s satisfied or basically satisfied"
            ),
            "evaluation_grade": self.env._(
                "mean evaluation grade %(num)s out of %(den)s"
            ),
        }
        return templates

    def _basis(self, measure, numerator, denominator, templates=None):
        """The basis of a line in words and numbers."""
        num = f"{numerator:g}" if isinstance(numerator, float) else numerator
        templates = templates or self._basis_templates()
        return templates[measure] % {"num": num, "den": denominator}

    def _compute_lines(self, batch_size=BATCH_SIZE, max_batches=None, commit=False):
        """Write the automatic lines of a month for every subject in scope, in
        batches: per batch one delete of the batch's unpublished automatic
        lines, one grouped query per family of measures and one insert. A rerun
        replaces the same rows: the ledger does not depend on how often or in
        how many pieces it was computed. Returns whether every batch ran."""
        self.ensure_one()
        if self.period_type != "month" or self.state not in ("open", "computed"):
            raise UserError(
                self.env._(
                    "Only an open or computed month can be computed: %(period)s.",
                    period=self.name,
                )
            )
        # sudo: the ledger is computed for every subject of the scheme,
        # whoever starts the computation (checked by the caller)
        period = self.sudo()
        lang = period.scheme_id.lang
        if lang and lang in dict(self.env["res.lang"].get_installed()):
            period = period.with_context(lang=lang)
        templates = period._basis_templates()
        scheme = period.scheme_id
        items = scheme.item_ids.filtered(lambda i: i.measure != "manual")
        families = sorted({MEASURE_FAMILY[m] for m in items.mapped("measure")})
        rules = [item._rule() for item in items]
        start, stop = duty_month_bounds(period.date_from)
        self.env.flush_all()
        rows = period._subject_rows()
        cr = self.env.cr
        period.write({"compute_total": len(rows), "compute_done": 0})
        # the measures read visits, attendance and tickets in SQL
        self.env.flush_all()
        cron = self.env["ir.cron"]
        may_commit = commit and self._may_commit()
        done = 0
        for index, batch in enumerate(split_every(batch_size, rows, list)):
            if max_batches is not None and index >= max_batches:
                self.env["party.score.line"].invalidate_model()
                period.invalidate_recordset(["compute_done"])
                return False
            period._compute_batch(batch, rules, families, start, stop, templates)
            done += len(batch)
            cr.execute(
                SQL(
                    "UPDATE party_score_period SET compute_done = %s WHERE id = %s",
                    done,
                    period.id,
                )
            )
            cron._notify_progress(done=done, remaining=len(rows) - done)
            if may_commit:
                cr.commit()  # pylint: disable=invalid-commit
        # subjects that left the scope since an earlier run
        cr.execute(
            SQL(
                """DELETE FROM party_score_line WHERE period_id = %s
                   AND kind = 'auto' AND NOT (subject_id = ANY(%s))""",
                period.id,
                [row[0] for row in rows],
            )
        )
        self.env["party.score.line"].invalidate_model()
        period.invalidate_recordset(["compute_done"])
        return True

    def _compute_batch(self, batch, rules, families, start, stop, templates):
        cr = self.env.cr
        subject_ids = [row[0] for row in batch]
        values = defaultdict(dict)
        origins = defaultdict(dict)
        for family in families:
            query, unpack = self._measure_sql(family, subject_ids, start, stop)
            cr.execute(query)
            for row in cr.fetchall():
                for measure, value in unpack(row).items():
                    values[measure][row[0]] = value
                ids = row[-1] or []
                origins[family][row[0]] = (
                    f"{MEASURE_ORIGIN[family]}:{','.join(map(str, ids))}" if ids else ""
                )
        scheme = self.scheme_id
        subject_type = scheme.subject_type
        member_grid = dict(batch)
        if subject_type == "member":
            cr.execute(
                SQL(
                    "SELECT id, user_id FROM party_member WHERE id = ANY(%s)",
                    subject_ids,
                )
            )
            logins = dict(cr.fetchall())
        elif subject_type == "worker":
            logins = {subject_id: subject_id for subject_id in subject_ids}
        else:
            logins = {}
        records = []
        period_id, day = self.id, str(self.date_from)
        for item in rules:
            family = MEASURE_FAMILY[item.measure]
            by_subject = values[item.measure]
            by_origin = origins[family]
            for subject_id in subject_ids:
                numerator, denominator = by_subject.get(subject_id, (0, 0))
                points = score(item, numerator, denominator)
                if item.points < 0 and not points:
                    # a deduction that takes nothing: no points, none lost
                    continue
                records.append(
                    {
                        "period_id": period_id,
                        "item_id": item.id,
                        "category_id": item.category_id,
                        "subject_type": subject_type,
                        "subject_id": subject_id,
                        "member_id": subject_id if subject_type == "member" else None,
                        "user_id": subject_id if subject_type == "worker" else None,
                        "subject_grid_id": subject_id
                        if subject_type == "grid"
                        else None,
                        "grid_id": member_grid[subject_id],
                        "date": day,
                        "points": points,
                        "max_points": item.max_points,
                        "lost_points": lost(item, points),
                        "basis": self._basis(
                            item.measure, numerator, denominator, templates
                        ),
                        "origin": by_origin.get(subject_id, ""),
                        "subject_user_id": logins.get(subject_id),
                    }
                )
        cr.execute(
            SQL(
                """DELETE FROM party_score_line
                   WHERE period_id = %s AND kind = 'auto' AND subject_id = ANY(%s)""",
                self.id,
                subject_ids,
            )
        )
        if not records:
            return
        columns = SQL(", ").join(SQL.identifier(name) for name, _type in LINE_COLUMNS)
        typed = SQL(", ").join(
            SQL("%s %s", SQL.identifier(name), SQL(kind)) for name, kind in LINE_COLUMNS
        )
        now = fields.Datetime.now()
        cr.execute(
            SQL(
                """INSERT INTO party_score_line (%(columns)s, kind, state, author_id,
                       create_uid, write_uid, create_date, write_date)
                   SELECT %(columns)s, 'auto', 'approved', %(uid)s, %(uid)s, %(uid)s,
                          %(now)s, %(now)s
                   FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(%(typed)s)""",
                columns=columns,
                typed=typed,
                uid=self.env.uid,
                now=now,
                rows=json.dumps(records),
            )
        )
