"""Make a province of N counties in minutes (issue 19.5): the first county is generated once
through the ORM (bench/county.py, a year of visits, its tickets), then copied N - 1 times by
plain SQL, one ``INSERT ... SELECT ... CROSS JOIN generate_series`` per table.

Each copied row gets ``id + k * span`` (``span``: the table's id range from the county's first
row to the table's last id, so that copies never meet each other or existing rows); every
foreign key into a copied table is moved the same way when it points at a row of the county,
and left alone otherwise (the province root, the levels, tags, stages, users). The grids get
their ``parent_path`` rewritten id by id, their code ``B01…`` becomes ``B02…``, ``B03…``, and
``基准1县`` in their names becomes ``基准2县``…. Foreign-key triggers are off during the copy
(``session_replication_role = replica``); a check afterwards finds every copied foreign key's
target, and a table outside the copy that points at the county (a row the copy would miss)
stops it. Then each table's sequence, the monthly roll-up of this month (the job's rebuild,
as after any load by SQL) and ``ANALYZE``; ``check_counties`` compares each county's counts
with the first one's.

The copies are the same county N times (same households, tags, visit dates, tickets): the
figures' cost depends on the row counts and the plans, which a copy reproduces; the
benchmark's README says so beside the figures."""

import time

from odoo.tools import SQL

# table -> which of its rows belong to the county (``%(grids)s``: the temp table of the
# county's grid ids; the other ``_c_<table>`` temp tables exist for the tables before it)
COPIED = (
    ("party_grid", "id IN (SELECT id FROM _c_party_grid)"),
    ("party_member", "grid_id IN (SELECT id FROM _c_party_grid)"),
    ("party_household", "grid_id IN (SELECT id FROM _c_party_grid)"),
    # the bench users' own roles stay where they are (their scope is the first county)
    ("party_grid_role", "grid_id IN (SELECT id FROM _c_party_grid) AND user_id IS NULL"),
    ("res_partner", """id IN (SELECT partner_id FROM party_member
                                WHERE id IN (SELECT id FROM _c_party_member)
                              UNION SELECT partner_id FROM party_household
                                WHERE id IN (SELECT id FROM _c_party_household)
                              UNION SELECT partner_id FROM party_grid_role
                                WHERE id IN (SELECT id FROM _c_party_grid_role))"""),
    ("party_household_tag_rel", "household_id IN (SELECT id FROM _c_party_household)"),
    ("party_ticket", "origin_grid_id IN (SELECT id FROM _c_party_grid)"),
    ("party_ticket_log", "ticket_id IN (SELECT id FROM _c_party_ticket)"),
    ("party_visit", "household_id IN (SELECT id FROM _c_party_household)"),
    ("party_grid_duty_month", "grid_id IN (SELECT id FROM _c_party_grid)"),
)
# rows outside the copy that may point at the county: the bench users' scope and roles
LEFT_OUT = {
    ("party_grid_extra_user_rel", "grid_id"),
    ("party_grid_role", "grid_id"),
    ("party_grid_role", "partner_id"),
    ("res_users", "partner_id"),
    ("party_member", "user_id"),
}


def _columns(cr, table):
    cr.execute(SQL(
        """SELECT attname FROM pg_attribute
            WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped
            ORDER BY attnum""", table))
    return [r[0] for r in cr.fetchall()]


def _foreign_keys(cr, table):
    """{column: referenced table} of the single-column foreign keys of ``table``."""
    cr.execute(SQL(
        """SELECT a.attname, c.confrelid::regclass::text
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.conrelid = %s::regclass
              AND array_length(c.conkey, 1) = 1""", table))
    return dict(cr.fetchall())


def _referencing(cr, tables):
    """(table, column, referenced table) of every foreign key into ``tables``."""
    cr.execute(SQL(
        """SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text
             FROM pg_constraint c
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid::regclass::text = ANY(%s)""", list(tables)))
    return cr.fetchall()


def county_count(env, root):
    env.cr.execute(SQL("SELECT count(*) FROM party_grid WHERE parent_id = %s", root.id))
    return env.cr.fetchone()[0]


def _select_county(cr, county_path):
    """The temp tables ``_c_<table>`` of the county's rows; {table: span}, {table: rows}."""
    cr.execute(SQL("""CREATE TEMP TABLE _c_party_grid ON COMMIT DROP AS
                      SELECT id FROM party_grid WHERE parent_path LIKE %s""", f"{county_path}%"))
    span, count = {}, {}
    for table, where in COPIED:
        temp = SQL.identifier(f"_c_{table}")
        has_id = "id" in _columns(cr, table)
        if table != "party_grid":
            cr.execute(SQL("CREATE TEMP TABLE %s ON COMMIT DROP AS SELECT %s FROM %s WHERE %s",
                           temp, SQL("id") if has_id else SQL("ctid AS id"),
                           SQL.identifier(table), SQL(where)))
        if has_id:
            cr.execute(SQL("ALTER TABLE %s ADD PRIMARY KEY (id)", temp))
            cr.execute(SQL("SELECT (SELECT max(id) FROM %s) - min(id) + 1, count(*) FROM %s",
                           SQL.identifier(table), temp))
            span[table], count[table] = cr.fetchone()
        else:
            cr.execute(SQL("SELECT count(*) FROM %s", temp))
            count[table] = cr.fetchone()[0]
        cr.execute(SQL("ANALYZE %s", temp))
    return span, count


def _check_outside(cr, tables, span):
    """Nothing outside the copy may point at the county (it would be missing in the copies)."""
    for table, column, target in _referencing(cr, [t for t in tables if t in span]):
        if table in tables or (table, column) in LEFT_OUT:
            continue
        cr.execute(SQL("SELECT count(*) FROM %s WHERE %s IN (SELECT id FROM %s)",
                       SQL.identifier(table), SQL.identifier(column),
                       SQL.identifier(f"_c_{target}")))
        if n := cr.fetchone()[0]:
            raise SystemExit(f"{n} rows of {table}.{column} point at the county: add {table} "
                             "to bench/county_clone.py COPIED")


def _column_expr(table, col, fks, span):
    """The value of ``col`` in copy ``k`` of a row ``s``."""
    ident = SQL.identifier(col)
    if col == "id" and table in span:
        return SQL("s.id + k * %s", span[table])
    if fks.get(col) in span:
        target = fks[col]
        return SQL("CASE WHEN s.%s IN (SELECT id FROM %s) THEN s.%s + k * %s ELSE s.%s END",
                   ident, SQL.identifier(f"_c_{target}"), ident, span[target], ident)
    if table == "party_grid" and col == "parent_path":
        return SQL(
            """(SELECT string_agg(CASE WHEN p::int IN (SELECT id FROM _c_party_grid)
                                       THEN (p::int + k * %s)::text ELSE p END,
                                  '/' ORDER BY o) || '/'
                  FROM unnest(string_to_array(rtrim(s.parent_path, '/'), '/'))
                       WITH ORDINALITY AS x(p, o))""", span["party_grid"])
    if table == "party_grid" and col == "code":
        return SQL("'B' || lpad((k + 1)::text, 2, '0') || substr(s.code, 4)")
    if table == "party_grid" and col in ("name", "complete_name", "org_name"):
        return SQL("replace(s.%s, '基准1县', '基准' || (k + 1) || '县')", ident)
    return SQL("s.%s", ident)


def _copy_table(cr, table, span, copies):
    fks = _foreign_keys(cr, table)
    columns = _columns(cr, table)
    temp = SQL.identifier(f"_c_{table}")
    where = SQL("s.%s IN (SELECT id FROM %s)", SQL("id" if table in span else "ctid"), temp)
    cr.execute(SQL("INSERT INTO %s (%s) SELECT %s FROM %s s CROSS JOIN "
                   "generate_series(1, %s) k WHERE %s",
                   SQL.identifier(table), SQL(", ").join(map(SQL.identifier, columns)),
                   SQL(", ").join(_column_expr(table, c, fks, span) for c in columns),
                   SQL.identifier(table), copies, where))
    return cr.rowcount


def _check_foreign_keys(cr, tables, span):
    """Every copied foreign key into a copied table finds its row (the triggers were off)."""
    for table in tables:
        for col, target in _foreign_keys(cr, table).items():
            if target not in span:
                continue
            cr.execute(SQL("SELECT count(*) FROM %s s WHERE s.%s IS NOT NULL AND NOT EXISTS "
                           "(SELECT 1 FROM %s t WHERE t.id = s.%s)",
                           SQL.identifier(table), SQL.identifier(col),
                           SQL.identifier(target), SQL.identifier(col)))
            if n := cr.fetchone()[0]:
                raise SystemExit(f"{n} rows of {table}.{col} point at no {target} row")


def clone_counties(env, root, counties, log=print):
    """Copy the first county below ``root`` until there are ``counties`` of them."""
    cr = env.cr
    env.flush_all()
    have = county_count(env, root)
    if have != 1:
        raise SystemExit(f"the copy starts from a province of one county ({have} here)")
    copies = counties - 1
    if copies < 1:
        return 0
    t0 = time.perf_counter()
    cr.execute(SQL("SELECT parent_path, code, name FROM party_grid WHERE parent_id = %s",
                   root.id))
    county_path, county_code, county_name = cr.fetchone()
    if county_code != "B01" or county_name != "基准1县":
        raise SystemExit(f"unexpected first county {county_code} {county_name}")
    tables = [t for t, _w in COPIED]
    span, count = _select_county(cr, county_path)
    _check_outside(cr, tables, span)
    log(f"  copying county {county_code} ({count['party_grid']} grids, "
        f"{count['party_household']} households, {count['party_visit']} visits, "
        f"{count['party_ticket']} tickets) {copies} times")
    cr.execute("SET LOCAL session_replication_role = replica")
    for table in tables:
        t = time.perf_counter()
        rows = _copy_table(cr, table, span, copies)
        log(f"    {table}: {rows} rows in {time.perf_counter() - t:.1f} s")
    cr.execute("SET LOCAL session_replication_role = DEFAULT")
    t = time.perf_counter()
    _check_foreign_keys(cr, tables, span)
    log(f"  foreign keys checked: {time.perf_counter() - t:.1f} s")
    for table in span:
        cr.execute(SQL("SELECT setval(pg_get_serial_sequence(%s, 'id'), max(id)) FROM %s",
                       table, SQL.identifier(table)))
    env.invalidate_all()
    env.registry.clear_cache()
    t = time.perf_counter()
    cr.execute(SQL("ANALYZE %s", SQL(", ").join(map(SQL.identifier, tables))))
    log(f"  ANALYZE: {time.perf_counter() - t:.1f} s")
    log(f"  {copies} copies in {time.perf_counter() - t0:.1f} s")
    return copies


COUNTS = (
    ("grids", "SELECT x.county, count(*) FROM _county x GROUP BY 1"),
    ("members", "SELECT x.county, count(*) FROM party_member m JOIN _county x ON x.id = m.grid_id"
                " GROUP BY 1"),
    ("households", "SELECT x.county, count(*) FROM party_household h"
                   " JOIN _county x ON x.id = h.grid_id GROUP BY 1"),
    ("covered", "SELECT x.county, count(h.contact_member_id) FROM party_household h"
                " JOIN _county x ON x.id = h.grid_id GROUP BY 1"),
    ("tags", "SELECT x.county, count(*) FROM party_household_tag_rel r"
             " JOIN party_household h ON h.id = r.household_id"
             " JOIN _county x ON x.id = h.grid_id GROUP BY 1"),
    ("roles", "SELECT x.county, count(*) FROM party_grid_role r JOIN _county x ON x.id = r.grid_id"
              " WHERE r.user_id IS NULL GROUP BY 1"),
    ("visits", "SELECT x.county, count(*) FROM party_visit v JOIN _county x ON x.id = v.grid_id"
               " GROUP BY 1"),
    ("tickets", "SELECT x.county, count(*) FROM party_ticket t"
                " JOIN _county x ON x.id = t.origin_grid_id GROUP BY 1"),
    ("closed", "SELECT x.county, count(*) FILTER (WHERE t.is_closed) FROM party_ticket t"
               " JOIN _county x ON x.id = t.origin_grid_id GROUP BY 1"),
    ("ticket logs", "SELECT x.county, count(*) FROM party_ticket_log l"
                    " JOIN party_ticket t ON t.id = l.ticket_id"
                    " JOIN _county x ON x.id = t.origin_grid_id GROUP BY 1"),
    ("roll-up rows", "SELECT x.county, count(*) FROM party_grid_duty_month d"
                     " JOIN _county x ON x.id = d.grid_id GROUP BY 1"),
)


def check_counties(env, root):
    """Each county's counts beside the first one's, and every grid's ``parent_path``
    against its parent's; stops on a difference."""
    cr = env.cr
    t0 = time.perf_counter()
    cr.execute(SQL(
        """CREATE TEMP TABLE _county ON COMMIT DROP AS
           SELECT g.id, (string_to_array(g.parent_path, '/'))[2]::int AS county
             FROM party_grid g WHERE g.parent_path LIKE %s AND g.id <> %s""",
        f"{root.parent_path}%", root.id))
    cr.execute("ANALYZE _county")
    cr.execute(SQL("SELECT id, code FROM party_grid WHERE parent_id = %s ORDER BY id", root.id))
    codes = dict(cr.fetchall())
    table = {county: [] for county in codes}
    for _label, query in COUNTS:
        cr.execute(query)
        got = dict(cr.fetchall())
        for county in codes:
            table[county].append(got.get(county, 0))
    print("  county " + " ".join(f"{label:>12}" for label, _q in COUNTS))
    for county, code in codes.items():
        print(f"  {code:<6} " + " ".join(f"{v:>12}" for v in table[county]))
    first = table[min(codes)]
    wrong = [codes[c] for c in codes if table[c] != first]
    cr.execute(SQL(
        """SELECT count(*) FROM party_grid g JOIN party_grid p ON p.id = g.parent_id
            WHERE g.parent_path <> p.parent_path || g.id || '/'"""))
    bad_paths = cr.fetchone()[0]
    cr.execute("DROP TABLE _county")
    if wrong or bad_paths:
        raise SystemExit(f"the counties differ from the first one: {wrong}; "
                         f"{bad_paths} grids with a wrong parent_path")
    print(f"  {len(codes)} counties with the same counts, every parent_path follows its "
          f"parent's ({time.perf_counter() - t0:.1f} s)")
    return len(codes)
