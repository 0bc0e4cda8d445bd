"""Register benchmark (issue #3) on a generated county: each figure through the ORM beside
the plain-SQL floor computing the same figure, in the same run.

    bash bench/run.sh register [--scale 1.0] [--regenerate]

Prints: generation time; subtree coverage counts for the county root and one township;
the household list (first page of 80, with its total) as a grid worker and as a township
officer. Times are medians of several runs after one warm-up; 'queries' is the number of
SQL statements of one run.
"""

import statistics
import time

from odoo.tools import SQL

from .common import bench_env, report

LIST_SPEC = {
    "name": {}, "kind": {}, "residents_count": {}, "must_visit": {},
    "grid_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "contact_member_id": {"fields": {"display_name": {}}},
    "tag_ids": {"fields": {"display_name": {}, "color": {}}},
}


def measure(env, fn, repeat=5):
    """(median seconds, queries of one run, result) of fn() after a warm-up run."""
    fn()
    times, queries, result = [], 0, None
    for _ in range(repeat):
        env.invalidate_all()
        before = env.cr.sql_log_count
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
        queries = env.cr.sql_log_count - before
    return statistics.median(times), queries, result


def coverage_orm(grid):
    def run():
        values = grid.read(["household_count", "covered_household_count"])[0]
        return values["household_count"], values["covered_household_count"]
    return run


def coverage_sql(env, grid):
    path = f"{grid.parent_path}%"

    def run():
        env.cr.execute(SQL(
            """SELECT count(h.id), count(h.contact_member_id)
                 FROM party_household h JOIN party_grid g ON g.id = h.grid_id
                WHERE h.active AND g.active AND g.parent_path LIKE %s""", path))
        return tuple(env.cr.fetchone())
    return run


def household_list_orm(env, user):
    model = env["party.household"].with_user(user)

    def run():
        res = model.web_search_read([], LIST_SPEC, limit=80)
        return res["length"], [r["id"] for r in res["records"]]
    return run


def household_list_sql(env, user):
    paths = [f"{p}%" for p in user.party_grid_scope_ids.mapped("parent_path")]

    def run():
        where = SQL("h.active AND g.active AND g.parent_path LIKE ANY(%s)", paths)
        env.cr.execute(SQL(
            """SELECT h.id, h.name, h.kind, h.residents_count, h.must_visit, g.complete_name,
                      p.name, mp.name,
                      (SELECT array_agg(t.name->>'en_US') FROM party_household_tag_rel r
                         JOIN party_household_tag t ON t.id = r.tag_id
                        WHERE r.household_id = h.id)
                 FROM party_household h
                 JOIN party_grid g ON g.id = h.grid_id
                 LEFT JOIN res_partner p ON p.id = h.partner_id
                 LEFT JOIN party_member m ON m.id = h.contact_member_id
                 LEFT JOIN res_partner mp ON mp.id = m.partner_id
                WHERE %s ORDER BY g.code, g.id, h.name, h.id LIMIT 80""", where))
        ids = [r[0] for r in env.cr.fetchall()]
        env.cr.execute(SQL("SELECT count(*) FROM party_household h JOIN party_grid g ON g.id = h.grid_id WHERE %s",
                           where))
        return env.cr.fetchone()[0], ids
    return run


def main(args):
    with bench_env(args) as (env, data):
        rows = []
        for label, grid in (("county root", data["root"]), ("one township", data["township"])):
            orm = measure(env, coverage_orm(grid))
            sql = measure(env, coverage_sql(env, grid))
            rows.append((f"coverage counts, {label}", orm, sql))
        for label, user in (("grid worker", data["worker"]), ("township officer", data["officer"])):
            orm = measure(env, household_list_orm(env, user))
            sql = measure(env, household_list_sql(env, user))
            rows.append((f"household list (80 of total), {label}", orm, sql))
        report(rows)
