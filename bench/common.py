"""Shared plumbing of the benchmarks: open the benchmark database, generate the county
once (or again with --regenerate), print ORM beside SQL."""

import contextlib
import time

import odoo
from odoo.modules.registry import Registry

from . import county


def find_dataset(env):
    root = env["party.grid"].search([("code", "=", "B")], limit=1)
    if not root:
        return None
    users = env["res.users"].search([("login", "in", ("bench_worker", "bench_township"))])
    by_login = {u.login: u for u in users}
    township = root.child_ids[:1]
    return {
        "root": root, "township": township,
        "worker": by_login.get("bench_worker"), "officer": by_login.get("bench_township"),
        "grids": env["party.grid"].search_count([("id", "child_of", root.id)]),
        "members": env["party.member"].search_count([("grid_id", "child_of", root.id)]),
        "households": env["party.household"].search_count([("grid_id", "child_of", root.id)]),
    }


@contextlib.contextmanager
def bench_env(args):
    registry = Registry(args.db)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        data = None if args.regenerate else find_dataset(env)
        if data is None:
            if args.regenerate and find_dataset(env):
                raise SystemExit("--regenerate needs a fresh database: drop it first (bench/run.sh does)")
            print(f"generating a county at scale {args.scale} ...")
            t = time.perf_counter()
            made = county.generate(env, scale=args.scale)
            print(f"generation: {time.perf_counter() - t:.1f} s "
                  f"({made['grids']} grids, {made['members']} members, {made['workers']} workers "
                  f"and volunteers, {made['households']} households)")
            data = find_dataset(env)
        else:
            print(f"dataset present: {data['grids']} grids, {data['members']} members, "
                  f"{data['households']} households (generation time is printed when it is made)")
        yield env, data
        cr.rollback()


def report(rows):
    """rows: (label, (orm_s, orm_queries, orm_result), (sql_s, sql_queries, sql_result))"""
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':<{width}}  {'ORM ms':>9} {'queries':>7}  {'SQL ms':>9} {'queries':>7}  ratio  same result")
    for label, (ot, oq, ores), (st, sq, sres) in rows:
        same = "yes" if ores == sres else f"NO: ORM {short(ores)} vs SQL {short(sres)}"
        print(f"{label:<{width}}  {ot * 1000:9.1f} {oq:7d}  {st * 1000:9.1f} {sq:7d}  "
              f"{ot / st if st else 0:5.1f}  {same}")
        if ores != sres:
            raise SystemExit(f"the ORM and SQL figures differ for {label}")


def short(value):
    text = repr(value)
    return text if len(text) < 60 else text[:57] + "..."
