"""Household import benchmark (issue 11): ``--rows`` households (50,000 by default) with the
columns of the import template, through Odoo's import as the web client runs it
(``base_import.import.execute_import`` in batches of 2,000 rows, the dialog's default, each
batch ending in ``load()``), beside a plain multi-row INSERT of the same rows (the floor).
Both run in a savepoint that is rolled back; the members get ID numbers there first (the
generated county has none) so that the contact member column is matched by ID number, as
the template does.

    BENCH_DB=pg_x_p1 bash bench/run.sh import [--rows 50000] [--profile]

Between two batches the cursor's and the records' caches are emptied, as each batch is a
request of its own in the web client. "CPU s" is the benchmark process's CPU time (the
Python side; the database works in its own process), steadier than the wall-clock time on
a shared machine.

``--profile`` runs the last batch of 2,000 rows of the file under cProfile (rolled back)
and prints where the time goes, instead of the figures.
"""

import cProfile
import csv
import io
import pstats
import time

from odoo.tools import SQL

from .common import bench_env

BATCH = 2000
HEADERS = [
    "name",
    "kind",
    "grid_id",
    "address",
    "phone",
    "residents_count",
    "contact_member_id",
    "contact_reason",
    "tag_ids",
]
OPTIONS = {
    "has_headers": True,
    "quoting": '"',
    "separator": ",",
    "encoding": "utf-8",
    "date_format": "%Y-%m-%d",
    "datetime_format": "",
    "float_thousand_separator": ",",
    "float_decimal_separator": ".",
    "limit": BATCH,
}
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(serial):
    body = f"1311221980{serial:07d}"
    check = sum(int(a) * b for a, b in zip(body, WEIGHTS, strict=True))
    return body + "10X98765432"[check % 11]


def rows_for(env, root, n):
    """n rows of the template's columns: households of the leaf grids, each linked to a
    full member of its grid (by ID number)."""
    env.cr.execute(
        SQL(
            """SELECT g.code, g.id, m.id, m.id_number FROM party_grid g
             JOIN LATERAL (SELECT id, id_number FROM party_member
                            WHERE grid_id = g.id AND status = 'full' ORDER BY id LIMIT 1) m ON true
            WHERE g.parent_path LIKE %s ORDER BY g.id""",
            f"{root.parent_path}%",
        )
    )
    grids = env.cr.fetchall()
    tag = env["party.household.tag"].search([], limit=1)
    rows = []
    for i in range(n):
        code, grid_id, member_id, number = grids[i % len(grids)]
        rows.append(
            {
                "csv": [
                    f"导入户{i}",
                    "Household",
                    code,
                    f"村东街{i}号",
                    f"138{i:08d}",
                    str(1 + i % 5),
                    number,
                    "Nearby",
                    tag.name if i % 7 == 0 else "",
                ],
                "sql": (
                    f"导入户{i}",
                    grid_id,
                    f"村东街{i}号",
                    f"138{i:08d}",
                    1 + i % 5,
                    member_id,
                ),
            }
        )
    return rows


def run_import(env, rows, start=0):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADERS)
    writer.writerows(r["csv"] for r in rows)
    wizard = env["base_import.import"].create(
        {
            "res_model": "party.household",
            "file": buffer.getvalue().encode(),
            "file_type": "text/csv",
            "file_name": "households.csv",
        }
    )
    imported = 0
    skip = start
    while skip < len(rows):
        result = wizard.execute_import(HEADERS, HEADERS, dict(OPTIONS, skip=skip))
        errors = [m for m in result["messages"] if m["type"] == "error"]
        if errors:
            raise SystemExit(f"the import refused rows: {errors[:3]}")
        imported += len(result["ids"])
        skip = result.get("nextrow") or len(rows)
        # the web client sends each batch in its own request: a new cursor
        # (its cache of looked-up references) and a new record cache
        env.flush_all()
        env.invalidate_all()
        env.cr.cache.clear()
    return imported


def run_insert(env, rows):
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        env.cr.execute(
            SQL(
                """INSERT INTO party_household (name, grid_id, address, phone, residents_count,
                                            contact_member_id, kind, contact_reason, active,
                                            create_uid, write_uid, create_date, write_date)
               SELECT v.*, 'household', 'near', true, 1, 1, now(), now()
                 FROM (VALUES %s) AS v""",
                SQL(", ").join(
                    SQL("(%s, %s, %s, %s, %s, %s)", *r["sql"]) for r in chunk
                ),
            )
        )
    return len(rows)


def timed(env, fn, rows):
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_import")
    try:
        before = env.cr.sql_log_count
        t = time.perf_counter()
        cpu = time.process_time()
        count = fn(env, rows)
        env.flush_all()
        secs = time.perf_counter() - t
        cpu = time.process_time() - cpu
        return secs, env.cr.sql_log_count - before, count, cpu
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_import")
        env.invalidate_all()


def profile(env, rows):
    """The last batch of the file of ``rows`` under cProfile (base_import reads
    the whole file for every batch)."""
    start = max(len(rows) - BATCH, 0)
    timed(env, run_import, rows[:10])  # warm the registry's caches
    profiler = cProfile.Profile()
    profiler.enable()
    secs, queries, count, _cpu = timed(
        env, lambda env, rows: run_import(env, rows, start), rows
    )
    profiler.disable()
    print(
        f"the last batch ({count} rows) of a file of {len(rows)}: {secs:.2f} s, "
        f"{queries} queries (under cProfile)"
    )
    profiler.dump_stats("/tmp/bench_import.prof")
    print("(raw profile in /tmp/bench_import.prof, for pstats)")
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("tottime").print_stats(30)
    stats.sort_stats("cumulative").print_stats(60)


def main(args):
    with bench_env(args) as (env, data):
        root = data["root"]
        env.cr.execute(
            "SELECT id FROM party_member WHERE id_number IS NULL ORDER BY id"
        )
        ids = [r[0] for r in env.cr.fetchall()]
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            env.cr.execute(
                SQL(
                    "UPDATE party_member m SET id_number = v.n FROM (VALUES %s) AS v(id, n) "
                    "WHERE m.id = v.id",
                    SQL(", ").join(SQL("(%s, %s)", i, id_number(i)) for i in chunk),
                )
            )
        env.invalidate_all()
        rows = rows_for(env, root, args.rows)
        if args.profile:
            profile(env, rows)
            return
        print(
            f"importing {len(rows)} households (template columns, batches of {BATCH}) ..."
        )
        orm = timed(env, run_import, rows)
        sql = timed(env, run_insert, rows)
        if orm[2] != sql[2]:
            raise SystemExit(
                f"the import made {orm[2]} households, the INSERT {sql[2]}"
            )
        print(f"{'figure':<58} {'s':>7} {'rows/s':>8} {'queries':>8} {'CPU s':>7}")
        for label, (secs, queries, count, cpu) in (
            ("import through base_import / load() (ORM)", orm),
            ("plain multi-row INSERT (floor)", sql),
        ):
            print(
                f"{label:<58} {secs:7.1f} {count / secs:8.0f} {queries:8d} {cpu:7.1f}"
            )
        print(f"ratio: {orm[0] / sql[0]:.1f}")
