#!/usr/bin/env bash
# Runs addon tests with pytest (pytest-odoo) against a database where the addons
# are installed, e.g. the demo database of scripts/run.sh:
#
#   bash scripts/pytest_odoo.sh party_grid_demo party_grid/tests/test_party_ticket.py -k claim
#
# Writes the Odoo configuration pytest-odoo needs (addons path, database server,
# database) to .run/odoo-pytest.cfg; the arguments after the database go to pytest.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
db="${1:?usage: scripts/pytest_odoo.sh DATABASE [pytest arguments]}"
shift
setup_all || exit 1
[ "$ODOO_AVAILABLE" = 1 ] || { echo "Odoo 18 was not found: $ODOO_MISSING_REASON"; exit 1; }
trap stop_postgres EXIT
ensure_postgres || { echo "no PostgreSQL server could be reached or started"; exit 1; }
cfg="$RUN_DIR/odoo-pytest.cfg"
{
  echo "[options]"
  echo "addons_path = $ODOO_SRC/odoo/addons,$SITE_ADDONS,$ROOT"
  echo "db_name = $db"
  echo "db_host = ${PGHOST:-127.0.0.1}"
  echo "db_port = ${PGPORT:-5432}"
  [ -n "${PGUSER:-}" ] && echo "db_user = $PGUSER"
  [ -n "${PGPASSWORD:-}" ] && echo "db_password = $PGPASSWORD"
} > "$cfg"
"$PY" -m pytest -p no:cacheprovider --odoo-config="$cfg" "$@"
