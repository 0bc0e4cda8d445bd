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

setup_all || exit 1
if [ "$ODOO_AVAILABLE" != 1 ]; then
  echo "Odoo 18 was not found: $ODOO_MISSING_REASON"
  exit 1
fi
trap stop_postgres EXIT
ensure_postgres || { echo "no PostgreSQL server could be reached or started"; exit 1; }

db="${PARTY_GRID_DB:-party_grid_demo}"
port="${HTTP_PORT:-8069}"
if ! db_exists "$db"; then
  say "creating the database $db with $ADDONS, demo data and Chinese (takes a few minutes)"
  if ! odoo_bin -d "$db" -i "$ADDONS" --load-language zh_CN --stop-after-init \
       --http-port "$port" --log-level warn; then
    echo "creating the database $db failed"; drop_db "$db"; exit 1
  fi
  "$PY" - "$db" <<'EOF'
import sys, psycopg2
c = psycopg2.connect(dbname=sys.argv[1])
with c, c.cursor() as cur:   # the demo users and the admin read Chinese
    cur.execute("UPDATE res_partner SET lang = 'zh_CN', tz = 'Asia/Shanghai'"
                " WHERE id IN (SELECT partner_id FROM res_users WHERE login NOT IN ('__system__', 'public'))")
EOF
fi
cat <<EOF

  党建网格 Party Grid is starting on http://localhost:$port  (database: $db)
  Log in as admin / admin (or the demo roles: worker, head, township, leader, instructor, office;
  each with its login as password). Stop with Ctrl+C.

EOF
odoo_bin -d "$db" --db-filter "^${db}\$" --http-port "$port" "$@"
