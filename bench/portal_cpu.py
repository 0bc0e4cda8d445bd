# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Server time of one resident's submission (party_grid_portal), one at a
time: Odoo's WSGI application is called in this process (werkzeug's test
client, no HTTP server), so that the figures are the server's own work: the
Odoo process's CPU time (median), the CPU time of the PostgreSQL backends of the
database (read from /proc, on the same machine; mean, as it counts in clock ticks), the number of SQL queries,
and the wall time. Half of the residents give an e-mail address. Beside it,
the plain-SQL floor: the rows a submission stores (counters, partner,
ticket, log line, photo, message), inserted with plain SQL and rolled back.

    .venv/bin/python bench/portal_cpu.py --db party_grid_demo --count 20 \\
        -- --db_host 127.0.0.1 --addons-path=...

Every submission is committed, as a served request would be (a test
database, or the demo one). The per-phone and per-address limits are met by
giving each resident its own phone and address (REMOTE_ADDR)."""

import argparse
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portal_load import PNG, multipart  # noqa: E402

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
CATEGORY_RE = re.compile(r'<option value="(\d+)"')


def postgres_cpu(db):
    """CPU seconds used so far by the PostgreSQL backends of ``db``."""
    ticks = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read()
            if b"postgres" not in cmd or db.encode() not in cmd:
                continue
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read().rsplit(")", 1)[1].split()
            ticks += int(stat[11]) + int(stat[12])
        except OSError:
            continue
    return ticks / os.sysconf("SC_CLK_TCK")


def main():
    argv = sys.argv[1:]
    odoo_args = argv[argv.index("--") + 1 :] if "--" in argv else []
    argv = argv[: argv.index("--")] if "--" in argv else argv
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--token", default="demo-zhangshijun-1")
    parser.add_argument("--count", type=int, default=20)
    args = parser.parse_args(argv)
    args.count = max(2, min(args.count, 200))

    from werkzeug.test import Client  # noqa: PLC0415

    import odoo  # noqa: PLC0415 - after the arguments, as odoo-bin does
    from odoo.sql_db import Cursor  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config.parse_config(odoo_args)
    config["db_name"] = args.db
    odoo.service.server.load_server_wide_modules()
    app = odoo.http.root
    queries = [0]
    real_execute = Cursor.execute

    def execute(cr, query, params=None, log_exceptions=True):
        queries[0] += 1
        return real_execute(cr, query, params, log_exceptions)

    Cursor.execute = execute
    seed = random.randint(0, 9999)

    def measure(call):
        """(response, (Odoo CPU s, PostgreSQL CPU s, wall s, queries))"""
        pg, cpu, wall = postgres_cpu(args.db), time.process_time(), time.perf_counter()
        queries[0] = 0
        response = call()
        return response, (
            time.process_time() - cpu,
            postgres_cpu(args.db) - pg,
            time.perf_counter() - wall,
            queries[0],
        )

    def resident(index):
        client = Client(app)
        environ = {
            "REMOTE_ADDR": f"10.{index % 200}.{seed % 250}.{random.randint(1, 250)}",
            "HTTP_HOST": "127.0.0.1:8069",
        }
        url = f"/party/grid/{args.token}"
        page, get = measure(
            lambda: client.get(f"{url}?db={args.db}", environ_base=environ)
        )
        html = page.get_data(as_text=True)
        body, ctype = multipart(
            {
                "csrf_token": CSRF_RE.search(html).group(1),
                "category_id": CATEGORY_RE.search(html).group(1),
                "description": f"服务器时间测试第 {index} 件：路灯不亮。",
                "name": f"测试居民{index}",
                "phone": f"136{seed:04d}{index:04d}",
                "email": f"r{seed}-{index}@example.com" if index % 2 else "",
            },
            [("photos", "photo.png", PNG)],
        )
        response, post = measure(
            lambda: client.post(
                url, data=body, content_type=ctype, environ_base=environ
            )
        )
        assert response.status_code == 303, response.get_data(as_text=True)[:2000]
        return {"get": get, "post": post}

    for index in range(3):  # warm-up: registry, templates, assets
        resident(9990 + index)
    runs = [resident(index) for index in range(args.count)]
    print(f"{args.count} residents one at a time, on {args.db}; load {os.getloadavg()}")
    for label, step, email in (
        ("GET submit page", "get", None),
        ("POST, no e-mail", "post", 0),
        ("POST, with e-mail", "post", 1),
    ):
        rows = [
            run[step]
            for index, run in enumerate(runs)
            if email is None or index % 2 == email
        ]
        # the backends' CPU is counted in clock ticks (10 ms): its mean
        cpu, _pg, wall, count = (
            statistics.median(col) for col in zip(*rows, strict=True)
        )
        pg = statistics.mean(row[1] for row in rows)
        print(
            f"{label:18}: Odoo CPU {cpu * 1000:5.1f} ms  PostgreSQL CPU "
            f"{pg * 1000:5.1f} ms  wall {wall * 1000:5.0f} ms  {count:.0f} queries"
        )
    print(
        f"plain-SQL floor of a submission: {sql_floor(odoo, args.db) * 1000:.1f} ms, 7 queries"
    )


def sql_floor(odoo, db):
    """The rows of one submission inserted with plain SQL (median of 5),
    rolled back."""
    times = []
    registry = odoo.modules.registry.Registry(db)
    with registry.cursor() as cr:
        cr.execute(
            "SELECT g.id, (SELECT id FROM party_ticket_category LIMIT 1), "
            "(SELECT id FROM party_ticket_stage ORDER BY sequence LIMIT 1) "
            "FROM party_grid g WHERE portal_token IS NOT NULL LIMIT 1"
        )
        grid, category, stage = cr.fetchone()
        for index in range(5):
            start = time.perf_counter()
            cr.execute(
                "INSERT INTO party_portal_throttle (key, date) "
                "SELECT unnest(%s::varchar[]), now()",
                ([f"phone:floor{index}", f"ip:floor{index}"],),
            )
            cr.execute(
                "INSERT INTO res_partner (name, mobile, active, party_grid_id, "
                "partner_share, type) VALUES (%s, %s, true, %s, true, 'contact') "
                "RETURNING id",
                (f"floor {index}", "13600000000", grid),
            )
            partner = cr.fetchone()[0]
            cr.execute(
                "INSERT INTO party_ticket (name, title, grid_id, origin_grid_id, "
                "category_id, stage_id, partner_id, source, description, "
                "handling_type, deadline_state, reminder_state, extension_state, "
                "supervision_card, date_received, access_token, active) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, 'online', %s, 'promised', %s, "
                "%s, %s, %s, now(), md5(random()::text), true) "
                "RETURNING id",
                (
                    f"FLOOR{index}",
                    "floor",
                    grid,
                    grid,
                    category,
                    stage,
                    partner,
                    "<p>floor</p>",
                    "normal",
                    "none",
                    "none",
                    "none",
                ),
            )
            ticket = cr.fetchone()[0]
            cr.execute(
                "INSERT INTO party_ticket_log (ticket_id, operation, date, user_id, "
                "to_grid_id, to_stage_id) VALUES (%s, 'create', now(), 1, %s, %s)",
                (ticket, grid, stage),
            )
            cr.execute(
                "INSERT INTO ir_attachment (name, res_model, res_id, type, "
                "db_datas, mimetype) VALUES ('p.png', 'party.ticket', %s, "
                "'binary', %s, 'image/png') RETURNING id",
                (ticket, PNG),
            )
            attachment = cr.fetchone()[0]
            cr.execute(
                "INSERT INTO mail_message (model, res_id, body, author_id, "
                "message_type, date) VALUES ('party.ticket', %s, %s, %s, "
                "'comment', now()) RETURNING id",
                (ticket, "<p>floor</p>", partner),
            )
            cr.execute(
                "INSERT INTO message_attachment_rel (message_id, attachment_id) "
                "VALUES (%s, %s)",
                (cr.fetchone()[0], attachment),
            )
            times.append(time.perf_counter() - start)
        cr.rollback()
    return statistics.median(times)


if __name__ == "__main__":
    main()
