#!/usr/bin/env bash
# The deployment of docs/deploy.md on one machine, to try it out: a PostgreSQL
# primary, a streaming replica (pg_basebackup -R), two Odoo servers in prefork
# mode on loopback that read through the replica (--db_replica_host), and, when
# nginx is installed, nginx in front of them with sticky /websocket.
#
#   scripts/cluster.sh start     create what is missing (database with the addons and
#                                demo data on the first start), start everything
#   scripts/cluster.sh stop      stop the Odoo servers, nginx, the replica, the primary
#   scripts/cluster.sh status    what runs, the replica's lag, each server's health
#
#   CLUSTER_DIR            where everything lives (default: <repo>/.cluster)
#   CLUSTER_DB             database (default: party_grid_cluster)
#   CLUSTER_PG_PORT        primary port (default: 55432); replica: CLUSTER_REPLICA_PORT (55433)
#   CLUSTER_HTTP_PORTS     the Odoo servers' HTTP ports (default: "8069 8169"; one port, one server);
#                          each server's /websocket port is CLUSTER_GEVENT_PORTS (default: HTTP+3)
#   CLUSTER_WORKERS        --workers per server (default: 2)
#   CLUSTER_CRON           --max-cron-threads per server (default: 1)
#   CLUSTER_DB_MAXCONN     --db_maxconn per server (default: 16)
#   CLUSTER_STOP_GRACE     seconds the servers' workers get to finish their requests on stop (default: 10)
#   CLUSTER_PROXY_PORT     nginx port (default: 8080; nginx only when installed, CLUSTER_NGINX=0: never)
#   CLUSTER_ODOO_ARGS      extra odoo-bin arguments for the servers (e.g. --log-level=debug)
#   CLUSTER_TEMPLATE_CACHE a folder that keeps the primary's data directory and filestore right after the
#                          database was created (tests/test_replica.py sets it): a later start with the
#                          same addons' files, Odoo source, site addons, PostgreSQL, this script and day
#                          copies them instead of installing again (unset: no cache)
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
export PATH="$PATH:/usr/sbin:/sbin"   # runuser, useradd

DIR="${CLUSTER_DIR:-$ROOT/.cluster}"
DB="${CLUSTER_DB:-party_grid_cluster}"
PG_PORT="${CLUSTER_PG_PORT:-55432}"
REPLICA_PORT="${CLUSTER_REPLICA_PORT:-55433}"
read -r -a HTTP_PORTS <<< "${CLUSTER_HTTP_PORTS:-8069 8169}"
GEVENT_PORTS=()
if [ -n "${CLUSTER_GEVENT_PORTS:-}" ]; then
  read -r -a GEVENT_PORTS <<< "$CLUSTER_GEVENT_PORTS"
else
  for p in "${HTTP_PORTS[@]}"; do GEVENT_PORTS+=("$((p + 3))"); done
fi
WORKERS="${CLUSTER_WORKERS:-2}"
CRON="${CLUSTER_CRON:-1}"
MAXCONN="${CLUSTER_DB_MAXCONN:-16}"
PROXY_PORT="${CLUSTER_PROXY_PORT:-8080}"
RUNAS=()

pg_bins() {  # the server binaries a replica needs
  local d
  for d in /usr/lib/postgresql/*/bin /usr/local/pgsql/bin /usr/local/bin /usr/bin; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/pg_basebackup" ] && [ -x "$d/postgres" ]; then
      PG_BIN="$d"; return 0
    fi
  done
  echo "no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup, postgres) found under" \
    "/usr/lib/postgresql/*/bin, /usr/local/pgsql/bin, /usr/local/bin or /usr/bin: a primary and a" \
    "replica cannot be started here (Debian/Ubuntu: apt-get install postgresql)" >&2
  return 1
}

as_pg() { (cd / && "${RUNAS[@]}" "$@"); }

prepare_user() {
  if [ "$(id -u)" = 0 ]; then   # postgres refuses to run as root
    id partygrid_pg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin partygrid_pg
    RUNAS=(runuser -u partygrid_pg --)
  fi
  mkdir -p "$DIR/pg" "$DIR/data" "$DIR/wal_archive"
  chmod 755 "$DIR"
  if [ "$(id -u)" = 0 ]; then
    chown partygrid_pg "$DIR/pg" "$DIR/wal_archive"
    as_pg test -w "$DIR/pg" || { echo "$DIR is not writable for the OS user partygrid_pg; set CLUSTER_DIR" >&2; return 1; }
  fi
}

pg_running() { as_pg "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

start_pg() {  # data dir, port, label
  pg_running "$1" && return 0
  as_pg "$PG_BIN/pg_ctl" -D "$1" -l "$1.log" -w -t 60 -o "-p $2 -k $DIR/pg" start >/dev/null ||
    { echo "the $3 did not start; see $1.log" >&2; tail -5 "$1.log" >&2; return 1; }
  say "$3 on 127.0.0.1:$2"
}

# ---------------------------------------------------------------- template cache
template_key() {  # what the created database depends on: the addons' files, Odoo's source, the
  # site addons, the virtual environment's packages, PostgreSQL, this script, the day (demo dates)
  "$PY" - "$ROOT" "$ADDONS" "$ODOO_SRC" "$SITE_ADDONS" "$VENV" "$PG_BIN" "${BASH_SOURCE[0]}" <<'EOF'
import datetime, glob, hashlib, os, sys
root, addons, odoo_src, site, venv, pg_bin, script = sys.argv[1:8]
h = hashlib.sha256(f"{addons}|{pg_bin}|{datetime.date.today()}".encode())
def walk(base, content):
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", ".git"))
        for name in sorted(filenames):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(dirpath, name)
            h.update(os.path.relpath(path, base).encode())
            if content:
                with open(path, "rb") as f:
                    h.update(f.read())
            else:
                st = os.stat(path)
                h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
for addon in addons.split(","):
    walk(os.path.join(root, addon), True)
walk(site, True)
walk(os.path.join(odoo_src, "odoo"), False)
h.update(" ".join(sorted(glob.glob(os.path.join(venv, "lib", "python*", "site-packages", "*.dist-info")))).encode())
with open(os.path.join(pg_bin, "postgres"), "rb") as f:
    h.update(hashlib.sha256(f.read()).digest())
with open(script, "rb") as f:
    h.update(f.read())
print(h.hexdigest()[:20])
EOF
}

template_restore() {  # the cached primary and filestore of the same key, copied into $DIR
  local src="$CLUSTER_TEMPLATE_CACHE/$TEMPLATE_KEY"
  [ -f "$src/pg/PG_VERSION" ] || return 1
  if ! { cp -a "$src/pg" "$DIR/pg/primary" && mkdir -p "$DIR/data/filestore" &&
         cp -a "$src/filestore" "$DIR/data/filestore/$DB"; }; then
    rm -rf "$DIR/pg/primary" "$DIR/data/filestore/$DB"
    return 1
  fi
  touch "$src"
  # the primary archives into this cluster's folder (the later line wins)
  echo "archive_command = 'test ! -f $DIR/wal_archive/%f && cp %p $DIR/wal_archive/%f'" \
    >> "$DIR/pg/primary/postgresql.conf"
  say "the primary with $DB copied from the template cache ($src)"
}

template_save() {  # keep the primary's data directory (stopped cleanly) and the filestore
  local dst="$CLUSTER_TEMPLATE_CACHE/$TEMPLATE_KEY" tmp data="$DIR/pg/primary"
  [ -d "$dst" ] && return 0
  mkdir -p "$CLUSTER_TEMPLATE_CACHE" || return 0
  tmp="$(mktemp -d "$CLUSTER_TEMPLATE_CACHE/.new-XXXXXX")" || return 0
  as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null || return 1
  if cp -a "$data" "$tmp/pg" && cp -a "$DIR/data/filestore/$DB" "$tmp/filestore" &&
     mv -T "$tmp" "$dst" 2>/dev/null; then
    say "kept the new database in the template cache ($dst)"
    # the two most recently used templates stay
    ls -1dt "$CLUSTER_TEMPLATE_CACHE"/*/ 2>/dev/null | tail -n +3 | xargs -r rm -rf
  fi
  rm -rf "$tmp"
  start_pg "$data" "$PG_PORT" "primary"
}

start_primary() {
  local data="$DIR/pg/primary"
  TEMPLATE_KEY=""
  if [ ! -f "$data/PG_VERSION" ] && [ -n "${CLUSTER_TEMPLATE_CACHE:-}" ]; then
    TEMPLATE_KEY="$(template_key)" || TEMPLATE_KEY=""
    [ -n "$TEMPLATE_KEY" ] && template_restore
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
    # docs/deploy.md, "PostgreSQL": streaming replication and WAL archiving
    cat >> "$data/postgresql.conf" <<EOF
# --- scripts/cluster.sh (docs/deploy.md) ---
listen_addresses = '127.0.0.1'
wal_level = replica
max_wal_senders = 10
wal_keep_size = '256MB'
hot_standby = on
archive_mode = on
archive_command = 'test ! -f $DIR/wal_archive/%f && cp %p $DIR/wal_archive/%f'
max_connections = 200
# a try-out on one machine: no crash safety needed
fsync = off
full_page_writes = off
EOF
  fi
  start_pg "$data" "$PG_PORT" "primary"
}

db_on_primary() {
  "$PY" - "$PG_PORT" "$@" <<'EOF'
import sys, psycopg2
port, dbname, sql = sys.argv[1], sys.argv[2], sys.argv[3]
c = psycopg2.connect(dbname=dbname, host="127.0.0.1", port=port, user="odoo"); c.autocommit = True
cur = c.cursor(); cur.execute(sql)
print(cur.fetchone()[0] if cur.description else "")
EOF
}

create_database() {
  [ "$(db_on_primary postgres "SELECT count(*) FROM pg_database WHERE datname = '$DB'")" = 1 ] && return 0
  say "creating the database $DB with $ADDONS, demo data and Chinese (1-3 minutes; log: $DIR/create.log)"
  DB_ARGS=(--db_host 127.0.0.1 --db_port "$PG_PORT" --db_user odoo)
  odoo_bin -d "$DB" -i "$ADDONS" --load-language zh_CN --stop-after-init --http-port 0 \
    --max-cron-threads 0 --data-dir "$DIR/data" --log-level warn > "$DIR/create.log" 2>&1 ||
    { echo "creating $DB failed; the end of $DIR/create.log:" >&2; tail -20 "$DIR/create.log" >&2; return 1; }
  # the demo users and the admin read Chinese
  db_on_primary "$DB" "UPDATE res_partner SET lang = 'zh_CN', tz = 'Asia/Shanghai' WHERE id IN
    (SELECT partner_id FROM res_users WHERE login NOT IN ('__system__', 'public'))" >/dev/null
  [ -z "$TEMPLATE_KEY" ] || template_save
}

start_replica() {
  local data="$DIR/pg/replica"
  if [ ! -f "$data/PG_VERSION" ]; then
    # a base backup of the primary that starts as its standby (-R: standby.signal + primary_conninfo)
    as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U odoo -D "$data" -R -X stream -c fast ||
      { echo "pg_basebackup failed" >&2; return 1; }
    # the replica does not archive: its own settings after the primary's copied ones
    printf "archive_mode = off\n" >> "$data/postgresql.conf"
  fi
  start_pg "$data" "$REPLICA_PORT" "streaming replica"
}

odoo_pid() { cat "$DIR/odoo-$1.pid" 2>/dev/null; }
odoo_running() { local pid; pid="$(odoo_pid "$1")"; [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_odoo() {  # index: launch the server (wait_odoo waits until it answers)
  local i="$1" port="${HTTP_PORTS[$1]}" gport="${GEVENT_PORTS[$1]}"
  odoo_running "$i" && return 0
  DB_ARGS=(--db_host 127.0.0.1 --db_port "$PG_PORT" --db_user odoo
           --db_replica_host 127.0.0.1 --db_replica_port "$REPLICA_PORT")
  # shellcheck disable=SC2086
  setsid "$PY" "$ODOO_SRC/odoo-bin" "${DB_ARGS[@]}" \
    --addons-path="$ODOO_SRC/odoo/addons,$SITE_ADDONS,$ROOT" \
    -d "$DB" --no-database-list \
    --http-interface 127.0.0.1 --http-port "$port" --gevent-port "$gport" --proxy-mode \
    --workers "$WORKERS" --max-cron-threads "$CRON" --db_maxconn "$MAXCONN" \
    --data-dir "$DIR/data" --logfile "$DIR/odoo-$i.log" --pidfile "$DIR/odoo-$i.pid" \
    ${CLUSTER_ODOO_ARGS:-} < /dev/null > "$DIR/odoo-$i.out" 2>&1 &
}

wait_odoo() {  # index
  local i="$1" port="${HTTP_PORTS[$1]}" gport="${GEVENT_PORTS[$1]}" t
  for t in $(seq 1 120); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/web/health" 2>/dev/null; then
      say "Odoo server $((i + 1)) on http://127.0.0.1:$port (websocket :$gport, --workers $WORKERS, --max-cron-threads $CRON; log $DIR/odoo-$i.log)"
      return 0
    fi
    sleep 0.5
  done
  echo "Odoo server $((i + 1)) did not answer on port $port; see $DIR/odoo-$i.log" >&2
  return 1
}

nginx_conf() {
  local i
  {
    echo "# generated by scripts/cluster.sh; the same as docs/deploy.md, on loopback"
    echo "worker_processes 1; pid $DIR/nginx/nginx.pid; error_log $DIR/nginx/error.log;"
    [ "$(id -u)" = 0 ] && echo "user root;"
    echo "events { worker_connections 256; }"
    echo "http {"
    echo "  access_log $DIR/nginx/access.log; client_body_temp_path $DIR/nginx/body;"
    echo "  proxy_temp_path $DIR/nginx/proxy; fastcgi_temp_path $DIR/nginx/fastcgi;"
    echo "  uwsgi_temp_path $DIR/nginx/uwsgi; scgi_temp_path $DIR/nginx/scgi;"
    echo "  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }"
    echo "  upstream odoo { hash \$cookie_session_id consistent;"
    for i in "${!HTTP_PORTS[@]}"; do echo "    server 127.0.0.1:${HTTP_PORTS[$i]};"; done
    echo "  }"
    echo "  upstream odoo_websocket { hash \$cookie_session_id consistent;"
    for i in "${!HTTP_PORTS[@]}"; do echo "    server 127.0.0.1:${GEVENT_PORTS[$i]};"; done
    echo "  }"
    echo "  server { listen 127.0.0.1:$PROXY_PORT; client_max_body_size 64m;"
    echo "    proxy_read_timeout 720s; proxy_connect_timeout 720s; proxy_send_timeout 720s;"
    echo "    proxy_set_header Host \$host; proxy_set_header X-Forwarded-Host \$host;"
    echo "    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;"
    echo "    proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Real-IP \$remote_addr;"
    echo "    location /websocket { proxy_pass http://odoo_websocket;"
    echo "      proxy_set_header Upgrade \$http_upgrade; proxy_set_header Connection \$connection_upgrade; }"
    echo "    location / { proxy_pass http://odoo; proxy_redirect off; }"
    echo "  }"
    echo "}"
  } > "$DIR/nginx/nginx.conf"
}

start_nginx() {
  [ "${CLUSTER_NGINX:-1}" = 0 ] && return 0
  command -v nginx >/dev/null 2>&1 || {
    say "nginx is not installed: the servers are reached directly (docs/deploy.md has the proxy's configuration)"
    return 0
  }
  mkdir -p "$DIR/nginx"
  nginx_conf
  [ -f "$DIR/nginx/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null && return 0
  nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" 2>>"$DIR/nginx/error.log" ||
    { echo "nginx did not start; see $DIR/nginx/error.log" >&2; return 1; }
  say "nginx on http://127.0.0.1:$PROXY_PORT in front of the Odoo servers (sticky by session)"
}

cmd_start() {
  pg_bins || return 3
  setup_all || return 1
  [ "$ODOO_AVAILABLE" = 1 ] || { echo "Odoo is not available: $ODOO_MISSING_REASON" >&2; return 1; }
  # prefork mode runs /websocket in a gevent process: say so when it cannot start here
  "$PY" -c "import gevent.monkey; gevent.monkey.patch_all()" >/dev/null 2>&1 ||
    say "warning: gevent does not start in $VENV (see requirements.txt, zope.*): no /websocket (live notifications)"
  prepare_user || return 1
  start_primary || return 1
  create_database || return 1
  start_replica || return 1
  local i
  # the servers start side by side
  for i in "${!HTTP_PORTS[@]}"; do start_odoo "$i"; done
  for i in "${!HTTP_PORTS[@]}"; do wait_odoo "$i" || return 1; done
  start_nginx
}

cmd_stop() {
  local i pid pids=()
  # every server is told to stop at once, then each is waited for
  for i in "${!HTTP_PORTS[@]}"; do
    pid="$(odoo_pid "$i")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"   # the prefork master stops its workers
      pids[i]="$pid"
    fi
  done
  for i in "${!pids[@]}"; do
    pid="${pids[$i]}"
    # the workers finish their requests for CLUSTER_STOP_GRACE seconds (default 10); then a
    # second TERM makes the master stop them at once, and KILL after 5 more seconds
    for _ in $(seq 1 $((${CLUSTER_STOP_GRACE:-10} * 4))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    say "stopped Odoo server $((i + 1))"
  done
  for i in "${!HTTP_PORTS[@]}"; do rm -f "$DIR/odoo-$i.pid"; done
  if [ -f "$DIR/nginx/nginx.pid" ] && command -v nginx >/dev/null 2>&1; then
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s stop 2>/dev/null && say "stopped nginx"
  fi
  pg_bins 2>/dev/null || return 0
  [ "$(id -u)" = 0 ] && RUNAS=(runuser -u partygrid_pg --)
  local data
  for data in "$DIR/pg/replica" "$DIR/pg/primary"; do
    if [ -f "$data/PG_VERSION" ] && pg_running "$data"; then
      as_pg "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null && say "stopped $(basename "$data")"
    fi
  done
}

cmd_status() {
  pg_bins || return 3
  [ "$(id -u)" = 0 ] && RUNAS=(runuser -u partygrid_pg --)
  local rc=0 i
  for data in primary replica; do
    if pg_running "$DIR/pg/$data"; then echo "$data: running"; else echo "$data: stopped"; rc=1; fi
  done
  if pg_running "$DIR/pg/primary"; then
    echo "replication: $(db_on_primary postgres "SELECT coalesce(string_agg(application_name || ' ' || state
      || ', replay lag ' || coalesce(replay_lag::text, '0'), '; '), 'no standby connected') FROM pg_stat_replication")"
  fi
  for i in "${!HTTP_PORTS[@]}"; do
    if odoo_running "$i" && curl -fsS -o /dev/null "http://127.0.0.1:${HTTP_PORTS[$i]}/web/health" 2>/dev/null; then
      echo "odoo $((i + 1)): running on http://127.0.0.1:${HTTP_PORTS[$i]} (pid $(odoo_pid "$i"))"
    else
      echo "odoo $((i + 1)): stopped"; rc=1
    fi
  done
  if [ -f "$DIR/nginx/nginx.pid" ] && kill -0 "$(cat "$DIR/nginx/nginx.pid")" 2>/dev/null; then
    echo "nginx: running on http://127.0.0.1:$PROXY_PORT"
  fi
  return $rc
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: $0 start|stop|status (see the head of this file)" >&2; exit 2 ;;
esac
