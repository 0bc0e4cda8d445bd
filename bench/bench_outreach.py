"""Group-tower benchmark (issue #13): the channel membership sync of the whole generated
county through the scheduled action's batches, beside the plain-SQL floor inserting the same
memberships in one statement, in the same run.

    BENCH_ADDONS=party_grid_outreach BENCH_DB=party_grid_bench13 bash bench/run.sh outreach

The first run adds logins to the county (bench/county_outreach.py, committed). Every run then
starts from no groups (the work is rolled back at the end): the first sync (create the groups
and their members, batches of 200), a rerun with every group flagged (nothing to add or
remove: no duplicates), a run killed after two batches and resumed (same result), and the SQL
floor (in a savepoint: delete the groups' members, insert the desired ones with one INSERT ...
SELECT). It stops if the ORM and the SQL membership differ.
"""

import statistics
import time

from odoo.tools import SQL

from .common import bench_env, report
from .county_outreach import generate_logins, set_tiers

DESIRED_SQL = """
WITH tg AS (
    SELECT c.id AS channel_id, g.id AS grid_id, l.channel_tier AS tier
      FROM discuss_channel c JOIN party_grid g ON g.id = c.party_grid_id
      JOIN party_grid_level l ON l.id = g.level_id
     WHERE g.active
), anc AS (  -- each active grid with itself and its ancestors, from parent_path
    SELECT g.id AS grid_id, a::int AS ancestor_id
      FROM party_grid g, unnest(string_to_array(rtrim(g.parent_path, '/'), '/')) a
     WHERE g.active
), villages AS (
    SELECT v.id, v.head_id FROM party_grid v JOIN party_grid_level vl ON vl.id = v.level_id
     WHERE v.active AND vl.channel_tier = 'village'
), village_people AS (
    SELECT id AS grid_id, head_id AS uid FROM villages
    UNION ALL SELECT r.grid_id, r.user_id FROM party_grid_deputy_rel r JOIN villages v ON v.id = r.grid_id
    UNION ALL SELECT r.grid_id, r.user_id FROM party_grid_instructor_rel r JOIN villages v ON v.id = r.grid_id
), people AS (
    SELECT tg.channel_id, g.head_id AS uid FROM tg JOIN party_grid g ON g.id = tg.grid_id
    UNION SELECT tg.channel_id, r.user_id FROM tg JOIN party_grid_deputy_rel r ON r.grid_id = tg.grid_id
    UNION SELECT tg.channel_id, r.user_id FROM tg JOIN party_grid_instructor_rel r ON r.grid_id = tg.grid_id
    UNION SELECT tg.channel_id, ro.user_id FROM tg JOIN party_grid_role ro ON ro.grid_id = tg.grid_id
    UNION SELECT tg.channel_id, e.user_id FROM tg JOIN party_grid_extra_user_rel e ON e.grid_id = tg.grid_id
    UNION SELECT tg.channel_id, vp.uid FROM village_people vp
        JOIN anc ON anc.grid_id = vp.grid_id
        JOIN tg ON tg.grid_id = anc.ancestor_id AND tg.tier = 'township'
    UNION SELECT tg.channel_id, m.user_id FROM party_member m
        JOIN anc ON anc.grid_id = m.grid_id
        JOIN tg ON tg.grid_id = anc.ancestor_id AND tg.tier IN ('village', 'grid')
     WHERE m.active AND m.user_id IS NOT NULL
), pairs AS (
    SELECT p.channel_id, u.partner_id FROM people p JOIN res_users u ON u.id = p.uid AND u.active
    UNION SELECT tg.channel_id, h.partner_id FROM party_household h
        JOIN res_users hu ON hu.partner_id = h.partner_id AND hu.active
        JOIN anc ON anc.grid_id = h.grid_id
        JOIN tg ON tg.grid_id = anc.ancestor_id AND tg.tier = 'grid'
     WHERE h.active
)
"""


def tower_pairs(env):
    env.cr.execute("""SELECT m.channel_id, m.partner_id FROM discuss_channel_member m
                        JOIN discuss_channel c ON c.id = m.channel_id
                       WHERE c.party_grid_id IS NOT NULL AND m.partner_id IS NOT NULL""")
    return frozenset(env.cr.fetchall())


def timed(env, fn):
    env.invalidate_all()
    before = env.cr.sql_log_count
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, env.cr.sql_log_count - before, result


def sql_floor(env):
    def run():
        env.cr.execute("SAVEPOINT tower_sql")
        env.cr.execute("""DELETE FROM discuss_channel_member m USING discuss_channel c
                           WHERE c.id = m.channel_id AND c.party_grid_id IS NOT NULL""")
        env.cr.execute(
            SQL(
                DESIRED_SQL
                + """
            INSERT INTO discuss_channel_member
                   (channel_id, partner_id, party_origin, new_message_separator,
                    create_uid, write_uid, create_date, write_date)
            SELECT channel_id, partner_id, 'sync', 0, 1, 1, now(), now() FROM pairs"""
            )
        )
        count = env.cr.rowcount
        result = tower_pairs(env)
        env.cr.execute("ROLLBACK TO SAVEPOINT tower_sql")
        return count, result

    return run


def main(args):
    with bench_env(args) as (env, data):
        root = data["root"]
        logins = env["res.users"].search_count([("login", "=like", "bench\\_m%")])
        if not logins:
            print("generating logins ...")
            generate_logins(env, data)
        set_tiers(env)
        Channel = env["discuss.channel"]
        if Channel.search_count([("party_grid_id", "!=", False)]):
            raise SystemExit(
                "the benchmark database already has groups of the tower: regenerate it"
            )
        print(
            f"logins in the county: {env['res.users'].search_count([('login', '=like', 'bench%')])}"
        )

        # 1. first sync of the whole county through the cron's batches
        def first():
            return Channel._party_sync_all()

        t1, q1, batches = timed(env, first)
        pairs = tower_pairs(env)
        groups = Channel.search_count([("party_grid_id", "!=", False)])
        print(f"{groups} groups, {len(pairs)} memberships, {batches} batches")

        # 2. rerun with every group flagged: nothing added or removed
        def rerun():
            Channel.search([("party_grid_id", "!=", False)])._party_mark_dirty()
            Channel._party_sync_all()
            return tower_pairs(env)

        reruns = [timed(env, rerun) for _ in range(3)]
        t2 = statistics.median(r[0] for r in reruns)
        if any(r[2] != pairs for r in reruns):
            raise SystemExit("a rerun changed the membership")

        # 3. killed after two batches (savepoint rolled back to the state before), resumed
        env.cr.execute("SAVEPOINT tower_kill")
        env.cr.execute("""DELETE FROM discuss_channel_member m USING discuss_channel c
                           WHERE c.id = m.channel_id AND c.party_grid_id IS NOT NULL""")
        env.invalidate_all()
        Channel.search([("party_grid_id", "!=", False)])._party_mark_dirty()
        Channel._cron_party_sync_channels()
        left = Channel._cron_party_sync_channels()
        t3, q3, _ = timed(env, Channel._party_sync_all)
        resumed = tower_pairs(env)
        env.cr.execute("ROLLBACK TO SAVEPOINT tower_kill")
        env.invalidate_all()
        if resumed != pairs:
            raise SystemExit("the resumed sync differs from a single run")
        print(
            f"killed after 2 batches with {left} groups left; resumed in {t3:.1f} s: same membership"
        )

        # 4. the SQL floor, median of 3
        floors = [timed(env, sql_floor(env)) for _ in range(3)]
        ts = statistics.median(f[0] for f in floors)
        count, sql_pairs = floors[0][2]
        report(
            [
                (
                    "tower sync, whole county, first run (groups + members)",
                    (t1, q1, len(pairs)),
                    (ts, floors[0][1], len(sql_pairs)),
                ),
                (
                    "tower sync, whole county, rerun (no change)",
                    (t2, reruns[0][1], len(reruns[0][2])),
                    (ts, floors[0][1], count),
                ),
            ]
        )
        if sql_pairs != pairs:
            raise SystemExit("the ORM and SQL memberships differ")
        print(f"root {root.name}: ORM and SQL give the same {len(pairs)} memberships")
