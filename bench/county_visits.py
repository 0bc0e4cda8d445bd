"""Add a year of visits and a year of party activities to the benchmark county (issue #4).

Scale (DESIGN.md §6): one contact per linked household per month, 600,000 visits a year for
50,000 households. The 600,000 visits are inserted with plain SQL (one ``INSERT ... SELECT``
per month): through the ORM they would take most of an hour, and visits carry no computed
stored field but ``grid_id`` (the household's grid), which the INSERT copies. In the current
month only part of the households have been contacted yet, so that 'not contacted this
month' has something to find. Activities (about 1,200: a monthly meeting of every branch and
a quarterly lecture) are created through the ORM; their attendance lines (one per member of
the organisation's subtree) again with plain SQL. Every member gets a login (ORM, in
batches), so that the reminder has 6,000 members to remind.
"""

import time

from odoo.tools import SQL

from .county import NO_TRACK, _create

# share of the linked households already contacted in the current month
CURRENT_MONTH_DONE = 0.6
# share of the visits made by a member who is not the household's contact member
OTHER_MEMBER = 0.03
USER_BATCH = 500


def find_visits(env):
    env.cr.execute("SELECT count(*) FROM party_visit")
    return env.cr.fetchone()[0]


def _month_starts(env):
    """The first day of the last twelve months (current one last), in China time."""
    env.cr.execute(SQL(
        """SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai')
                                    - interval '11 months',
                                  date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai'),
                                  interval '1 month')::date"""))
    return [row[0] for row in env.cr.fetchall()]


def generate_visits(env, data, scale=1.0, seed=0.42, log=print):
    """Users for the members, a year of visits and of activities in the county of ``data``."""
    env = env(context=dict(env.context, **NO_TRACK))
    root = data["root"]
    t0 = time.perf_counter()
    timings = {}

    # ---------------------------------------------------------------- a login per member
    members = env["party.member"].search([("grid_id", "child_of", root.id), ("user_id", "=", False)])
    worker_group = env.ref("party_grid.party_grid_group_worker")
    users = env["res.users"].with_context(no_reset_password=True)
    vals = [{"partner_id": m.partner_id.id, "login": f"bench_member_{m.id}",
             "groups_id": [(6, 0, [worker_group.id])]} for m in members]
    made_users = _create(users, vals) if vals else users.browse()
    # one UPDATE instead of 6,000 writes (each would clear the record-rule caches)
    if made_users:
        env.cr.execute(SQL(
            """UPDATE party_member m SET user_id = u.id
                 FROM res_users u
                WHERE u.login = 'bench_member_' || m.id AND m.user_id IS NULL"""))
        env.invalidate_all()
        env.registry.clear_cache()
    env.cr.commit()
    timings["users"] = time.perf_counter() - t0
    log(f"  {len(made_users)} member logins: {timings['users']:.1f} s")

    # ---------------------------------------------------------------- visits, plain SQL
    t1 = time.perf_counter()
    months = _month_starts(env)
    env.cr.execute(SQL("SELECT setseed(%s)", seed))
    now = SQL("(now() AT TIME ZONE 'UTC')")
    # each step is skipped when an interrupted generation already committed it
    for i, month in enumerate([] if find_visits(env) else months):
        current = i == len(months) - 1
        # a random moment of the month (China time), never in the future
        moment = SQL(
            """LEAST(((%(month)s::timestamp + random() * (
                        (%(month)s::date + interval '1 month')::timestamp - %(month)s::timestamp))
                      AT TIME ZONE 'Asia/Shanghai' AT TIME ZONE 'UTC'),
                     %(now)s - interval '1 minute')""", month=month, now=now)
        env.cr.execute(SQL(
            """INSERT INTO party_visit (member_id, household_id, grid_id, date, method, kind,
                                        check_people, check_facilities, check_situation,
                                        check_risks, needs_follow_up, finding,
                                        create_uid, write_uid, create_date, write_date)
               SELECT COALESCE(CASE WHEN random() < %(other)s
                                    THEN (SELECT m.id FROM party_member m
                                           WHERE m.grid_id = h.grid_id
                                             AND m.id <> h.contact_member_id
                                           LIMIT 1)
                                    END,
                               h.contact_member_id),
                      h.id, h.grid_id, %(moment)s,
                      (ARRAY['home', 'home', 'home', 'phone', 'online', 'talk', 'meeting'])
                        [1 + floor(random() * 7)::int],
                      CASE WHEN h.must_visit THEN 'must_visit' ELSE 'routine' END,
                      true, random() < 0.9, random() < 0.9, random() < 0.8,
                      r.finding, CASE WHEN r.finding THEN 'Found during the visit' END,
                      1, 1, %(now)s, %(now)s
                 FROM party_household h
                 CROSS JOIN LATERAL (SELECT random() < 0.04 AS finding) r
                WHERE h.active AND h.contact_member_id IS NOT NULL
                  AND h.grid_id IN (SELECT id FROM party_grid WHERE parent_path LIKE %(path)s)
                  AND (NOT %(current)s OR random() < %(done)s)""",
            other=OTHER_MEMBER, moment=moment, now=now, path=f"{root.parent_path}%",
            current=current, done=CURRENT_MONTH_DONE))
    # must-visit households get a second visit every month but the current one
    env.cr.execute(SQL(
        """SELECT 1 FROM party_visit v JOIN party_household h ON h.id = v.household_id
            WHERE h.must_visit GROUP BY v.household_id, v.member_id,
                  date_trunc('month', v.date) HAVING count(*) > 1 LIMIT 1"""))
    if not env.cr.fetchone():
        env.cr.execute(SQL(
            """INSERT INTO party_visit (member_id, household_id, grid_id, date, method, kind,
                                        check_people, create_uid, write_uid, create_date,
                                        write_date)
               SELECT v.member_id, v.household_id, v.grid_id, v.date - interval '1 day',
                      'phone', 'must_visit', true, 1, 1, v.create_date, v.create_date
                 FROM party_visit v JOIN party_household h ON h.id = v.household_id
                WHERE h.must_visit AND v.member_id = h.contact_member_id
                  AND v.date < (%(first)s::timestamp AT TIME ZONE 'Asia/Shanghai'
                                AT TIME ZONE 'UTC')
                  AND v.date - interval '1 day' >= (%(start)s::timestamp
                                                     AT TIME ZONE 'Asia/Shanghai'
                                                     AT TIME ZONE 'UTC')""",
            first=months[-1], start=months[0]))
    env.cr.execute(SQL("ANALYZE party_visit"))
    env.invalidate_all()
    n_visits = find_visits(env)
    env.cr.commit()
    timings["visits"] = time.perf_counter() - t1
    log(f"  {n_visits} visits (plain SQL): {timings['visits']:.1f} s")

    # ---------------------------------------------------------------- activities
    t2 = time.perf_counter()
    branches = env["party.grid"].search([("id", "child_of", root.id), ("org_type", "=", "branch")])
    if not branches:
        branches = root.child_ids.child_ids
    branches = branches[: max(int(100 * scale), 1)]
    acts = []
    for month in months:
        for k, branch in enumerate(branches):
            day = 5 + k % 20
            start = f"{month.year}-{month.month:02d}-{day:02d} 01:00:00"
            stop = f"{month.year}-{month.month:02d}-{day:02d} 03:00:00"
            acts.append({"name": f"{branch.name} 支部党员大会 {month:%Y-%m}",
                         "activity_type": "branch_meeting", "grid_id": branch.id,
                         "date_start": start, "date_stop": stop, "place": "党群服务中心"})
            if month.month % 3 == 0:
                acts.append({"name": f"{branch.name} 党课 {month:%Y-%m}",
                             "activity_type": "party_lecture", "grid_id": branch.id,
                             "date_start": start.replace(" 01:", " 06:"),
                             "date_stop": stop.replace(" 03:", " 08:"), "place": "党群服务中心"})
    # activities later than now would be plans: keep them, they have no attendance yet
    activities = env["party.activity"].search([])
    if not activities:
        activities = _create(env["party.activity"], acts)
    env.cr.execute(SQL(
        """INSERT INTO party_activity_attendance (activity_id, member_id, state, hours, grid_id,
                                                  activity_type, date, create_uid, write_uid,
                                                  create_date, write_date)
           SELECT a.id, m.id,
                  (ARRAY['present', 'present', 'present', 'present', 'present', 'present',
                         'present', 'present', 'absent', 'excused'])[1 + floor(random() * 10)::int],
                  0, a.grid_id, a.activity_type, a.date_start, 1, 1, now(), now()
             FROM party_activity a
             JOIN party_grid g ON g.id = a.grid_id
             JOIN party_grid mg ON mg.parent_path LIKE g.parent_path || %s
             JOIN party_member m ON m.grid_id = mg.id AND m.active
            WHERE a.id = ANY(%s) AND a.date_start < now() AT TIME ZONE 'UTC'""",
        "%", activities.ids))
    env.cr.execute(SQL("SELECT count(*) FROM party_activity_attendance"))
    n_lines = env.cr.fetchone()[0]
    env.cr.commit()
    timings["activities"] = time.perf_counter() - t2
    log(f"  {len(activities)} activities (ORM), {n_lines} attendance lines (plain SQL): "
        f"{timings['activities']:.1f} s")
    timings["total"] = time.perf_counter() - t0
    return {"users": len(made_users), "visits": n_visits, "activities": len(activities),
            "attendance": n_lines, "timings": timings}
