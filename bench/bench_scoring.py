"""Points benchmark (issue #9) on the generated county with its year of visits, activities
and tickets (generated on first use): the monthly computation of every member's points
beside a plain-SQL computation of the same totals, in the same run; the quarter's stars and
ranking for the county; the "我的积分" screen of one member.

    BENCH_ADDONS=party_grid,party_grid_scoring bash bench/run.sh scoring [--scale 1.0]

The computation is ``party.score.period._compute_lines`` in batches of 1,000 members (one
delete, one grouped query per family of measures and one insert per batch); it runs
without committing (the benchmark rolls back). The SQL floor computes the same totals in one
statement over all members, with the scheme's formulas written out in SQL.
"""

import time

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_visit import duty_month_bounds, duty_today

from .bench_register import measure
from .common import bench_env, report
from .county_tickets import generate_tickets
from .county_visits import find_visits, generate_visits

BATCH = 1000
ITEMS = [
    # name, measure, formula, points, max, threshold
    ("联系户走访", "contact_rate", "rate", 1, 10, 0),
    ("必访户走访", "must_visit", "rate", 1, 4, 0),
    ("组织生活出勤", "activity_attendance", "rate", 1, 6, 0),
    ("出勤率达到 90%", "activity_attendance", "threshold", 1, 2, 90),
    ("志愿服务", "volunteer_hours", "per_unit", 0.5, 3, 0),
    ("认领事项", "ticket_claimed", "per_unit", 0.5, 2, 0),
    ("办结事项", "ticket_closed", "per_unit", 1, 3, 0),
    ("按期办结", "ticket_closed_on_time", "rate", 1, 2, 0),
    ("群众满意", "ticket_satisfaction", "rate", 1, 2, 0),
    ("事项返工", "ticket_reopened", "per_unit", -1, 3, 0),
    ("红牌督办", "ticket_red_card", "per_unit", -2, 4, 0),
    ("按时交纳党费", "manual", "per_unit", 2, 2, 0),
]
# (numerator, denominator) of each measure: columns of the SQL floor's joined row
MEASURE_SQL = {
    "contact_rate": ("c_done", "c_linked"),
    "must_visit": ("c_must_done", "c_must"),
    "activity_attendance": ("a_present", "a_due"),
    "volunteer_hours": ("a_hours", "0"),
    "ticket_claimed": ("t_claimed", "0"),
    "ticket_closed": ("t_closed", "0"),
    "ticket_closed_on_time": ("t_on_time", "t_closed"),
    "ticket_satisfaction": ("t_satisfied", "t_rated"),
    "ticket_reopened": ("t_reopened", "0"),
    "ticket_red_card": ("t_red", "0"),
}
RATES = {"contact_rate", "must_visit", "activity_attendance", "ticket_closed_on_time",
         "ticket_satisfaction"}
MY_POINTS_SPEC = {
    "period_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "item_id": {"fields": {"display_name": {}}},
    "basis": {}, "points": {}, "max_points": {}, "lost_points": {}, "kind": {},
}


def ensure_inputs(env, data, scale):
    env.cr.execute("SELECT count(*) FROM party_activity_attendance")
    attendance = env.cr.fetchone()[0]
    if not find_visits(env) or not attendance:
        print(f"generating a year of visits and activities at scale {scale} ...")
        t = time.perf_counter()
        made = generate_visits(env, data, scale=scale)
        print(f"generation: {time.perf_counter() - t:.1f} s ({made['visits']} visits, "
              f"{made['attendance']} attendance lines)")
    root = data["root"]
    if not env["party.ticket"].search_count([("origin_grid_id", "child_of", root.id)]):
        print(f"generating a year of tickets at scale {scale} ...")
        t = time.perf_counter()
        made = generate_tickets(env, data, scale=scale)
        print(f"generation: {time.perf_counter() - t:.1f} s ({made['tickets']} tickets)")


def ensure_scheme(env, root, month):
    Scheme = env["party.score.scheme"]
    scheme = Scheme.search([("grid_id", "=", root.id), ("subject_type", "=", "member")], limit=1)
    if scheme:
        return scheme
    category = env.ref("party_grid_scoring.party_score_category_service")
    return Scheme.create({
        "name": "基准县党员积分管理办法", "grid_id": root.id, "subject_type": "member",
        "date_from": month - relativedelta(years=1), "base_points": 60.0,
        "item_ids": [Command.create({
            "name": name, "category_id": category.id, "measure": measure, "formula": formula,
            "points": points, "max_points": maximum, "threshold": threshold,
        }) for name, measure, formula, points, maximum, threshold in ITEMS],
    })


def _item_sql(item):
    """The points of one item in the SQL floor, as the addon's ``_score``."""
    num, den = (SQL(x) for x in MEASURE_SQL[item.measure])
    sign = -1 if item.points < 0 else 1
    top = sign * item.max_points
    if item.measure in RATES:
        if item.formula == "threshold":
            return SQL("CASE WHEN %s > 0 AND %s * 100.0 / %s >= %s THEN %s ELSE 0 END",
                       den, num, den, item.threshold, top)
        if item.formula == "rate":
            return SQL("CASE WHEN %s > 0 THEN round(%s::numeric * %s / %s, 2) ELSE 0 END",
                       den, top, num, den)
        value = SQL("(%s::numeric * (%s)::numeric)", item.points, num)
        return SQL("CASE WHEN %s > 0 THEN %s(%s, %s) ELSE 0 END", den,
                   SQL("least" if sign > 0 else "greatest"), value, top)
    if item.formula == "threshold":
        return SQL("CASE WHEN %s >= %s THEN %s ELSE 0 END", num, item.threshold, top)
    value = SQL("(%s::numeric * (%s)::numeric)", item.points, num)
    return SQL("round(%s(%s, %s), 2)", SQL("least" if sign > 0 else "greatest"), value, top)


def measures_sql(env, scheme, month, select):
    """The measures of every member as one row each (``x``), and ``select`` over it."""
    start, stop = duty_month_bounds(month)
    required, must = env["party.visit"]._duty_required_contacts()
    return SQL(
            """WITH m AS (
                 SELECT m.id, m.user_id, m.grid_id FROM party_member m
                   JOIN party_grid g ON g.id = m.grid_id
                  WHERE m.active AND g.parent_path LIKE %(root)s),
               c AS (
                 SELECT contact_member_id AS id,
                        count(*) FILTER (WHERE done) AS done, count(*) AS linked,
                        count(*) FILTER (WHERE must_visit AND done) AS must_done,
                        count(*) FILTER (WHERE must_visit) AS must
                   FROM (SELECT h.contact_member_id, h.must_visit,
                                (SELECT count(*) FROM party_visit v
                                  WHERE v.household_id = h.id
                                    AND v.member_id = h.contact_member_id
                                    AND v.date >= %(start)s AND v.date < %(stop)s)
                                >= CASE WHEN h.must_visit THEN %(must)s ELSE %(req)s END AS done
                           FROM party_household h JOIN m ON m.id = h.contact_member_id
                          WHERE h.active) h
                  GROUP BY 1),
               a AS (
                 SELECT a.member_id AS id,
                        count(*) FILTER (WHERE a.activity_type != 'volunteer'
                                           AND a.state = 'present') AS present,
                        count(*) FILTER (WHERE a.activity_type != 'volunteer'
                                           AND a.state != 'excused') AS due,
                        coalesce(sum(a.hours) FILTER (WHERE a.activity_type = 'volunteer'
                                                        AND a.state = 'present'), 0) AS hours
                   FROM party_activity_attendance a JOIN m ON m.id = a.member_id
                  WHERE a.date >= %(start)s AND a.date < %(stop)s
                  GROUP BY 1),
               t AS (
                 SELECT t.user_id,
                   count(*) FILTER (WHERE t.date_assigned >= %(start)s
                                      AND t.date_assigned < %(stop)s) AS claimed,
                   count(*) FILTER (WHERE t.date_closed >= %(start)s
                                      AND t.date_closed < %(stop)s) AS closed,
                   count(*) FILTER (WHERE t.date_closed >= %(start)s AND t.date_closed < %(stop)s
                                      AND t.closed_on_time) AS on_time,
                   count(*) FILTER (WHERE t.date_received < %(stop)s
                                      AND (t.date_closed IS NULL OR t.date_closed >= %(start)s)
                                      AND coalesce(t.reopen_count, 0) > 0) AS reopened,
                   count(*) FILTER (WHERE t.date_received < %(stop)s
                                      AND (t.date_closed IS NULL OR t.date_closed >= %(start)s)
                                      AND t.supervision_card = 'red') AS red,
                   count(*) FILTER (WHERE t.date_return_visit >= %(start)s
                                      AND t.date_return_visit < %(stop)s
                                      AND t.satisfaction IN ('satisfied', 'basic')) AS satisfied,
                   count(*) FILTER (WHERE t.date_return_visit >= %(start)s
                                      AND t.date_return_visit < %(stop)s) AS rated
                   FROM party_ticket t WHERE t.active AND t.user_id IN (SELECT user_id FROM m)
                  GROUP BY 1)
               %(select)s
                 FROM (SELECT m.id, m.user_id, m.grid_id,
                              coalesce(c.done, 0) AS c_done, coalesce(c.linked, 0) AS c_linked,
                              coalesce(c.must_done, 0) AS c_must_done,
                              coalesce(c.must, 0) AS c_must,
                              coalesce(a.present, 0) AS a_present, coalesce(a.due, 0) AS a_due,
                              coalesce(a.hours, 0) AS a_hours,
                              coalesce(t.claimed, 0) AS t_claimed,
                              coalesce(t.closed, 0) AS t_closed,
                              coalesce(t.on_time, 0) AS t_on_time,
                              coalesce(t.reopened, 0) AS t_reopened,
                              coalesce(t.red, 0) AS t_red,
                              coalesce(t.satisfied, 0) AS t_satisfied,
                              coalesce(t.rated, 0) AS t_rated
                         FROM m LEFT JOIN c ON c.id = m.id LEFT JOIN a ON a.id = m.id
                         LEFT JOIN t ON t.user_id = m.user_id) x %(tail)s""",
            root=scheme.grid_id.parent_path + "%", start=start, stop=stop, must=must,
            req=required, select=select[0], tail=select[1])


def totals_sql(env, scheme, month):
    """Every member's total for the month in one statement: (members, sum of totals)."""
    items = scheme.item_ids.filtered(lambda i: i.measure != "manual")
    points = SQL(" + ").join(_item_sql(item) for item in items)
    query = measures_sql(env, scheme, month, (
        SQL("SELECT count(*), round(sum(%s + %s), 0)", scheme.base_points, points), SQL()))

    def run():
        env.cr.execute(query)
        count, total = env.cr.fetchone()
        return count, int(total)
    return run


def ledger_sql(env, scheme, period):
    """The same ledger written in plain SQL: delete the month's automatic lines and insert
    one line per member and item (a deduction that takes nothing is left out), with its
    points, maximum, points lost and basis. Returns (lines, sum of their points)."""
    items = scheme.item_ids.filtered(lambda i: i.measure != "manual")
    values = SQL(", ").join(
        SQL("(%s, %s, %s, %s::numeric, %s::numeric, %s::numeric, %s)", item.id,
            item.category_id.id, item.points < 0, _item_sql(item), item.max_points,
            SQL(MEASURE_SQL[item.measure][0]), SQL(MEASURE_SQL[item.measure][1]))
        for item in items)
    query = measures_sql(env, scheme, month=period.date_from, select=(
        SQL("""INSERT INTO party_score_line (period_id, item_id, category_id, subject_type,
                   subject_id, member_id, grid_id, subject_user_id, date, points, max_points,
                   lost_points, basis, kind, state, author_id, create_uid, write_uid,
                   create_date, write_date)
               SELECT %(period)s, v.item, v.category, 'member', x.id, x.id, x.grid_id,
                      x.user_id, %(day)s, v.points, v.max,
                      CASE WHEN v.deduction THEN -v.points ELSE v.max - v.points END,
                      format(%(fmt)s, v.num, v.den), 'auto', 'approved', 1, 1, 1,
                      now(), now()""", period=period.id, day=period.date_from, fmt="%s / %s"),
        SQL("""CROSS JOIN LATERAL (VALUES %s) AS v(item, category, deduction, points, max,
                                                num, den)
               WHERE NOT (v.deduction AND v.points = 0)""", values)))

    def run():
        env.cr.execute(SQL("DELETE FROM party_score_line WHERE period_id = %s AND kind = 'auto'",
                           period.id))
        env.cr.execute(query)
        env.cr.execute(SQL("""SELECT count(*), round(sum(points)) FROM party_score_line
                               WHERE period_id = %s AND kind = 'auto'""", period.id))
        count, total = env.cr.fetchone()
        return count, int(total)
    return run


def ledger_orm(env, period):
    def run():
        period._compute_lines(batch_size=BATCH)
        groups = env["party.score.line"]._read_group(
            [("period_id", "=", period.id), ("kind", "=", "auto")], [],
            ["__count", "points:sum"])
        count, total = groups[0]
        return count, int(round(total))
    return run


def totals_orm(env, period):
    def run():
        period._compute_lines(batch_size=BATCH)
        groups = env["party.score.total"]._read_group(
            [("period_id", "=", period.id)], [], ["__count", "points:sum"])
        count, total = groups[0]
        return count, int(round(total))
    return run


def ranking_orm(env, scheme, quarter):
    def run():
        rows = env["party.score.quarter"].search_read(
            [("scheme_id", "=", scheme.id), ("quarter", "=", quarter)],
            ["rank", "stars", "score"])
        stars = sorted({r["stars"] for r in rows})
        return (len(rows), sum(1 for r in rows if r["rank"] == 1),
                tuple(sum(1 for r in rows if r["stars"] == s) for s in stars))
    return run


def ranking_sql(env, scheme, quarter):
    def run():
        env.cr.execute(SQL(
            """WITH q AS (
                 SELECT subject_id, avg(total) AS score FROM (
                   SELECT l.subject_id, l.period_id, %(base)s + sum(l.points) AS total
                     FROM party_score_line l
                    WHERE l.period_id IN (SELECT id FROM party_score_period WHERE scheme_id = %(scheme)s)
                      AND l.state = 'approved'
                      AND date_trunc('quarter', l.date) = %(quarter)s
                    GROUP BY 1, 2) m GROUP BY 1),
               r AS (
                 SELECT round(score::numeric, 2) AS score,
                        RANK() OVER (ORDER BY round(score::numeric, 2) DESC) AS rank,
                        CASE WHEN round(score::numeric, 2) >= %(s5)s THEN 5
                             WHEN round(score::numeric, 2) >= %(s4)s THEN 4
                             WHEN round(score::numeric, 2) >= %(s3)s THEN 3
                             WHEN round(score::numeric, 2) >= %(s2)s THEN 2
                             WHEN round(score::numeric, 2) >= %(s1)s THEN 1 ELSE 0 END AS stars
                   FROM q)
               SELECT sum(n)::int, 0, array_agg(n ORDER BY stars) FROM (
                 SELECT stars, count(*) AS n FROM r GROUP BY 1) s""",
            base=scheme.base_points, scheme=scheme.id, quarter=quarter,
            s5=scheme.star5_min, s4=scheme.star4_min, s3=scheme.star3_min,
            s2=scheme.star2_min, s1=scheme.star1_min))
        count, _unused, histogram = env.cr.fetchone()
        env.cr.execute(SQL(
            """SELECT count(*) FROM (
                 SELECT l.subject_id, %(base)s + sum(l.points) AS total FROM party_score_line l
                  WHERE l.period_id IN (SELECT id FROM party_score_period WHERE scheme_id = %(scheme)s)
                      AND l.state = 'approved'
                    AND date_trunc('quarter', l.date) = %(quarter)s GROUP BY 1) x
               WHERE round(total::numeric, 2) = (
                 SELECT max(round(t::numeric, 2)) FROM (
                   SELECT %(base)s + sum(points) AS t FROM party_score_line
                    WHERE period_id IN (SELECT id FROM party_score_period WHERE scheme_id = %(scheme)s)
                      AND state = 'approved'
                      AND date_trunc('quarter', date) = %(quarter)s GROUP BY subject_id) y)""",
            base=scheme.base_points, scheme=scheme.id, quarter=quarter))
        return count, env.cr.fetchone()[0], tuple(histogram)
    return run


def my_points_orm(env, user):
    Line = env["party.score.line"].with_user(user)

    def run():
        return Line.web_search_read(
            [("is_mine", "=", True), ("state", "=", "approved")], MY_POINTS_SPEC, limit=80
        )["length"]
    return run


def my_points_sql(env, user):
    def run():
        env.cr.execute(SQL(
            """SELECT l.id, p.name, c.name, i.name, l.basis, l.points, l.max_points,
                      l.lost_points, l.kind
                 FROM party_score_line l JOIN party_score_period p ON p.id = l.period_id
                 JOIN party_score_item i ON i.id = l.item_id
                 JOIN party_score_category c ON c.id = l.category_id
                WHERE l.subject_user_id = %s AND l.state = 'approved'
                ORDER BY l.date DESC, l.subject_id, l.item_id, l.id LIMIT 80""", user.id))
        return len(env.cr.fetchall())
    return run


def main(args):
    with bench_env(args) as (env, data):
        ensure_inputs(env, data, args.scale)
        root = data["root"]
        month = duty_today().replace(day=1) - relativedelta(months=1)
        scheme = ensure_scheme(env, root, month)
        Period = env["party.score.period"]
        period = Period.search([("scheme_id", "=", scheme.id), ("date_from", "=", month),
                                ("period_type", "=", "month")]) or Period.create(
            {"scheme_id": scheme.id, "date_from": month})
        members = len(period._subject_rows())
        env.cr.execute("SELECT count(*) FROM party_visit")
        visits = env.cr.fetchone()[0]
        print(f"scheme: {len(scheme.item_ids)} items; {members} members; {visits} visits")
        orm = measure(env, totals_orm(env, period), repeat=3)
        batches = -(-members // BATCH)
        quarter = month.replace(month=(month.month - 1) // 3 * 3 + 1)
        rows = [
            (f"monthly computation, {members} members in {batches} batches of {BATCH}",
             orm, measure(env, totals_sql(env, scheme, month), repeat=3)),
            ("  the same, beside the ledger written in plain SQL",
             measure(env, ledger_orm(env, period), repeat=3),
             measure(env, ledger_sql(env, scheme, period), repeat=3)),
            ("quarter stars and ranking, county",
             measure(env, ranking_orm(env, scheme, quarter)),
             measure(env, ranking_sql(env, scheme, quarter))),
        ]
        env.cr.execute(SQL(
            """SELECT subject_user_id FROM party_score_line WHERE period_id = %s
                 AND subject_user_id IS NOT NULL LIMIT 1""", period.id))
        user = env["res.users"].browse(env.cr.fetchone()[0])
        rows.append(('"我的积分" (my points), one member', measure(env, my_points_orm(env, user)),
                     measure(env, my_points_sql(env, user))))
        report(rows)
        env.cr.execute(SQL("SELECT count(*) FROM party_score_line WHERE period_id = %s",
                           period.id))
        lines = env.cr.fetchone()[0]
        print(f"\nledger: {lines} lines for the month; {orm[1]} queries for the computation "
              f"({orm[1] / batches:.1f} per batch of {BATCH} members, whatever the number of "
              f"visits, attendance lines and tickets)")
