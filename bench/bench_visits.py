"""Visit-log benchmark (issue #4) on the generated county plus a year of visits and
activities (bench/county_visits.py, generated on first use): each figure through the ORM
beside the plain-SQL floor computing the same figure, in the same run.

    bash bench/run.sh visits [--scale 1.0] [--regenerate]

Prints: 'not contacted this month' for one member, one township and the county (the duty
figures of the member and grid forms, and the household filter); the contact-duty report's
pivot (this month by grid) and trend (the last 12 months by month, read from the monthly
roll-up, and the same through the report's household-month rows, as before the roll-up),
after the roll-up's job has completed the report's months once; the member attendance rate;
then the reminder for every member with a login (6,000 at scale 1): batch size, queries per
batch, total time, first run (creates the activities) and second run (refreshes them). The
reminder runs without committing (the benchmark rolls back), like the cron in tests.
"""

import threading
import time
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.tools import SQL

from odoo.addons.party_grid.models.party_grid_duty_month import duty_window
from odoo.addons.party_grid.models.party_visit import (
    DUTY_TZ,
    duty_month_bounds,
    duty_today,
)

from .bench_register import measure
from .common import bench_env, report
from .county_visits import find_visits, generate_visits

DUE_SQL = """(SELECT count(*) FROM party_visit v
               WHERE v.household_id = h.id AND v.member_id = h.contact_member_id
                 AND v.date >= %(start)s AND v.date < %(stop)s)
             < CASE WHEN h.must_visit THEN %(must)s ELSE %(required)s END"""


def _due(env):
    """The condition 'household h is not contacted enough this month', as in the addon."""
    start, stop = duty_month_bounds(duty_today())
    required, must = env["party.visit"]._duty_required_contacts()
    return SQL(DUE_SQL, start=start, stop=stop, must=must, required=required)


def member_orm(member):
    def run():
        return member.read(["duty_household_count", "duty_uncontacted_count"])[0][
            "duty_uncontacted_count"]
    return run


def member_sql(env, member):
    due = _due(env)

    def run():
        env.cr.execute(SQL(
            "SELECT count(*) FROM party_household h WHERE h.active AND h.contact_member_id = %s "
            "AND %s", member.id, due))
        return env.cr.fetchone()[0]
    return run


def grid_orm(grid):
    def run():
        return grid.read(["duty_household_count", "duty_uncontacted_count"])[0][
            "duty_uncontacted_count"]
    return run


def grid_sql(env, grid):
    due = _due(env)

    def run():
        env.cr.execute(SQL(
            "SELECT count(*) FROM party_household h JOIN party_grid g ON g.id = h.grid_id "
            "WHERE h.active AND g.active AND g.parent_path LIKE %s "
            "AND h.contact_member_id IS NOT NULL AND %s", f"{grid.parent_path}%", due))
        return env.cr.fetchone()[0]
    return run


def duty_report_orm(env, grid):
    """The contact-duty report's pivot as the web client asks for it: this
    month (the action's default filter), one row per grid of the subtree."""
    month = duty_today().replace(day=1)
    Report = env["party.visit.duty.report"]

    def run():
        groups = Report.web_read_group(
            [("grid_id", "child_of", grid.id), ("month", "=", month)],
            ["due_count:sum", "contacted_count:sum", "uncontacted_count:sum",
             "contact_rate:avg"],
            ["grid_id"], lazy=False)["groups"]
        return sum(g["uncontacted_count"] for g in groups)
    return run


TREND_MONTHS = 12


def trend_orm(env, grid, rows=False):
    """The report's graph by month (the trend of 报表 › 联系履职趋势) over the last
    12 months; ``rows``: with a filter on the household rows, which the roll-up
    does not hold, so that the report counts its household-month rows (the
    cost before the roll-up)."""
    first = duty_window()[1] - relativedelta(months=TREND_MONTHS - 1)
    domain = [("grid_id", "child_of", grid.id), ("month", ">=", first)]
    if rows:
        domain.append(("household_id", "!=", False))
    Report = env["party.visit.duty.report"]

    def run():
        groups = Report.web_read_group(
            domain, ["due_count:sum", "contacted_count:sum"], ["month:month"], lazy=False
        )["groups"]
        return sorted(
            (g["__range"]["month:month"]["from"][:10], g["due_count"], g["contacted_count"])
            for g in groups
        )
    return run


def trend_sql(env, grid):
    first, last = duty_window()
    first = last - relativedelta(months=TREND_MONTHS - 1)
    required, must = env["party.visit"]._duty_required_contacts()

    def run():
        env.cr.execute(SQL(
            """SELECT m.month::date::text, count(*),
                      count(*) FILTER (WHERE c.n >= CASE WHEN h.must_visit THEN %(must)s
                                                        ELSE %(required)s END)
                 FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                CROSS JOIN generate_series(%(first)s::date, %(last)s::date,
                                           interval '1 month') AS m(month)
                CROSS JOIN LATERAL (
                      SELECT count(*) AS n FROM party_visit v
                       WHERE v.household_id = h.id AND v.member_id = h.contact_member_id
                         AND v.date >= (m.month::timestamp AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC'
                         AND v.date < ((m.month + interval '1 month')::timestamp
                                       AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC') c
                WHERE h.active AND h.contact_member_id IS NOT NULL AND g.parent_path LIKE %(path)s
                GROUP BY 1 ORDER BY 1""",
            must=must, required=required, first=first, last=last, tz=DUTY_TZ,
            path=f"{grid.parent_path}%"))
        return sorted(tuple(row) for row in env.cr.fetchall())
    return run


def complete_rollup(env):
    """The roll-up's hourly job until the report's months are complete (once: the
    rows are committed, as the job commits them)."""
    Month = env["party.grid.duty.month"]
    t = time.perf_counter()
    done = batches = 0
    while n := Month._cron_complete_month():
        done += n
        batches += 1
    if done:
        env.cr.commit()
        print(f"the roll-up's job completed the report's {TREND_MONTHS * 2} months: {done} "
              f"grid-months in {batches} batches, {time.perf_counter() - t:.1f} s")


def list_orm(env, grid):
    Household = env["party.household"]

    def run():
        res = Household.web_search_read(
            [("grid_id", "child_of", grid.id), ("is_contact_due", "=", True)],
            {"name": {}, "contact_member_id": {"fields": {"display_name": {}}}}, limit=80)
        return res["length"]
    return run


def attendance_orm(grid):
    def run():
        return round(grid.read(["activity_attendance_rate"])[0]["activity_attendance_rate"], 1)
    return run


def attendance_sql(env, grid):
    def run():
        env.cr.execute(SQL(
            """SELECT round(100.0 * count(*) FILTER (WHERE a.state = 'present') / count(*), 1)
                 FROM party_activity_attendance a JOIN party_grid g ON g.id = a.grid_id
                WHERE g.active AND g.parent_path LIKE %s""", f"{grid.parent_path}%"))
        return float(env.cr.fetchone()[0] or 0.0)
    return run


def reminder_sql(env):
    due = _due(env)

    def run():
        env.cr.execute(SQL(
            "SELECT h.contact_member_id, array_agg(h.name ORDER BY h.name, h.id) "
            "FROM party_household h JOIN party_member m ON m.id = h.contact_member_id "
            "WHERE h.active AND m.active AND m.user_id IS NOT NULL AND %s GROUP BY 1", due))
        return len(env.cr.fetchall())
    return run


def run_reminder(env, batch_size, day):
    Member = env["party.member"]
    env.invalidate_all()
    thread = threading.current_thread()
    testing = getattr(thread, "testing", False)
    thread.testing = True  # no commit per batch: the benchmark rolls back
    try:
        before = env.cr.sql_log_count
        t = time.perf_counter()
        reminded = Member._remind_all_uncontacted(day, batch_size=batch_size)
        env.flush_all()
        elapsed = time.perf_counter() - t
        queries = env.cr.sql_log_count - before
    finally:
        thread.testing = testing
    batches = -(-reminded // batch_size) or 1
    return reminded, elapsed, queries, batches


def main(args):
    with bench_env(args) as (env, data):
        env.cr.execute("SELECT count(*) FROM party_activity_attendance")
        lines = env.cr.fetchone()[0]
        if not find_visits(env) or not lines:
            print(f"generating a year of visits and activities at scale {args.scale} ...")
            t = time.perf_counter()
            made = generate_visits(env, data, scale=args.scale)
            print(f"generation: {time.perf_counter() - t:.1f} s ({made['users']} logins, "
                  f"{made['visits']} visits, {made['activities']} activities, "
                  f"{made['attendance']} attendance lines)")
        else:
            env.cr.execute("SELECT count(*) FROM party_activity")
            n_activities = env.cr.fetchone()[0]
            print(f"visits present: {find_visits(env)} visits, {n_activities} activities, "
                  f"{lines} attendance lines")
        root, township = data["root"], data["township"]
        complete_rollup(env)
        env.cr.execute(SQL(
            """SELECT h.contact_member_id FROM party_household h
                WHERE h.contact_member_id IS NOT NULL GROUP BY 1
                ORDER BY count(*) DESC, 1 LIMIT 1"""))
        member = env["party.member"].browse(env.cr.fetchone()[0])
        trend_floor = measure(env, trend_sql(env, root), repeat=1)
        rows = [
            (f"not contacted this month, one member ({member.duty_household_count} households)",
             measure(env, member_orm(member)), measure(env, member_sql(env, member))),
            ("not contacted this month, one township",
             measure(env, grid_orm(township)), measure(env, grid_sql(env, township))),
            ("not contacted this month, county",
             measure(env, grid_orm(root)), measure(env, grid_sql(env, root))),
            ("contact-duty report, this month by grid (pivot), township",
             measure(env, duty_report_orm(env, township)), measure(env, grid_sql(env, township))),
            ("contact-duty report, this month by grid (pivot), county",
             measure(env, duty_report_orm(env, root)), measure(env, grid_sql(env, root))),
            ("contact-duty report, last 12 months by month (trend), county",
             measure(env, trend_orm(env, root)), trend_floor),
            ("the same through the household-month rows (before the roll-up), county",
             measure(env, trend_orm(env, root, rows=True), repeat=1), trend_floor),
            ("household filter 'not contacted' (80 of total), township",
             measure(env, list_orm(env, township)), measure(env, grid_sql(env, township))),
            ("attendance rate, county",
             measure(env, attendance_orm(root)), measure(env, attendance_sql(env, root))),
        ]
        report(rows)
        batch_size = 500
        sql = measure(env, reminder_sql(env), repeat=3)
        print(f"\nreminder of members with a login (batch size {batch_size}); "
              f"SQL floor of the selection alone: {sql[0] * 1000:.1f} ms, {sql[1]} query, "
              f"{sql[2]} members")
        today = duty_today()
        # the second run is another reminder day of the month (the same day resumes: nobody
        # is reminded twice on one day)
        other_day = today + timedelta(days=1)
        if other_day.month != today.month:
            other_day = today - timedelta(days=1)
        for label, day in (("first run (creates activities)", today),
                           ("second run, the next day (refreshes them)", other_day)):
            reminded, elapsed, queries, batches = run_reminder(env, batch_size, day)
            print(f"  {label}: {reminded} members in {batches} batches, {elapsed:.1f} s, "
                  f"{queries} queries ({queries / batches:.0f} per batch, "
                  f"{elapsed / batches * 1000:.0f} ms per batch)")
            if reminded != sql[2]:
                raise SystemExit(f"the reminder reached {reminded} members, SQL finds {sql[2]}")
