#!/usr/bin/env bash
# Sets up (venv, Odoo, PostgreSQL), creates the demo database with the three addons,
# demo data and Chinese (unless it exists), and serves Odoo on http://localhost:8069.
#
#   PARTY_GRID_DB   database name (default: party_grid_demo)
#   HTTP_PORT       port (default: 8069)
#   Extra arguments are passed to odoo-bin (e.g. --dev=xml or -u party_grid).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

started=$SECONDS
say "step 1/4: Python environment in $VENV and Odoo 18 source (the first run installs Odoo's requirements: about 5-10 minutes)"
setup_all || exit 1
if [ "$ODOO_AVAILABLE" != 1 ]; then
  cat <<EOF
Odoo 18 was not found: $ODOO_MISSING_REASON

Get the Odoo 18.0 source with one of these, then run this command again:
  git clone --branch 18.0 --depth 1 https://github.com/odoo/odoo.git "$ODOO_SRC_DEFAULT"
  # or the official nightly source tarball:
  mkdir -p "$ODOO_SRC_DEFAULT" && curl -fsSL https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz \
    | tar -xz -C "$ODOO_SRC_DEFAULT" --strip-components=1
(or point ODOO_SRC=/path/to/odoo-18.0 at a tree you already have)
EOF
  exit 1
fi
say "step 2/4: Odoo $("$PY" -c 'import odoo.release as r; print(r.version)') from $ODOO_SRC, environment ready ($((SECONDS - started)) s)"
trap stop_postgres EXIT
ensure_postgres || { echo "no PostgreSQL server could be reached or started"; exit 1; }
say "step 3/4: PostgreSQL on ${PGHOST:-127.0.0.1}:${PGPORT:-5432}"

db="${PARTY_GRID_DB:-party_grid_demo}"
port="${HTTP_PORT:-8069}"
if ! db_exists "$db"; then
  say "step 4/4: creating the database $db with $ADDONS, demo data and Chinese (1-3 minutes)"
  log="$RUN_DIR/create-$db.log"
  odoo_bin -d "$db" -i "$ADDONS" --load-language zh_CN --stop-after-init \
    --http-port "$port" --log-level info > "$log" 2>&1 &
  creating=$!
  while kill -0 "$creating" 2>/dev/null; do
    sleep 5
    line="$(grep -o 'Loading module [a-z_]* ([0-9]*/[0-9]*)' "$log" | tail -1)"
    [ -n "$line" ] && printf '\r[party_grid]   %s, %s s        ' "$line" "$((SECONDS - started))" >&2
  done
  printf '\n' >&2
  if ! wait "$creating"; then
    echo "creating the database $db failed; the last lines of $log:"; tail -20 "$log"
    drop_db "$db"; exit 1
  fi
  "$PY" - "$db" <<'EOF'
import sys, psycopg2
c = psycopg2.connect(dbname=sys.argv[1])
with c, c.cursor() as cur:   # the demo users and the admin read Chinese
    cur.execute("UPDATE res_partner SET lang = 'zh_CN', tz = 'Asia/Shanghai'"
                " WHERE id IN (SELECT partner_id FROM res_users WHERE login NOT IN ('__system__', 'public'))")
EOF
else
  # an addon added to the repository since the database was made is installed into it
  say "step 4/4: the database $db exists; installing any addon it does not have yet"
  odoo_bin -d "$db" -i "$ADDONS" --stop-after-init --http-port "$port" --log-level warn \
    > "$RUN_DIR/update-$db.log" 2>&1 || { echo "installing into $db failed; see $RUN_DIR/update-$db.log"; exit 1; }
fi
cat <<EOF

  党建网格 Party Grid is starting on http://localhost:$port  (database: $db; ready after $((SECONDS - started)) s)
  Log in (the password is the login):
    admin       系统管理员      everything: configuration, users, time limits, all grids
    leader      王建国 县领导    reads the whole county: figures, reports, every grid
    township    赵志强 乡镇干部  赵桥镇: grids, members, households, tickets reported up, figures
    head        刘根波 网格长    张士军村: members and households, verifies and reports tickets, visits back
    worker      李红梅 网格员    第一党小组: logs visits to linked households, claims and handles tickets
    instructor  张晓燕 指导员    reads the grids she instructs
    office      孙海涛 联办部门  the county traffic office: tickets handed to it for joint handling
  Stop with Ctrl+C.

EOF
# -d alone serves only this database; a --db-filter would make Odoo list the
# server's databases (over a new connection) on every new visitor's request
odoo_bin -d "$db" --http-port "$port" "$@"
