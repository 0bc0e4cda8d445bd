#!/usr/bin/env bash
# Run a benchmark on a generated county:  bash bench/run.sh register [--scale 0.1] [--regenerate]
# The database (BENCH_DB, default party_grid_bench) is created with the addons, without demo
# data; the county is generated into it on first use (--regenerate drops and recreates it).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"
cd "$ROOT"
setup_all || exit 1
[ "$ODOO_AVAILABLE" = 1 ] || { echo "benchmarks need Odoo 18: $ODOO_MISSING_REASON"; exit 1; }
trap stop_postgres EXIT
ensure_postgres || exit 1
db="${BENCH_DB:-party_grid_bench}"
name="$1"; shift
case " $* " in *" --regenerate "*) drop_db "$db" ;; esac
if ! db_exists "$db"; then
  say "creating the benchmark database $db (party_grid, no demo data)"
  odoo_bin -d "$db" -i "${BENCH_ADDONS:-party_grid}" --without-demo=all --stop-after-init --log-level warn || exit 1
fi
"$PY" -m bench "$name" --db "$db" "$@" -- "${DB_ARGS[@]}" \
  --addons-path="$ODOO_SRC/odoo/addons,$SITE_ADDONS,$ROOT" --log-level warn
