# shellcheck shell=bash
# Shared set-up for scripts/run.sh and scripts/test.sh (sourced, not executed).
#
#   ODOO_SRC      Odoo 18.0 source tree (default: $HOME/odoo-18.0)
#   PARTY_GRID_VENV  virtual environment (default: <repo>/.venv)
#   PGHOST/PGPORT/PGUSER/PGPASSWORD, or ODOO_RC (an Odoo config file with db_*):
#                 the PostgreSQL server to use; when none answers, a throwaway
#                 cluster is started under <repo>/.pgdata and stopped again on exit.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${PARTY_GRID_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
ODOO_SRC_DEFAULT="$HOME/odoo-18.0"
ODOO_NIGHTLY_URL="${ODOO_NIGHTLY_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}"
# every top-level folder with a __manifest__.py, party_grid first (a new addon needs no edit here)
ADDONS="$(cd "$ROOT" && { echo party_grid; for m in */__manifest__.py; do d="${m%%/*}"; [ "$d" = party_grid ] || echo "$d"; done; } | paste -sd, -)"
TEST_TAGS_ALL="/${ADDONS//,/,/}"
RUN_DIR="$ROOT/.run"
ODOO_AVAILABLE=0
ODOO_MISSING_REASON=""
mkdir -p "$RUN_DIR"

say() { printf '[party_grid] %s\n' "$*" >&2; }

# ---------------------------------------------------------------- python
find_python() {
  local cand
  for cand in "${PYTHON:-}" python3.11 python3.12 python3.10 python3; do
    [ -n "$cand" ] || continue
    if command -v "$cand" >/dev/null 2>&1 &&
       "$cand" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] <= (3, 12)))' 2>/dev/null; then
      SYS_PY="$(command -v "$cand")"
      return 0
    fi
  done
  say "no Python 3.10-3.12 found (Odoo 18 needs one); set PYTHON=/path/to/python3.11"
  return 1
}

# ---------------------------------------------------------------- odoo source
is_odoo18() {
  [ -f "$1/odoo/release.py" ] && [ -f "$1/odoo-bin" ] &&
    grep -q "^version_info = (18, 0," "$1/odoo/release.py"
}

find_odoo_src() {
  local src="${ODOO_SRC:-$ODOO_SRC_DEFAULT}"
  if is_odoo18 "$src"; then
    ODOO_SRC="$src"; ODOO_AVAILABLE=1; return 0
  fi
  if [ -n "${ODOO_SRC:-}" ]; then
    ODOO_MISSING_REASON="ODOO_SRC=$ODOO_SRC is not an Odoo 18.0 source tree (no odoo-bin / odoo/release.py of 18.0)"
    return 0
  fi
  # Neither ODOO_SRC nor the default location: try the official 18.0 nightly source.
  if [ "${PARTY_GRID_NO_DOWNLOAD:-0}" != 1 ] && command -v curl >/dev/null 2>&1; then
    local tmp; tmp="$(mktemp -d)"
    say "Odoo 18 not found at $ODOO_SRC_DEFAULT; trying the official 18.0 nightly source"
    if curl -fsSL --connect-timeout 10 --max-time 900 "$ODOO_NIGHTLY_URL" -o "$tmp/odoo.tar.gz" 2>/dev/null &&
       mkdir -p "$tmp/src" && tar -xzf "$tmp/odoo.tar.gz" -C "$tmp/src" --strip-components=1 &&
       is_odoo18 "$tmp/src"; then
      mkdir -p "$(dirname "$ODOO_SRC_DEFAULT")" && mv "$tmp/src" "$ODOO_SRC_DEFAULT"
      rm -rf "$tmp"; ODOO_SRC="$ODOO_SRC_DEFAULT"; ODOO_AVAILABLE=1; return 0
    fi
    rm -rf "$tmp"
  fi
  ODOO_MISSING_REASON="no Odoo 18.0 source at \$ODOO_SRC or $ODOO_SRC_DEFAULT and the nightly download failed; put an Odoo 18.0 source tree there or set ODOO_SRC=/path/to/odoo-18.0"
}

# ---------------------------------------------------------------- venv
setup_venv() {
  find_python || return 1
  local constraints="$RUN_DIR/build-constraints.txt"
  # Some of Odoo's pinned sdists (cbor2 5.4.2) still import pkg_resources in setup.py.
  printf 'setuptools>=64,<72\n' > "$constraints"
  local stamp_file="$VENV/.party_grid_stamp" stamp
  stamp="$( { cat "$ROOT/requirements.txt"; echo "odoo=$ODOO_AVAILABLE:${ODOO_SRC:-}";
              [ "$ODOO_AVAILABLE" = 1 ] && cat "$ODOO_SRC/requirements.txt"; "$SYS_PY" -V; } 2>&1 | cksum)"
  if [ -x "$PY" ] && [ "$(cat "$stamp_file" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  say "setting up the virtual environment in $VENV (first run takes a few minutes)"
  [ -x "$PY" ] || "$SYS_PY" -m venv "$VENV" || return 1
  local pip=("$PY" -m pip install -q --disable-pip-version-check)
  export PIP_CONSTRAINT="$constraints"
  "${pip[@]}" "setuptools>=64,<72" wheel || return 1
  local own_reqs="$RUN_DIR/requirements-own.txt"
  if [ "$ODOO_AVAILABLE" = 1 ]; then
    # Odoo's documented source install: its requirements.txt, then the source tree.
    # psycopg2 (needs libpq headers) and python-ldap (needs libldap) are swapped/skipped:
    # psycopg2-binary provides the same module, LDAP is not used here.
    grep -vE '^\s*(psycopg2|python-ldap)\b' "$ODOO_SRC/requirements.txt" > "$RUN_DIR/requirements-odoo.txt"
    "${pip[@]}" -r "$RUN_DIR/requirements-odoo.txt" psycopg2-binary || return 1
    # Editable in compat mode: a path entry, so that OCA addon wheels installed under
    # site-packages/odoo/addons stay importable next to the source tree's addons.
    "${pip[@]}" --no-deps --no-build-isolation -e "$ODOO_SRC" \
      --config-settings editable_mode=compat 2>&1 | grep -v 'DEPRECATION: Config settings' >&2
    "${pip[@]}" -r "$ROOT/requirements.txt" || return 1
  else
    # Without Odoo the OCA addon wheels (which require odoo==18.0.*) are installed without
    # their dependencies, so the static checks still see which addons exist.
    grep -vE '^\s*odoo-addon-' "$ROOT/requirements.txt" > "$own_reqs"
    "${pip[@]}" -r "$own_reqs" || return 1
    grep -E '^\s*odoo-addon-' "$ROOT/requirements.txt" | "${pip[@]}" --no-deps -r /dev/stdin || return 1
  fi
  unset PIP_CONSTRAINT
  echo "$stamp" > "$stamp_file"
}

# ---------------------------------------------------------------- browser
# The role tours (party_grid/tests/test_tours.py) need a headless Chrome or
# Chromium; without one they are skipped and say so. Best effort: installs
# Debian's chromium when running as root with apt-get and no browser is on
# PATH; never fails the run (PARTY_GRID_NO_CHROMIUM=1 to not even try).
ensure_chromium() {
  local bin
  for bin in google-chrome chromium chromium-browser google-chrome-stable; do
    command -v "$bin" >/dev/null 2>&1 && return 0
  done
  [ "${PARTY_GRID_NO_CHROMIUM:-0}" = 1 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "no Chrome/Chromium found for the browser tests; installing Debian's chromium with apt-get"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null 2>&1 ||
        say "installing chromium failed: the browser tests will be skipped"
    fi
  else
    say "no Chrome/Chromium found: the browser tests will be skipped (install the chromium package)"
  fi
  return 0
}

# ---------------------------------------------------------------- PDF tools
# wkhtmltopdf renders the QWeb PDFs, a CJK font keeps their Chinese from turning into
# boxes, poppler-utils (pdftotext, pdftoppm) lets the tests read the PDFs back.
# Best effort: installed with apt-get only as root and only when missing; an unreachable
# mirror never fails the run (the PDF tests then skip the binary check and say why).
ensure_pdf_tools() {
  local missing=()
  command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
  if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh family 2>/dev/null | head -n 1)" ]; then
    missing+=(fonts-noto-cjk)
  fi
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  [ "${#missing[@]}" -gt 0 ] || return 0
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    say "missing for the PDF reports: ${missing[*]} (install them; PDF checks are skipped meanwhile)"
    return 0
  fi
  say "installing for the PDF reports: ${missing[*]}"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null 2>&1 ||
      say "could not install ${missing[*]} with apt-get; PDF checks are skipped"
  fi
  return 0
}

setup_all() {
  ensure_pdf_tools
  find_odoo_src
  setup_venv || { say "setting up the virtual environment failed"; return 1; }
  # only for the Odoo tests of scripts/test.sh, not for serving
  if [ "$ODOO_AVAILABLE" = 1 ] && [ "${SKIP_ODOO:-0}" != 1 ] && [ "$(basename "$0")" = test.sh ]; then
    ensure_chromium
  fi
  if [ "$ODOO_AVAILABLE" = 1 ] && ! "$PY" -c 'import odoo.release as r, odoo.addons.report_xlsx; assert r.version_info[0] == 18' 2>/dev/null; then
    ODOO_AVAILABLE=0
    ODOO_MISSING_REASON="Odoo 18 from $ODOO_SRC does not import in $VENV"
  fi
  SITE_ADDONS="$("$PY" -c 'import sysconfig, os; print(os.path.join(sysconfig.get_paths()["purelib"], "odoo", "addons"))')"
  export ODOO_SRC ODOO_AVAILABLE SITE_ADDONS
}

# ---------------------------------------------------------------- postgres
PG_STARTED_HERE=0
pg_try() {  # host port user password -> 0 when a server answers
  PGCONNECT_TIMEOUT=3 "$PY" - "$@" <<'EOF' 2>/dev/null
import sys, psycopg2
host, port, user, password = sys.argv[1:5]
kw = {"dbname": "postgres", "host": host or None, "port": port or None,
      "user": user or None, "password": password or None, "connect_timeout": 3}
psycopg2.connect(**{k: v for k, v in kw.items() if v is not None}).close()
EOF
}

ensure_postgres() {
  # 1. an Odoo config file (ODOO_RC) naming a server
  if [ -n "${ODOO_RC:-}" ] && [ -f "$ODOO_RC" ]; then
    eval "$("$PY" - "$ODOO_RC" <<'EOF'
import configparser, shlex, sys
c = configparser.ConfigParser(); c.read(sys.argv[1])
o = c["options"] if c.has_section("options") else {}
for key, var in (("db_host", "PGHOST"), ("db_port", "PGPORT"), ("db_user", "PGUSER"), ("db_password", "PGPASSWORD")):
    v = o.get(key)
    if v and v != "False":
        print(f"export {var}={shlex.quote(v)}")
EOF
)"
  fi
  # 2. PG* variables, or a server on localhost:5432
  local host="${PGHOST:-127.0.0.1}" port="${PGPORT:-5432}" user="${PGUSER:-}"
  if [ "$user" = postgres ]; then user=""; fi  # Odoo refuses to run as 'postgres'
  if pg_try "$host" "$port" "$user" "${PGPASSWORD:-}"; then
    DB_ARGS=(--db_host "$host" --db_port "$port")
    [ -n "$user" ] && DB_ARGS+=(--db_user "$user")
    [ -n "${PGPASSWORD:-}" ] && DB_ARGS+=(--db_password "$PGPASSWORD")
    export PGHOST="$host" PGPORT="$port"; [ -n "$user" ] && export PGUSER="$user"
    return 0
  fi
  # 3. a throwaway cluster under .pgdata
  start_local_cluster
}

find_pg_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin /usr/local/bin /usr/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { PG_BIN="$d"; return 0; }
  done
  return 1
}

start_local_cluster() {
  local data="$ROOT/.pgdata" port="${PARTY_GRID_PGPORT:-54329}" runas=()
  if ! find_pg_bin; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      say "no PostgreSQL server found; installing it with apt-get"
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1
    fi
    find_pg_bin || { say "no PostgreSQL reachable and none could be installed"; return 1; }
  fi
  if [ "$(id -u)" = 0 ]; then   # postgres refuses to run as root: use a dedicated OS user
    id partygrid_pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin partygrid_pg
    runas=(runuser -u partygrid_pg --)
  fi
  mkdir -p "$data"
  if [ "$(id -u)" = 0 ]; then
    chown partygrid_pg "$data"
    if ! runuser -u partygrid_pg -- test -w "$data"; then
      # the repository sits where partygrid_pg cannot reach (e.g. under /root)
      data="${TMPDIR:-/tmp}/party_grid-pgdata-$(id -u)-$(printf %s "$ROOT" | cksum | cut -d' ' -f1)"
      mkdir -p "$data" && chown partygrid_pg "$data"
    fi
  fi
  if [ ! -f "$data/db/PG_VERSION" ]; then
    (cd / && "${runas[@]}" "$PG_BIN/initdb" -D "$data/db" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null) || return 1
  fi
  say "starting a throwaway PostgreSQL cluster in $data on port $port"
  (cd / && "${runas[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -l "$data/server.log" -w \
    -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off" start >/dev/null) || return 1
  PG_STARTED_HERE=1
  PG_STOP=("${runas[@]}" "$PG_BIN/pg_ctl" -D "$data/db" -m fast stop)
  DB_ARGS=(--db_host 127.0.0.1 --db_port "$port" --db_user odoo)
  export PGHOST=127.0.0.1 PGPORT="$port" PGUSER=odoo
}

stop_postgres() {
  if [ "$PG_STARTED_HERE" = 1 ]; then
    (cd / && "${PG_STOP[@]}" >/dev/null 2>&1) && say "stopped the throwaway PostgreSQL cluster"
    PG_STARTED_HERE=0
  fi
}

odoo_bin() {
  "$PY" "$ODOO_SRC/odoo-bin" "${DB_ARGS[@]}" \
    --addons-path="$ODOO_SRC/odoo/addons,$SITE_ADDONS,$ROOT" "$@"
}

db_exists() {
  "$PY" - "$1" <<'EOF'
import os, sys, psycopg2
c = psycopg2.connect(dbname="postgres")
cur = c.cursor(); cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (sys.argv[1],))
sys.exit(0 if cur.fetchone() else 1)
EOF
}

drop_db() {
  "$PY" - "$1" <<'PYEOF' || true
import sys, psycopg2
from psycopg2 import sql
c = psycopg2.connect(dbname="postgres"); c.autocommit = True
c.cursor().execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(sys.argv[1])))
PYEOF
}
