#!/usr/bin/env bash
# Sets up (venv, Odoo, PostgreSQL) and runs every test of the repository:
#   (a) static checks and linters, (b) pure-Python unit tests under tests/,
#   (c) with Odoo 18: every addon's Odoo tests in a fresh database.
# Ends with one line "N passed, N failed, N skipped"; exits non-zero on any failure.
#
#   scripts/test.sh                 everything
#   SKIP_ODOO=1 scripts/test.sh     static and unit tests only
#   KEEP_DB=1 scripts/test.sh       keep the Odoo test database afterwards
#   TEST_TAGS=/party_grid:TestTicketStory scripts/test.sh   a subset of the Odoo tests
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

setup_all || exit 1
export ODOO_AVAILABLE
pg_ok=0
if [ "$ODOO_AVAILABLE" = 1 ] && [ "${SKIP_ODOO:-0}" != 1 ]; then
  trap stop_postgres EXIT
  ensure_postgres && pg_ok=1
fi

# ------------------------------------------------------------ (a) + (b) pytest
say "static checks, linters and unit tests (pytest tests/)"
"$PY" -m pytest -p no:odoo -p no:cacheprovider -q tests/ --junitxml="$RUN_DIR/pytest.xml"
pytest_rc=$?

# ------------------------------------------------------------ (c) Odoo tests
odoo_json="$RUN_DIR/odoo-tests.json"
rm -f "$odoo_json"
odoo_rc=0
pytest_odoo_args=()
if [ "${SKIP_ODOO:-0}" = 1 ]; then
  echo "Odoo tests skipped: SKIP_ODOO=1"
elif [ "$ODOO_AVAILABLE" != 1 ]; then
  echo "Odoo tests skipped: $ODOO_MISSING_REASON"
else
  if [ "$pg_ok" = 1 ]; then
    db="party_grid_test_$(date +%Y%m%d%H%M%S)_$$"
    http_port="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    log="$RUN_DIR/odoo-tests.log"
    say "Odoo tests of $ADDONS in a fresh database $db (log: $log)"
    odoo_bin -d "$db" -i "$ADDONS" --test-tags "${TEST_TAGS:-$TEST_TAGS_ALL}" \
      --load-language zh_CN --stop-after-init --http-port "$http_port" --http-interface 127.0.0.1 \
      --max-cron-threads 0 --log-level info > "$log" 2>&1
    odoo_exit=$?
    "$PY" scripts/check_odoo_log.py "$log" --exit-code "$odoo_exit" --json "$odoo_json"
    odoo_rc=$?
    # the developer's path: one test file through pytest-odoo on the same database
    if [ -z "${TEST_TAGS:-}" ]; then
      say "one addon test file through pytest-odoo (scripts/pytest_odoo.sh)"
      bash scripts/pytest_odoo.sh "$db" party_grid/tests/test_attack.py -q \
        --junitxml="$RUN_DIR/pytest-odoo.xml"
      pytest_odoo_rc=$?
      pytest_odoo_args=(--pytest-odoo-xml "$RUN_DIR/pytest-odoo.xml" --pytest-odoo-rc "$pytest_odoo_rc")
    fi
    if [ "${KEEP_DB:-0}" != 1 ]; then
      drop_db "$db"
    fi
  else
    echo "Odoo tests failed: no PostgreSQL server could be reached or started"
    odoo_rc=1
  fi
  stop_postgres
fi

# ------------------------------------------------------------ summary
"$PY" scripts/summary.py "$RUN_DIR/pytest.xml" "$odoo_json" --pytest-rc "$pytest_rc" \
  --odoo-rc "$odoo_rc" "${pytest_odoo_args[@]}"
