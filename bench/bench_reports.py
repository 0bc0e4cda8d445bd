"""Reports benchmark (issue #10) on the generated county with a year of visits and 10,000
tickets: the statistics table (seed 004's 情况统计表) and the leader dashboard's data, each
through the ORM as the web client calls it beside a plain-SQL query computing the same
figures, in the same run.

    BENCH_DB=party_grid_bench10 BENCH_ADDONS=party_grid_reports bash bench/run.sh reports [--scale 1.0]

What is generated when missing: the county (bench/county.py), a year of visits and
activities (bench/county_visits.py), 10,000 tickets (bench/county_tickets.py) and a county
leader login. Prints, as the county leader and as a township officer:

- the statistics table builder (``party.report.builder.build_statistics``) for the county
  root over the last twelve months, then the whole XLSX through ``report_xlsx`` (as the
  web client's /report/xlsx route renders it), beside plain SQL over the tables (tickets and
  contact duty through party_grid's SQL views, which are plain SQL themselves);
- the dashboard (``party.report.dashboard.get_dashboard_data`` through ``call_kw``, with the
  web client's context), beside plain SQL over the tables and the same views: its duty trend
  counted from the visits, then summed from the monthly roll-up as the ORM reads it (the
  roll-up's job completes the months the generation's SQL load left without rows first).

Record rules apply on the ORM side; the SQL of the township officer is restricted to the
officer's subtree by ``parent_path``, as the rules do.
"""

import time
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_visit import duty_month_bounds

from .bench_register import measure
from .common import bench_env, report
from .county_tickets import generate_tickets
from .county_visits import find_visits, generate_visits

TZ = "Asia/Shanghai"
ORGS = ("committee", "general_branch", "branch", "group")
STATUSES = ("full", "probationary", "activist", "applicant")
TREND_MONTHS = 6


def _rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


def ensure_data(env, data, scale):
    if not find_visits(env):
        print(f"generating a year of visits and activities at scale {scale} ...")
        t = time.perf_counter()
        made = generate_visits(env, data, scale=scale)
        print(f"visit generation: {time.perf_counter() - t:.1f} s ({made['visits']} visits)")
    root = data["root"]
    if not env["party.ticket"].search_count([("origin_grid_id", "child_of", root.id)]):
        print(f"generating tickets at scale {scale} ...")
        t = time.perf_counter()
        made = generate_tickets(env, data, scale=scale)
        print(f"ticket generation: {time.perf_counter() - t:.1f} s ({made['tickets']} tickets)")
    county = env["res.users"].search([("login", "=", "bench_county")])
    if not county:
        county = env["res.users"].with_context(no_reset_password=True).create({
            "name": "基准县级领导", "login": "bench_county", "tz": TZ,
            "groups_id": [(6, 0, [env.ref("party_grid.party_grid_group_county").id])],
        })
        env.cr.commit()
    # the roll-up's hourly job, as on a server: the months the generation's
    # visits (loaded by SQL) left without their rows, which the dashboard's
    # duty trend reads (it counts the visits of the months without them)
    Month, batches, t = env["party.grid.duty.month"], 0, time.perf_counter()
    while Month._cron_complete_month():
        batches += 1
    if batches:
        env.cr.commit()
        print(f"the roll-up's job completed the earlier months in {batches} batches: "
              f"{time.perf_counter() - t:.1f} s")
    return county


def web_context(user):
    """The context the web client sends with every call (in Chinese when the benchmark
    database has it loaded)."""
    lang = "zh_CN" if user.env["res.lang"]._lang_get("zh_CN") else "en_US"
    return {"lang": lang, "tz": TZ, "uid": user.id, "allowed_company_ids": user.company_id.ids}


# ------------------------------------------------------------------ statistics table
def statistics_orm(env, user, grid, date_from, date_to):
    builder = env["party.report.builder"].with_user(user).with_context(web_context(user))

    def run():
        table = builder.build_statistics(grid.id, date_from, date_to)
        # rows without the unit's name (the SQL has no translations), in a fixed order
        return sorted(tuple(row[1:]) for row in table["rows"]), tuple(table["totals"][1:])
    return run


def report_xlsx(env, user, grid, date_from, date_to, report="statistics"):
    ctx = web_context(user)
    wizard = env["party.grid.report.wizard"].with_user(user).with_context(ctx).create({
        "report": report, "grid_id": grid.id, "date_from": date_from, "date_to": date_to})
    Report = env["ir.actions.report"].with_user(user).with_context(ctx)

    def run():
        content, kind = Report._render_xlsx(f"party_grid_reports.{report}_xlsx", wizard.ids, {})
        return kind, len(content) > 0
    return run


def statistics_sql(env, grid, date_from, date_to, scope_paths):
    """The same rows from the tables: each grid of the subtree keyed by the child of
    ``grid`` on its path (or ``grid`` itself); one query per figure family, summed per key
    and laid out as the builder's columns."""
    path = grid.parent_path
    start = datetime.combine(date_from, datetime.min.time())
    end = datetime.combine(date_to + relativedelta(days=1), datetime.min.time())
    duty_start, duty_stop = duty_month_bounds(date_to)
    req, must = env["party.visit"]._duty_required_contacts()
    visible = SQL("g.active AND g.parent_path LIKE %s AND g.parent_path LIKE ANY(%s)",
                  f"{path}%", scope_paths)
    key = SQL("COALESCE(NULLIF(split_part(substr(g.parent_path, %s), '/', 1), '')::int, %s)",
              len(path) + 1, grid.id)

    def run():
        env.cr.execute(SQL(
            """SELECT %(key)s, g.id, g.level_id, l.sequence, g.org_type
                 FROM party_grid g JOIN party_grid_level l ON l.id = g.level_id
                WHERE %(visible)s ORDER BY g.parent_path""", key=key, visible=visible))
        grids = env.cr.fetchall()
        rows = {}
        order = []
        levels = sorted({(seq, lv) for k, gid, lv, seq, _o in grids if gid != grid.id})
        for k, gid, lv, _seq, org in grids:
            if k not in rows:
                rows[k] = {"level": {}, "org": {}, "status": {}, "n": {}}
                order.append(k)
            row = rows[k]
            if gid != grid.id:
                row["level"][lv] = row["level"].get(lv, 0) + 1
            row["org"][org] = row["org"].get(org, 0) + 1

        def add(k, name, value):
            rows[k]["n"][name] = rows[k]["n"].get(name, 0) + (value or 0)

        env.cr.execute(SQL(
            """SELECT %(key)s, m.status, count(*), count(*) FILTER (WHERE m.is_central_household),
                      count(*) FILTER (WHERE m.is_away)
                 FROM party_member m JOIN party_grid g ON g.id = m.grid_id
                WHERE m.active AND %(visible)s GROUP BY 1, 2""", key=key, visible=visible))
        for k, status, count, central, away in env.cr.fetchall():
            rows[k]["status"][status] = rows[k]["status"].get(status, 0) + count
            add(k, "central", central)
            add(k, "away", away)
        env.cr.execute(SQL(
            """SELECT %(key)s, count(*) FILTER (WHERE h.kind = 'household'),
                      count(*) FILTER (WHERE h.kind != 'household'), count(h.contact_member_id)
                 FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                WHERE h.active AND %(visible)s GROUP BY 1""", key=key, visible=visible))
        for k, household, other, covered in env.cr.fetchall():
            add(k, "household", household)
            add(k, "other", other)
            add(k, "covered", covered)
        env.cr.execute(SQL(
            """SELECT k, sum(n) FROM (
                 SELECT %(key)s AS k, r.grid_id, count(DISTINCT r.partner_id) AS n
                   FROM party_grid_role r JOIN party_grid g ON g.id = r.grid_id
                  WHERE %(visible)s GROUP BY 1, 2) per_grid GROUP BY 1""",
            key=key, visible=visible))
        for k, staff in env.cr.fetchall():
            add(k, "staff", staff)
        env.cr.execute(SQL(
            """SELECT %(key)s, sum(t.received_count), sum(t.closed_count),
                      sum(t.self_closed_count), sum(t.transferred_count)
                 FROM party_ticket_report t JOIN party_grid g ON g.id = t.origin_grid_id
                WHERE t.date_received >= %(start)s AND t.date_received < %(end)s AND %(visible)s
                GROUP BY 1""", key=key, visible=visible, start=start, end=end))
        for k, received, closed, own, moved in env.cr.fetchall():
            add(k, "received", received)
            add(k, "closed", closed)
            add(k, "self", own)
            add(k, "moved", moved)
        env.cr.execute(SQL(
            """WITH c AS (SELECT v.household_id, v.member_id, count(*) AS n FROM party_visit v
                           WHERE v.date >= %(start)s AND v.date < %(stop)s GROUP BY 1, 2)
               SELECT %(key)s, count(*),
                      count(*) FILTER (WHERE COALESCE(c.n, 0) >= CASE WHEN h.must_visit
                                                               THEN %(must)s ELSE %(req)s END)
                 FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                 LEFT JOIN c ON c.household_id = h.id AND c.member_id = h.contact_member_id
                WHERE h.active AND h.contact_member_id IS NOT NULL AND %(visible)s GROUP BY 1""",
            key=key, visible=visible, start=duty_start, stop=duty_stop, must=must, req=req))
        for k, due, contacted in env.cr.fetchall():
            add(k, "due", due)
            add(k, "contacted", contacted)

        def values(row):
            n = row["n"]
            objects = n.get("household", 0) + n.get("other", 0)
            return tuple(
                [row["level"].get(lv, 0) for _seq, lv in levels]
                + [row["org"].get(org, 0) for org in ORGS]
                + [n.get("central", 0)]
                + [row["status"].get(s, 0) for s in STATUSES]
                + [n.get(x, 0) for x in ("away", "household", "other", "covered")]
                + [_rate(n.get("covered", 0), objects), n.get("staff", 0)]
                + [n.get(x, 0) for x in ("received", "closed", "self", "moved")]
                + [_rate(n.get("contacted", 0), n.get("due", 0))])

        out = [values(rows[k]) for k in order]
        total = {"level": {}, "org": {}, "status": {}, "n": {}}
        for row in rows.values():
            for part in total:
                for name, value in row[part].items():
                    total[part][name] = total[part].get(name, 0) + value
        return sorted(out), values(total)
    return run


# ------------------------------------------------------------------ dashboard
def dashboard_orm(env, user):
    model = env["party.report.dashboard"].with_user(user)

    def run():
        data = api.call_kw(model, "get_dashboard_data", [], {"context": web_context(user)})
        return dashboard_figures(data)
    return run


def dashboard_figures(data):
    return (data["grids"], data["members"], data["central_households"], data["away_members"],
            data["households"], data["covered_households"], data["coverage_rate"],
            tuple((m["month"], m["due"], m["contacted"], m["rate"]) for m in data["duty_trend"]),
            tuple((m["month"], m["received"], m["closed"]) for m in data["ticket_trend"]),
            tuple(sorted(data["tickets"].items(), key=lambda kv: kv[0])))


def dashboard_sql(env, user, scope_paths, rollup=False):
    """The dashboard's figures in plain SQL; the duty trend counted from the visits, or
    summed from the monthly roll-up (``rollup``) as the ORM reads it."""
    today = fields.Date.context_today(env["res.users"].with_context(tz=TZ))
    first = today.replace(day=1) - relativedelta(months=TREND_MONTHS - 1)
    months = [first + relativedelta(months=i) for i in range(TREND_MONTHS)]
    visible = SQL("g.active AND g.parent_path LIKE ANY(%s)", scope_paths)
    duty_start, duty_stop = duty_month_bounds(first)[0], duty_month_bounds(months[-1])[1]
    req, must = env["party.visit"]._duty_required_contacts()

    def run():
        env.cr.execute(SQL(
            """SELECT (SELECT count(*) FROM party_grid g WHERE %(v)s),
                      m.n, m.central, m.away, h.n, h.covered
                 FROM (SELECT count(*) AS n, count(*) FILTER (WHERE is_central_household) AS central,
                              count(*) FILTER (WHERE is_away) AS away
                         FROM party_member x JOIN party_grid g ON g.id = x.grid_id
                        WHERE x.active AND %(v)s) m,
                      (SELECT count(*) AS n, count(contact_member_id) AS covered
                         FROM party_household x JOIN party_grid g ON g.id = x.grid_id
                        WHERE x.active AND %(v)s) h""", v=visible))
        grids, members, central, away, households, covered = env.cr.fetchone()
        if rollup:
            env.cr.execute(SQL(
                """SELECT r.month, sum(r.contacted_count)
                     FROM party_grid_duty_month r JOIN party_grid g ON g.id = r.grid_id
                    WHERE r.month >= %(first)s AND r.month <= %(last)s AND %(v)s
                    GROUP BY 1""", first=months[0], last=months[-1], v=visible))
        else:
            env.cr.execute(SQL(
                """WITH c AS (SELECT v.household_id, v.member_id, count(*) AS n,
                                     date_trunc('month', v.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                                         AS month
                                FROM party_visit v WHERE v.date >= %(start)s AND v.date < %(stop)s
                               GROUP BY 1, 2, 4)
                   SELECT c.month, count(*) FROM c
                     JOIN party_household h ON h.id = c.household_id AND h.contact_member_id = c.member_id
                     JOIN party_grid g ON g.id = h.grid_id
                    WHERE h.active AND %(v)s
                      AND c.n >= CASE WHEN h.must_visit THEN %(must)s ELSE %(req)s END
                    GROUP BY 1""", tz=TZ, start=duty_start, stop=duty_stop, v=visible, must=must, req=req))
        contacted = dict(env.cr.fetchall())
        env.cr.execute(SQL(
            """SELECT count(*) FROM party_household x JOIN party_grid g ON g.id = x.grid_id
                WHERE x.active AND x.contact_member_id IS NOT NULL AND %(v)s""", v=visible))
        due = env.cr.fetchone()[0]
        duty = {m: (due, contacted.get(m, 0)) for m in months}
        env.cr.execute(SQL(
            """SELECT date_trunc('month', timezone(%(tz)s, timezone('UTC', t.date_received)))::date,
                      sum(t.received_count), sum(t.closed_count)
                 FROM party_ticket_report t JOIN party_grid g ON g.id = t.origin_grid_id
                WHERE %(v)s GROUP BY 1""",
            tz=TZ, v=visible))
        trend = {m: (rec, closed) for m, rec, closed in env.cr.fetchall()}
        env.cr.execute(SQL(
            """SELECT coalesce(sum(t.received_count), 0), coalesce(sum(t.closed_count), 0),
                      coalesce(sum(t.on_time_count), 0), coalesce(sum(t.visited_count), 0),
                      coalesce(sum(t.satisfied_count), 0)
                 FROM party_ticket_report t JOIN party_grid g ON g.id = t.origin_grid_id
                WHERE %(v)s""", v=visible))
        received, closed, on_time, visited, satisfied = env.cr.fetchone()
        env.cr.execute(SQL(
            """SELECT l.name, count(*)
                 FROM party_ticket_report t JOIN party_grid g ON g.id = t.origin_grid_id
                 JOIN party_grid_level l ON l.id = t.resolved_level_id
                WHERE t.closed_count = 1 AND %(v)s
                GROUP BY l.id, l.name, l.sequence ORDER BY l.sequence, l.id""", v=visible))
        by_level = [{"level": name, "count": n} for name, n in env.cr.fetchall()]
        return (
            grids, members, central, away, households, covered, _rate(covered, households),
            tuple((m.strftime("%Y-%m"), duty.get(m, (0, 0))[0] or 0, duty.get(m, (0, 0))[1] or 0,
                   _rate(duty.get(m, (0, 0))[1] or 0, duty.get(m, (0, 0))[0] or 0)) for m in months),
            tuple((m.strftime("%Y-%m"), trend.get(m, (0, 0))[0] or 0, trend.get(m, (0, 0))[1] or 0)
                  for m in months),
            tuple(sorted({
                "received": received, "closed": closed,
                "closed_rate": _rate(closed, received), "on_time_rate": _rate(on_time, closed),
                "satisfaction_rate": _rate(satisfied, visited), "by_level": by_level,
            }.items(), key=lambda kv: kv[0])),
        )
    return run


def main(args):
    with bench_env(args) as (env, data):
        county = ensure_data(env, data, args.scale)
        root, township, officer = data["root"], data["township"], data["officer"]
        env.cr.execute("SELECT count(*) FROM party_ticket")
        tickets = env.cr.fetchone()[0]
        print(f"county: {data['grids']} grids, {data['members']} members, "
              f"{data['households']} households, {find_visits(env)} visits, {tickets} tickets")
        today = fields.Date.context_today(env["res.users"].with_context(tz=TZ))
        date_from, date_to = today - relativedelta(years=1) + relativedelta(days=1), today
        all_paths = ["%"]
        officer_paths = [f"{p}%" for p in officer.party_grid_scope_ids.mapped("parent_path")]
        rows = [
            (f"statistics table, county root ({len(root.child_ids)} townships), county leader",
             measure(env, statistics_orm(env, county, root, date_from, date_to)),
             measure(env, statistics_sql(env, root, date_from, date_to, all_paths))),
            ("statistics table, one township, township officer",
             measure(env, statistics_orm(env, officer, township, date_from, date_to)),
             measure(env, statistics_sql(env, township, date_from, date_to, officer_paths))),
            ("dashboard data, county leader",
             measure(env, dashboard_orm(env, county)),
             measure(env, dashboard_sql(env, county, all_paths))),
            ("dashboard data, township officer",
             measure(env, dashboard_orm(env, officer)),
             measure(env, dashboard_sql(env, officer, officer_paths))),
            ("dashboard data, county leader (floor: duty trend from the roll-up)",
             measure(env, dashboard_orm(env, county)),
             measure(env, dashboard_sql(env, county, all_paths, rollup=True))),
            ("dashboard data, township officer (floor: duty trend from the roll-up)",
             measure(env, dashboard_orm(env, officer)),
             measure(env, dashboard_sql(env, officer, officer_paths, rollup=True))),
        ]
        report(rows)
        xlsx = measure(env, report_xlsx(env, county, root, date_from, date_to), repeat=3)
        print(f"statistics table XLSX (builder + xlsxwriter, report_xlsx), county root: "
              f"{xlsx[0] * 1000:.1f} ms, {xlsx[1]} queries")
        t = time.perf_counter()
        fn = report_xlsx(env, county, root, date_from, date_to, "contact_roster")
        before = env.cr.sql_log_count
        fn()
        print(f"contact rosters XLSX (three sheets, about {data['households']} household rows), "
              f"county root: {time.perf_counter() - t:.1f} s, {env.cr.sql_log_count - before} queries")
