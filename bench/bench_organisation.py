"""Organisation benchmark (issue #13) on a generated county: the contact pyramid screen
(one row per household with who answers for it up to the township) and the load against
the norm, through the ORM as the township officer, beside the plain SQL of the same rows.

    BENCH_ADDONS=party_grid,party_grid_organisation bash bench/run.sh organisation

The pyramid is laid over the generated county in the benchmark's transaction (rolled
back at the end): in each party group the first member is the central household of the
others and the second links it as group head; the first member of each village links its
party groups; the township officer links the villages.
"""

from odoo.tools import SQL

from .bench_register import measure
from .common import bench_env, report

CHAIN_SPEC = {
    fname: {}
    for fname in (
        "household_id",
        "contact_member_id",
        "central_id",
        "group_head_names",
        "branch_names",
        "township_names",
        "gap",
    )
}


def lay_pyramid(env, officer):
    cr = env.cr
    cr.execute("UPDATE party_contact_level SET enforce_max = false")
    cr.execute("SELECT code, id, sequence FROM party_contact_level")
    levels = {code: (lid, seq) for code, lid, seq in cr.fetchall()}
    cr.execute(
        """WITH c AS (SELECT grid_id, min(id) AS id FROM party_member GROUP BY grid_id)
        UPDATE party_member m SET is_central_household = true, central_kind = 'household'
          FROM c WHERE m.id = c.id"""
    )
    cr.execute(
        """WITH c AS (SELECT grid_id, min(id) AS id FROM party_member GROUP BY grid_id)
        UPDATE party_member m SET central_household_id = c.id
          FROM c WHERE m.grid_id = c.grid_id AND m.id != c.id"""
    )

    def insert(code, select):
        lid, seq = levels[code]
        cr.execute(
            SQL(
                """INSERT INTO party_contact_link (level_id, level_code, level_sequence,
                       member_id, partner_id, target_grid_id, target_member_id, grid_id,
                       active, date_start, create_uid, write_uid, create_date, write_date)
                SELECT %s, %s, %s, s.member_id, s.partner_id, s.target_grid_id,
                       s.target_member_id, s.grid_id, true, now()::date, 1, 1, now(), now()
                  FROM (%s) s""",
                lid,
                code,
                seq,
                select,
            )
        )
        return cr.rowcount

    made = {}
    made["group"] = insert(
        "group",
        SQL(
            """SELECT h.id AS member_id, h.partner_id, NULL::int AS target_grid_id,
                      c.id AS target_member_id, c.grid_id
                 FROM party_member c
                 JOIN LATERAL (SELECT id, partner_id FROM party_member
                                WHERE grid_id = c.grid_id AND id > c.id
                                ORDER BY id LIMIT 1) h ON true
                WHERE c.is_central_household"""
        ),
    )
    made["branch"] = insert(
        "branch",
        SQL(
            """SELECT m.id AS member_id, m.partner_id, g.id AS target_grid_id,
                      NULL::int AS target_member_id, g.id AS grid_id
                 FROM party_grid g
                 JOIN party_grid v ON v.id = g.parent_id AND v.org_type = 'branch'
                 JOIN LATERAL (SELECT m.id, m.partner_id FROM party_member m
                                 JOIN party_grid mg ON mg.id = m.grid_id
                                WHERE mg.parent_path LIKE v.parent_path || '%%'
                                ORDER BY m.id LIMIT 1) m ON true
                WHERE g.org_type = 'group'"""
        ),
    )
    made["township"] = insert(
        "township",
        SQL(
            """SELECT NULL::int AS member_id, %s AS partner_id, v.id AS target_grid_id,
                      NULL::int AS target_member_id, v.id AS grid_id
                 FROM party_grid v JOIN party_grid t ON t.id = v.parent_id
                WHERE v.org_type = 'branch' AND t.org_type = 'committee'""",
            officer.partner_id.id,
        ),
    )
    env.invalidate_all()
    return made


def chain_orm(env, user, township):
    model = env["party.contact.chain"].with_user(user)

    def run():
        res = model.web_search_read(
            [("grid_id", "child_of", township.id)], CHAIN_SPEC, limit=80, order="id"
        )
        return res["length"], [r["id"] for r in res["records"]]

    return run


def chain_sql(env, township):
    query = env["party.contact.chain"]._query()
    path = f"{township.parent_path}%"

    def run():
        where = SQL(
            "c.grid_id IN (SELECT id FROM party_grid WHERE parent_path LIKE %s)", path
        )
        env.cr.execute(
            SQL(
                """WITH c AS (%s)
                SELECT c.id, c.household_id, c.contact_member_id, c.central_id,
                       c.group_head_names, c.branch_names, c.township_names, c.gap
                  FROM c WHERE %s ORDER BY c.id LIMIT 80""",
                query,
                where,
            )
        )
        ids = [r[0] for r in env.cr.fetchall()]
        env.cr.execute(
            SQL("WITH c AS (%s) SELECT count(*) FROM c WHERE %s", query, where)
        )
        return env.cr.fetchone()[0], ids

    return run


def load_orm(env, user, township):
    model = env["party.contact.load"].with_user(user)

    def run():
        groups = model._read_group(
            [("grid_id", "child_of", township.id)], ["level_code", "state"], ["__count"]
        )
        return sorted(groups)

    return run


def load_sql(env, township):
    query = env["party.contact.load"]._query()
    path = f"{township.parent_path}%"

    def run():
        env.cr.execute(
            SQL(
                """WITH l AS (%s)
                SELECT l.level_code, l.state, count(*) FROM l
                 WHERE l.grid_id IN (SELECT id FROM party_grid WHERE parent_path LIKE %s)
                 GROUP BY 1, 2""",
                query,
                path,
            )
        )
        return sorted(env.cr.fetchall())

    return run


def main(args):
    with bench_env(args) as (env, data):
        made = lay_pyramid(env, data["officer"])
        print(f"pyramid laid: {made} links")
        township, officer = data["township"], data["officer"]
        rows = [
            (
                "pyramid screen, a township (80 of total)",
                measure(env, chain_orm(env, officer, township)),
                measure(env, chain_sql(env, township)),
            ),
            (
                "load against the norm, a township (by level and state)",
                measure(env, load_orm(env, officer, township)),
                measure(env, load_sql(env, township)),
            ),
        ]
        report(rows)
