"""Tickets benchmark (issue #5) on a generated county with 10,000 tickets a year: each figure
through the ORM beside the plain-SQL floor computing the same figure, in the same run.

    BENCH_DB=party_grid_bench5 bash bench/run.sh tickets [--scale 1.0] [--regenerate]

Prints: the kanban board (web_read_group by stage, then the first page of 40 cards of each
unfolded column) as a grid worker and as a township officer; the figures screen of the county
root (totals, rates, resolved per level, months, backlog by age); the deadline action over all
open tickets (run in a savepoint that is rolled back, so that every run does the same work).
"""

import time

from odoo.tools import SQL

from .bench_register import measure
from .common import bench_env, report
from .county_tickets import generate_tickets

KANBAN_SPEC = {
    "title": {}, "name": {}, "priority": {}, "handling_type": {}, "date_deadline": {},
    "deadline_state": {}, "is_closed": {}, "color": {}, "activity_ids": {},
    "grid_id": {"fields": {"display_name": {}}},
    "category_id": {"fields": {"display_name": {}}},
    "partner_id": {"fields": {"display_name": {}}},
    "office_id": {"fields": {"display_name": {}}},
    "user_id": {"fields": {"display_name": {}}},
}
FIGURES = ("received_count", "closed_count", "on_time_count", "reopened_count", "extended_count",
           "self_closed_count", "transferred_count", "visited_count", "satisfied_count", "open_count")


def kanban_orm(env, user):
    model = env["party.ticket"].with_user(user)

    def run():
        groups = model.web_read_group([], ["stage_id"], ["stage_id"])
        out = []
        for group in groups["groups"]:
            ids = []
            if not group["__fold"]:
                res = model.web_search_read(group["__domain"], KANBAN_SPEC, limit=40)
                ids = [r["id"] for r in res["records"]]
            out.append((group["stage_id"][0], group["stage_id_count"], ids))
        return out
    return run


def kanban_sql(env, user):
    paths = [f"{p}%" for p in user.party_grid_scope_ids.mapped("parent_path")]

    def run():
        visible = SQL(
            """t.active AND (g.parent_path LIKE ANY(%s) OR o.parent_path LIKE ANY(%s)
                             OR t.user_id = %s)""", paths, paths, user.id)
        env.cr.execute(SQL(
            """SELECT s.id, s.fold, count(t.id)
                 FROM party_ticket_stage s
                 LEFT JOIN (party_ticket t JOIN party_grid g ON g.id = t.grid_id
                            LEFT JOIN party_grid o ON o.id = t.origin_grid_id)
                        ON t.stage_id = s.id AND %s
                WHERE s.active GROUP BY s.id, s.fold, s.sequence ORDER BY s.sequence, s.id""",
            visible))
        out = []
        for stage_id, fold, count in env.cr.fetchall():
            ids = []
            if not fold and count:
                env.cr.execute(SQL(
                    """SELECT t.id, t.title, t.name, gg.complete_name, c.name, p.name, u.login
                         FROM party_ticket t JOIN party_grid g ON g.id = t.grid_id
                         LEFT JOIN party_grid o ON o.id = t.origin_grid_id
                         JOIN party_grid gg ON gg.id = t.grid_id
                         LEFT JOIN party_ticket_category c ON c.id = t.category_id
                         LEFT JOIN res_partner p ON p.id = t.partner_id
                         LEFT JOIN res_users u ON u.id = t.user_id
                        WHERE t.stage_id = %s AND %s
                        ORDER BY t.priority DESC, t.date_deadline, t.id DESC LIMIT 40""",
                    stage_id, visible))
                ids = [r[0] for r in env.cr.fetchall()]
            out.append((stage_id, count, ids))
        return out
    return run


def figures_orm(env, grid):
    model = env["party.ticket.report"]

    def run():
        fig = model.get_figures(grid.id)
        return tuple(fig[f] for f in FIGURES)
    return run


def figures_sql(env, grid):
    def run():
        env.cr.execute(SQL(
            """SELECT count(*),
                      count(*) FILTER (WHERE t.is_closed),
                      count(*) FILTER (WHERE t.is_closed AND t.closed_on_time),
                      count(*) FILTER (WHERE t.reopen_count > 0),
                      count(*) FILTER (WHERE t.extension_count > 0),
                      count(*) FILTER (WHERE t.is_closed AND t.resolution_scope = 'self'),
                      count(*) FILTER (WHERE t.is_closed AND t.resolution_scope = 'transferred'),
                      count(*) FILTER (WHERE t.satisfaction IS NOT NULL),
                      count(*) FILTER (WHERE t.satisfaction IN ('satisfied', 'basic')),
                      count(*) FILTER (WHERE NOT t.is_closed),
                      avg(EXTRACT(EPOCH FROM t.date_accepted - t.date_received) / 3600.0),
                      avg(EXTRACT(EPOCH FROM t.date_closed - t.date_received) / 3600.0)
                          FILTER (WHERE t.is_closed)
                 FROM party_ticket t JOIN party_grid o ON o.id = t.origin_grid_id
                WHERE t.merged_into_id IS NULL AND t.active AND o.parent_path LIKE %s""",
            f"{grid.parent_path}%"))
        row = env.cr.fetchone()
        env.cr.execute(SQL(
            """SELECT t.resolved_level_id, count(*) FROM party_ticket t
                 JOIN party_grid o ON o.id = t.origin_grid_id
                WHERE t.merged_into_id IS NULL AND t.active AND t.is_closed
                  AND o.parent_path LIKE %s GROUP BY 1""", f"{grid.parent_path}%"))
        env.cr.fetchall()
        env.cr.execute(SQL(
            """SELECT date_trunc('month', t.date_received), count(*),
                      count(*) FILTER (WHERE t.is_closed)
                 FROM party_ticket t JOIN party_grid o ON o.id = t.origin_grid_id
                WHERE t.merged_into_id IS NULL AND t.active AND o.parent_path LIKE %s GROUP BY 1""",
            f"{grid.parent_path}%"))
        env.cr.fetchall()
        return tuple(row[:len(FIGURES)])
    return run


def _in_savepoint(env, fn):
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_deadlines")
    try:
        return fn()
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_deadlines")
        env.invalidate_all()


def deadlines_orm(env):
    model = env["party.ticket"]

    def work():
        flagged = 0
        while True:
            done = model._cron_check_deadlines(batch_size=1000)
            flagged += done
            if not done:
                break
        env.flush_all()
        env.cr.execute("SELECT deadline_state, count(*) FROM party_ticket GROUP BY 1 ORDER BY 1")
        return flagged, env.cr.fetchall()
    return lambda: _in_savepoint(env, work)


def deadlines_sql(env):
    activity_type = env.ref("party_grid.mail_activity_type_ticket_deadline")
    model_id = env["ir.model"]._get_id("party.ticket")

    def work():
        env.cr.execute(SQL(
            """WITH now AS (SELECT now() at time zone 'UTC' AS t),
               flagged AS (
                 UPDATE party_ticket p SET
                        deadline_state = CASE
                            WHEN p.date_deadline <= now.t
                                 OR (p.stage_code = 'new' AND p.date_accept_deadline <= now.t)
                            THEN 'red' ELSE 'yellow' END,
                        reminder_state = CASE
                            WHEN p.date_deadline <= now.t
                                 OR (p.stage_code = 'new' AND p.date_accept_deadline <= now.t)
                            THEN 'red' ELSE 'yellow' END
                   FROM now
                  WHERE p.stage_code IN ('new', 'accepted', 'in_progress') AND p.active
                    AND ((p.deadline_state != 'red'
                          AND (p.date_deadline <= now.t
                               OR (p.stage_code = 'new' AND p.date_accept_deadline <= now.t)))
                      OR (p.deadline_state = 'normal'
                          AND (p.date_warning <= now.t
                               OR (p.stage_code = 'new' AND p.date_accept_warning <= now.t))))
              RETURNING p.id, p.user_id, p.grid_id, p.deadline_state)
               INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id, user_id,
                                          summary, date_deadline, automated, create_uid, write_uid,
                                          create_date, write_date)
               SELECT %s, 'party.ticket', f.id, %s, r.user_id, f.deadline_state, now.t::date, true,
                      1, 1, now.t, now.t
                 FROM flagged f JOIN party_grid g ON g.id = f.grid_id
                 LEFT JOIN party_grid pg ON pg.id = g.parent_id
                 CROSS JOIN now
                 CROSS JOIN LATERAL (VALUES (coalesce(f.user_id, g.head_id)), (pg.head_id)) r(user_id)
                WHERE r.user_id IS NOT NULL""", model_id, activity_type.id))
        env.cr.execute("SELECT deadline_state, count(*) FROM party_ticket GROUP BY 1 ORDER BY 1")
        states = env.cr.fetchall()
        return sum(c for s, c in states if s != "normal") - BASELINE[0], states
    return lambda: _in_savepoint(env, work)


BASELINE = [0]


def main(args):
    with bench_env(args) as (env, data):
        root = data["root"]
        count = env["party.ticket"].search_count([("origin_grid_id", "child_of", root.id)])
        if not count:
            print(f"generating tickets at scale {args.scale} ...")
            t = time.perf_counter()
            made = generate_tickets(env, data, scale=args.scale)
            print(f"ticket generation: {time.perf_counter() - t:.1f} s ({made['tickets']} tickets, "
                  f"{made['logs']} handling log lines)")
            count = made["tickets"]
        else:
            print(f"tickets present: {count}")
        env.cr.execute("SELECT count(*) FROM party_ticket WHERE deadline_state != 'normal'")
        BASELINE[0] = env.cr.fetchone()[0]
        env.cr.execute("SELECT count(*) FROM party_ticket WHERE stage_code IN ('new', 'accepted', 'in_progress')")
        print(f"open tickets for the deadline action: {env.cr.fetchone()[0]}")
        rows = []
        for label, user in (("grid worker", data["worker"]), ("township officer", data["officer"])):
            rows.append((f"ticket kanban, {label}",
                         measure(env, kanban_orm(env, user)), measure(env, kanban_sql(env, user))))
        rows.append(("ticket figures, county root",
                     measure(env, figures_orm(env, root)), measure(env, figures_sql(env, root))))
        rows.append(("deadline action, all open tickets",
                     measure(env, deadlines_orm(env), repeat=3), measure(env, deadlines_sql(env), repeat=3)))
        report(rows)
