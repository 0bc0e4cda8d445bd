"""Province benchmark (issue 19.5): N counties under one province root, each the shape of the
generated county (bench/county.py ``counties=N``), a year of visits by SQL and 10,000 tickets
per county. Prints, as the province leader (county group, reads everything) and for one
township, each figure through the ORM as the product computes it beside the plain-SQL floor
over the raw tables, with its query count:

- coverage (households with a contact member) of the province and of a township;
- this month's contact-duty rate (the grids' duty figures, read from the monthly roll-up
  ``party.grid.duty.month`` that the visits and households keep, its 24 months completed
  first as its hourly job does after a load by SQL; the floor counts the raw visits);
- the contact-duty report's pivot (``party.visit.duty.report``, this month) for a township
  and one county (issue 11's figure);
- the year's ticket KPIs: received, 结案率 (closed / received), 按期结案率 (closed on
  time / closed), 自办自结率 (closed by the receiving grid / resolved), from
  ``party.ticket.report``.

    BENCH_DB=pg_x_p3 bash bench/run.sh province --counties 3

``--clone`` makes the province in minutes instead of hours: the first county through the ORM
generators as above, then copied to N counties by plain SQL (bench/county_clone.py), each
county's counts checked against the first one's:

    BENCH_DB=pg_x_p10 bash bench/run.sh province --counties 10 --clone
"""

import time

import odoo
from odoo import fields
from odoo.modules.registry import Registry
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_visit import (
    duty_month_bounds,
    duty_month_start,
    duty_today,
)

from .bench_register import measure
from .bench_visits import complete_rollup, duty_report_orm
from .common import report, served_spec
from .county import generate
from .county_clone import check_counties, clone_counties, county_count
from .county_tickets import generate_tickets
from .county_visits import find_visits, insert_visits

TZ = "Asia/Shanghai"


def ensure_province(env, counties, scale, clone=False):
    root = env["party.grid"].search([("code", "=", "B")], limit=1)
    if not root:
        made_counties = 1 if clone else counties
        print(f"generating a province of {made_counties} counties at scale {scale} ...")
        t = time.perf_counter()
        made = generate(env, scale=scale, counties=made_counties)
        print(
            f"generation: {time.perf_counter() - t:.1f} s ({made['grids']} grids, "
            f"{made['members']} members, {made['households']} households)"
        )
        root = env["party.grid"].search([("code", "=", "B")], limit=1)
    users = {
        u.login: u
        for u in env["res.users"].search(
            [("login", "in", ("bench_worker", "bench_township", "bench_province"))]
        )
    }
    data = {
        "root": root,
        "worker": users["bench_worker"],
        "officer": users["bench_township"],
        "township": users["bench_township"].party_grid_extra_ids[:1],
    }
    if not find_visits(env):
        t = time.perf_counter()
        n = insert_visits(env, root)
        env.cr.commit()
        print(
            f"visits (plain SQL, with the roll-up's rebuild of this month): "
            f"{time.perf_counter() - t:.1f} s ({n} visits)"
        )
    if not env["party.ticket"].search_count([], limit=1):
        t = time.perf_counter()
        made = generate_tickets(env, data, scale=scale * county_count(env, root))
        print(
            f"ticket generation: {time.perf_counter() - t:.1f} s ({made['tickets']} tickets)"
        )
    # the earlier months of the report's window, as the roll-up's hourly job completes them
    # after a load by SQL (the copies below take the first county's rows with them)
    complete_rollup(env)
    if clone and county_count(env, root) < counties:
        t = time.perf_counter()
        print(f"copying the first county to {counties} counties by plain SQL ...")
        clone_counties(env, root, counties)
        # the current month's roll-up as the monthly job rebuilds it after a load by SQL
        env["party.grid.duty.month"]._rebuild_month(duty_month_start(duty_today()))
        env.flush_all()
        env.cr.commit()
        print(f"copy: {time.perf_counter() - t:.1f} s")
        check_counties(env, root)
    elif county_count(env, root) != counties:
        raise SystemExit(f"the database holds {county_count(env, root)} counties, not {counties}")
    leader = users.get("bench_province")
    if not leader:
        leader = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "基准省级领导",
                    "login": "bench_province",
                    "tz": TZ,
                    "groups_id": [
                        (6, 0, [env.ref("party_grid.party_grid_group_county").id])
                    ],
                }
            )
        )
        env.cr.commit()
    data["leader"] = leader
    data["township"] = users["bench_township"].party_grid_extra_ids[:1]
    data["county"] = root.child_ids.sorted("id")[:1]
    return data


def coverage_orm(grid):
    def run():
        values = grid.read(["household_count", "covered_household_count"])[0]
        return values["household_count"], values["covered_household_count"]

    return run


def coverage_sql(env, grid):
    def run():
        env.cr.execute(
            SQL(
                """SELECT count(h.id), count(h.contact_member_id)
                 FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                WHERE h.active AND g.parent_path LIKE %s""",
                f"{grid.parent_path}%",
            )
        )
        return tuple(env.cr.fetchone())

    return run


def duty_orm(grid):
    def run():
        values = grid.read(
            ["duty_household_count", "duty_contacted_count", "duty_contact_rate"]
        )[0]
        return (
            values["duty_household_count"],
            values["duty_contacted_count"],
            round(values["duty_contact_rate"], 1),
        )

    return run


def duty_sql(env, grid):
    """The floor over the raw tables: each linked household of the subtree with its contact
    member's visits of this month (on the visit index)."""
    start, stop = duty_month_bounds(duty_today())
    required, must = env["party.visit"]._duty_required_contacts()

    def run():
        env.cr.execute(
            SQL(
                """SELECT count(*), count(*) FILTER (WHERE (
                        SELECT count(*) FROM party_visit v
                         WHERE v.household_id = h.id AND v.member_id = h.contact_member_id
                           AND v.date >= %(start)s AND v.date < %(stop)s)
                      >= CASE WHEN h.must_visit THEN %(must)s ELSE %(required)s END)
                 FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                WHERE h.active AND h.contact_member_id IS NOT NULL
                  AND g.parent_path LIKE %(path)s""",
                start=start,
                stop=stop,
                must=must,
                required=required,
                path=f"{grid.parent_path}%",
            )
        )
        due, contacted = env.cr.fetchone()
        return due, contacted, round(100.0 * contacted / due, 1) if due else 0.0

    return run


def duty_report_sql(env, grid):
    run_floor = duty_sql(env, grid)

    def run():
        due, contacted, _rate = run_floor()
        return due - contacted

    return run


def _rates(received, closed, on_time, own, moved):
    def pct(a, b):
        return round(100.0 * a / b, 1) if b else 0.0

    return received, pct(closed, received), pct(on_time, closed), pct(own, own + moved)


def tickets_orm(env, grid, year_start):
    Report = env["party.ticket.report"]

    def run():
        [(received, closed, on_time, own, moved)] = Report._read_group(
            [
                ("origin_grid_id", "child_of", grid.id),
                ("date_received", ">=", year_start),
            ],
            [],
            [
                "received_count:sum",
                "closed_count:sum",
                "on_time_count:sum",
                "self_closed_count:sum",
                "transferred_count:sum",
            ],
        )
        return _rates(received or 0, closed or 0, on_time or 0, own or 0, moved or 0)

    return run


def tickets_sql(env, grid, year_start):
    def run():
        env.cr.execute(
            SQL(
                """SELECT count(*), count(*) FILTER (WHERE t.is_closed),
                      count(*) FILTER (WHERE t.is_closed AND t.closed_on_time),
                      count(*) FILTER (WHERE t.is_closed AND t.resolution_scope = 'self'),
                      count(*) FILTER (WHERE t.is_closed AND t.resolution_scope = 'transferred')
                 FROM party_ticket t JOIN party_grid o ON o.id = t.origin_grid_id
                WHERE t.merged_into_id IS NULL AND t.active AND o.parent_path LIKE %s
                  AND t.date_received >= %s""",
                f"{grid.parent_path}%",
                year_start,
            )
        )
        return _rates(*env.cr.fetchone())

    return run


def explain(env, label, query):
    env.cr.execute(SQL("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) %s", query))
    print(f"\nplan of {label}:")
    for (line,) in env.cr.fetchall():
        print(f"    {line}")


def worker_list_sql(env, user):
    """The floor of the worker's first page: the grids of the scope or the households of
    the worker's own member records."""
    paths = [f"{p}%" for p in user.party_grid_scope_ids.mapped("parent_path")]
    members = env["party.member"].search([("user_id", "=", user.id)]).ids

    def run():
        where = SQL("h.active AND (g.parent_path LIKE ANY(%s) OR h.contact_member_id = ANY(%s))",
                    paths, members)
        env.cr.execute(SQL(
            """SELECT h.id FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                WHERE %s ORDER BY g.code, g.id, h.name, h.id LIMIT 80""", where))
        ids = [r[0] for r in env.cr.fetchall()]
        env.cr.execute(SQL("SELECT count(*) FROM party_household h JOIN party_grid g "
                           "ON g.id = h.grid_id WHERE %s", where))
        return env.cr.fetchone()[0], ids
    return run


def main(args):
    counties = args.counties or 1
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        data = ensure_province(env, counties, args.scale, clone=args.clone)
        root, township, county = data["root"], data["township"], data["county"]
        leader = data["leader"]
        env.cr.execute(
            "SELECT (SELECT count(*) FROM party_grid), (SELECT count(*) FROM "
            "party_household), (SELECT count(*) FROM party_visit), "
            "(SELECT count(*) FROM party_ticket)"
        )
        grids, households, visits, tickets = env.cr.fetchone()
        print(
            f"province: {counties} counties, {grids} grids, {households} households, "
            f"{visits} visits, {tickets} tickets"
        )
        month = duty_month_start(duty_today())
        t = time.perf_counter()
        rows = env["party.grid.duty.month"]._rebuild_month(month)
        env.flush_all()
        print(
            f"roll-up rebuild of this month (the monthly job's full pass): "
            f"{(time.perf_counter() - t) * 1000:.0f} ms for {rows} grids"
        )
        today = fields.Date.context_today(env["res.users"].with_context(tz=TZ))
        year_start = fields.Datetime.to_datetime(f"{today.year}-01-01")
        lenv = env(user=leader.id)
        lroot, ltown, lcounty = (
            lenv["party.grid"].browse(g.id) for g in (root, township, county)
        )
        out = []
        for label, grid in (("province", lroot), ("one township", ltown)):
            out += [
                (
                    f"coverage, {label}",
                    measure(env, coverage_orm(grid)),
                    measure(env, coverage_sql(env, grid)),
                ),
                (
                    f"contact-duty rate this month (roll-up), {label}",
                    measure(env, duty_orm(grid)),
                    measure(env, duty_sql(env, grid)),
                ),
                (
                    f"ticket KPIs of the year, {label}",
                    measure(env, tickets_orm(lenv, grid, year_start)),
                    measure(env, tickets_sql(env, grid, year_start)),
                ),
            ]
        for label, grid in (("one township", ltown), ("one county", lcounty)):
            out.append(
                (
                    f"contact-duty report pivot this month, {label}",
                    measure(env, duty_report_orm(lenv, grid)),
                    measure(env, duty_report_sql(env, grid)),
                )
            )
        # the grid worker is also the contact member of households of another county:
        # both household rules apply (the ORed conditions the rules were rewritten for)
        worker = data["worker"]
        member = env["party.member"].search(
            [("household_ids", "!=", False), "!", ("grid_id", "child_of", county.id)],
            limit=1)
        if not member:
            member = env["party.member"].search([("household_ids", "!=", False)], order="id desc",
                                                limit=1)
        member.user_id = worker
        Household = env["party.household"].with_user(worker)
        spec = served_spec(Household, "list")

        def worker_list():
            res = Household.web_search_read([], spec, limit=80)
            return res["length"], [r["id"] for r in res["records"]]
        out.append(("household list, served list's fields (80 of total), grid worker",
                    measure(env, worker_list), measure(env, worker_list_sql(env, worker))))
        report(out)
        query = Household._search([], limit=80)
        explain(env, "the grid worker's first household page (the rules as id lists)",
                query.select())
        paths = [f"{p}%" for p in worker.party_grid_scope_ids.mapped("parent_path")]
        explain(env, "the same page with the rules as they were (ORed subqueries)", SQL(
            """SELECT h.id FROM party_household h
                WHERE h.active AND (h.grid_id IN (SELECT id FROM party_grid
                                                   WHERE parent_path LIKE ANY(%s))
                                 OR h.contact_member_id IN (SELECT id FROM party_member
                                                             WHERE user_id = %s AND active))
                ORDER BY h.grid_id, h.name, h.id LIMIT 80""", paths, worker.id))
        cr.rollback()
