"""Read replicas (issue 19): the product's read-only calls are served by a
streaming replica, and a user reads their own writes while it lags.

scripts/cluster.sh starts a throwaway PostgreSQL primary (initdb, as the OS user
partygrid_pg when root), installs the addons with demo data, starts a streaming
replica from it (pg_basebackup -R) and two Odoo servers (--workers 2,
--db_replica_host) on loopback. Every demo role's main screens are then replayed
through the real HTTP routes as the web client calls them; the Odoo log line of
each request ends with the cursor it was served with (ro: the replica, rw: the
primary, ro->rw: a read-only call that wrote and was retried on the primary).

Needs Odoo 18 (scripts/test.sh exports ODOO_AVAILABLE) and PostgreSQL's server
binaries; skipped, saying which, without them."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from replica_client import Client, parse_access_log  # noqa: E402

pytestmark = pytest.mark.odoo
ROLES = ("worker", "head", "township", "leader", "instructor", "office")
APP_ROOTS = (
    "party_grid.party_grid_menu_root",
    "party_grid_scoring.party_score_menu_root",
    "spreadsheet_dashboard.spreadsheet_dashboard_menu_root",
)
PG_BIN_DIRS = (
    "/usr/lib/postgresql/*/bin",
    "/usr/local/pgsql/bin",
    "/usr/local/bin",
    "/usr/bin",
)
NO_PG = (
    "PostgreSQL's server binaries for a primary and a replica (initdb, pg_ctl, "
    "pg_basebackup, postgres) are not installed: looked in "
    + ", ".join(PG_BIN_DIRS)
    + "; "
    "on Debian/Ubuntu: apt-get install postgresql"
)
BUDGET = (
    180  # seconds the whole check is meant to take on an idle 2-core machine (reported)
)
START_TIMEOUT = 900  # a loaded machine installs slowly: only a hung start fails


def _pg_bin():
    import glob

    for pattern in PG_BIN_DIRS:
        for d in sorted(glob.glob(pattern), reverse=True):
            if all(
                os.access(os.path.join(d, b), os.X_OK)
                for b in ("initdb", "pg_ctl", "pg_basebackup", "postgres")
            ):
                return d
    return None


def _free_ports(n):
    socks = [socket.socket() for _ in range(n)]
    for s in socks:
        s.bind(("127.0.0.1", 0))
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class Cluster:
    def __init__(self, base, env, ports):
        self.dir = Path(env["CLUSTER_DIR"])
        self.db = env["CLUSTER_DB"]
        self.env = env
        self.pg_port, self.replica_port = ports[:2]
        self.urls = [f"http://127.0.0.1:{p}" for p in ports[2:4]]
        self.calls = []
        self.started = base
        self.figures = {}

    def sql(self, query, params=(), replica=False):
        import psycopg2

        port = self.replica_port if replica else self.pg_port
        conn = psycopg2.connect(
            dbname=self.db, host="127.0.0.1", port=port, user="odoo"
        )
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(query, params)
                return cur.fetchall() if cur.description else None
        finally:
            conn.close()

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        return self.sql(
            "SELECT res_id FROM ir_model_data WHERE module = %s AND name = %s",
            (module, name),
        )[0][0]

    def client(self, login, server=0):
        client = Client(self.urls, self.db, login, self.calls)
        client.server = server
        client.authenticate(login)
        return client

    def served(self):
        """The cursor of each call of the journal, from the servers' logs."""
        modes = {}
        for i in range(len(self.urls)):
            modes.update(
                parse_access_log(
                    (self.dir / f"odoo-{i}.log").read_text(
                        encoding="utf-8", errors="replace"
                    )
                )
            )
        for call in self.calls:
            call.mode = modes.get(call.number)
        return self.calls

    def fallbacks(self):
        return sum(
            (self.dir / f"odoo-{i}.log")
            .read_text(errors="replace")
            .count("retrying with a read/write cursor")
            for i in range(len(self.urls))
        )

    def pause_replay(self):
        self.sql("SELECT pg_wal_replay_pause()", replica=True)
        for _ in range(50):
            if (
                self.sql("SELECT pg_get_wal_replay_pause_state()", replica=True)[0][0]
                == "paused"
            ):
                return
            time.sleep(0.1)
        raise AssertionError("the replica did not pause its replay")

    def resume_replay(self):
        self.sql("SELECT pg_wal_replay_resume()", replica=True)
        lsn = self.sql("SELECT pg_current_wal_insert_lsn()::text")[0][0]
        for _ in range(100):
            if self.sql(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", (lsn,), replica=True
            )[0][0]:
                return
            time.sleep(0.1)
        raise AssertionError("the replica did not catch up")


@pytest.fixture(scope="module")
def cluster():
    if os.environ.get("ODOO_AVAILABLE") != "1":
        pytest.skip("Odoo 18 is not available (scripts/test.sh sets ODOO_AVAILABLE)")
    if not _pg_bin():
        pytest.skip(NO_PG)
    started = time.monotonic()
    ports = _free_ports(6)
    reuse = os.environ.get(
        "PARTY_GRID_REPLICA_REUSE"
    )  # a developer's running cluster: CLUSTER_* from the environment
    base = reuse or tempfile.mkdtemp(prefix="party_grid-replica-", dir="/tmp")
    os.chmod(base, 0o755)
    env = {
        **os.environ,
        "PARTY_GRID_VENV": os.environ.get("PARTY_GRID_VENV")
        or str(Path(sys.executable).parent.parent),
        "CLUSTER_DIR": base,
        "CLUSTER_DB": "party_grid_replica_check",
        "CLUSTER_PG_PORT": str(ports[0]),
        "CLUSTER_REPLICA_PORT": str(ports[1]),
        "CLUSTER_HTTP_PORTS": f"{ports[2]} {ports[3]}",
        "CLUSTER_GEVENT_PORTS": f"{ports[4]} {ports[5]}",
        "CLUSTER_WORKERS": "2",
        "CLUSTER_CRON": "0",
        "CLUSTER_NGINX": "0",
        # a throwaway cluster: the servers, idle once the checks are done, stop at once
        "CLUSTER_STOP_GRACE": "1",
        # the demo database is made once per state of the sources (and day) and copied
        # from there on later runs: PARTY_GRID_REPLICA_CACHE=0 makes it afresh
        "CLUSTER_TEMPLATE_CACHE": ""
        if os.environ.get("PARTY_GRID_REPLICA_CACHE") == "0"
        else os.environ.get("PARTY_GRID_REPLICA_CACHE")
        or str(REPO / ".cache" / "replica-template"),
    }
    if reuse:
        env.update(
            {k: v for k, v in os.environ.items() if k.startswith("CLUSTER_")},
            CLUSTER_DIR=reuse,
        )
        ports = [
            int(env["CLUSTER_PG_PORT"]),
            int(env["CLUSTER_REPLICA_PORT"]),
            *map(int, env["CLUSTER_HTTP_PORTS"].split()),
        ]
    for var in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "ODOO_RC"):
        env.pop(var, None)
    script = [str(REPO / "scripts" / "cluster.sh")]
    try:
        proc = subprocess.run(
            ["bash", *script, "start"],
            env=env,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
            check=False,
        )
        if proc.returncode == 3:
            pytest.skip(NO_PG)
        assert proc.returncode == 0, (
            f"scripts/cluster.sh start failed:\n{proc.stdout}\n{proc.stderr}"
        )
        c = Cluster(started, env, ports)
        c.figures["start"] = time.monotonic() - started
        yield c
        c.figures["total"] = time.monotonic() - started
    finally:
        if not reuse:
            stopping = time.monotonic()
            subprocess.run(
                ["bash", *script, "stop"],
                env=env,
                capture_output=True,
                timeout=120,
                check=False,
            )
            shutil.rmtree(base, ignore_errors=True)
            print(
                f"\nreplica check: cluster stopped and removed in {time.monotonic() - stopping:.0f} s"
            )


def _menu_actions(menus):
    """The actions of the product menus the user sees, in the menus' order."""
    ids = [
        m["id"]
        for m in menus.values()
        if isinstance(m, dict) and m.get("xmlid") in APP_ROOTS
    ]
    out = []
    while ids:
        menu = menus[str(ids.pop(0))]
        ids[0:0] = menu.get("children") or []
        if menu.get("actionID"):
            out.append((menu["actionModel"], menu["actionID"]))
    return out


def _walk_menus(client, actions, full):
    """Every product menu of the user opened as the web client does: the
    action and its first view's data; for the actions in ``full`` also the
    first record's form and smart buttons, and the dashboards' pivots."""
    for kind, action_id in actions:
        if kind == "ir.actions.act_window":
            client.open_action(action_id, form=action_id in full)
        elif kind == "ir.actions.client":
            loaded = client.json(
                "/web/action/load", {"action_id": action_id}, "action/load", "ro"
            )
            if loaded.get("tag") == "action_spreadsheet_dashboard":
                _dashboards(client, pivots=action_id in full)
    return len(actions)


def _dashboards(client, pivots=True):
    """The dashboards app: the groups, then the leader dashboard's data and the
    pivots of its spreadsheet (read_group over the product's models)."""
    import json

    groups = client.call(
        "spreadsheet.dashboard.group",
        "web_search_read",
        kwargs={
            "domain": [["published_dashboard_ids", "!=", False]],
            "specification": {
                "name": {},
                "published_dashboard_ids": {"fields": {"name": {}}},
            },
        },
    )
    for group in groups["records"]:
        for dashboard in group["published_dashboard_ids"]:
            data = client.call(
                "spreadsheet.dashboard", "get_readonly_dashboard", [dashboard["id"]]
            )
            if not pivots:
                continue
            snapshot = data["snapshot"]
            if isinstance(snapshot, str):
                snapshot = json.loads(snapshot)
            for pivot in (snapshot.get("pivots") or {}).values():
                measures = [m["fieldName"] for m in pivot.get("measures", [])]
                rows = [
                    r["fieldName"]
                    + (f":{r['granularity']}" if r.get("granularity") else "")
                    for r in pivot.get("rows", []) + pivot.get("columns", [])
                ]
                client.call(
                    pivot["model"],
                    "read_group",
                    kwargs={
                        "domain": pivot.get("domain") or [],
                        "fields": [
                            m if m == "__count" else f"{m}:sum" for m in measures
                        ],
                        "groupby": rows,
                        "lazy": False,
                    },
                )


def _figures(cluster, client):
    """The figures the product serves over RPC: the leader dashboard's data,
    the ticket figures of a grid, a period's points ranking. (The XLSX/PDF
    builders are server-side helpers of the report wizard, not RPC methods.)"""
    county = cluster.sql(
        "SELECT id FROM party_grid WHERE parent_id IS NULL ORDER BY id LIMIT 1"
    )[0][0]
    client.call("party.report.dashboard", "get_dashboard_data")
    client.call("party.ticket.report", "get_figures", [county], expect="ro")
    period = cluster.sql("SELECT id FROM party_score_period ORDER BY id DESC LIMIT 1")
    if period:
        client.call("party.score.period", "get_ranking", [[period[0][0]]], expect="ro")


def test_every_role_reads_from_the_replica(cluster):
    started = time.monotonic()

    clients = {role: cluster.client(role, server=n % 2) for n, role in enumerate(ROLES)}
    for client in clients.values():
        client.dedupe = True
    actions = {
        role: _menu_actions(client.load_menus()) for role, client in clients.items()
    }
    # every role opens each of its screens; the forms behind them (and their
    # smart buttons) are read by the first role that has the screen
    full, done = {}, set()
    for role in ROLES:
        full[role] = {a for _kind, a in actions[role] if a not in done}
        done |= full[role]

    def replay(role):
        return _walk_menus(clients[role], actions[role], full[role])

    # four roles at a time: the two servers' four workers, as users do
    with ThreadPoolExecutor(max_workers=4) as pool:
        opened = dict(zip(ROLES, pool.map(replay, ROLES), strict=True))
    _figures(cluster, cluster.client("leader", server=1))
    calls = cluster.served()
    cluster.figures["replay"] = time.monotonic() - started
    unmatched = [c for c in calls if c.mode is None]
    assert not unmatched, f"requests without their log line: {unmatched[:5]}"
    reads = [c for c in calls if c.expect == "ro"]
    wrong = [c for c in reads if c.mode != "ro"]
    cluster.figures.update(
        calls=len(calls),
        reads=len(reads),
        on_replica=sum(c.mode == "ro" for c in calls),
        platform_on_primary=sorted(
            {
                c.label.split(": ", 1)[1]
                for c in calls
                if c.expect is None and c.mode != "ro"
            }
        ),
    )
    repeated = sum(client.repeated for client in clients.values())
    print(
        f"\nreplayed {len(calls)} calls of {len(ROLES)} roles ({sum(opened.values())} screens, "
        f"{repeated} repeated reads of a role answered without a request); "
        f"{cluster.figures['on_replica']} served by the replica; platform calls on the primary: "
        f"{cluster.figures['platform_on_primary']}"
    )
    assert all(opened.values()), f"a role opened no product screen: {opened}"
    assert len(reads) >= 150, f"only {len(reads)} read calls replayed"
    assert not wrong, (
        "read-only calls served by the primary or retried there:\n"
        + "\n".join(map(repr, wrong))
    )
    assert cluster.fallbacks() == 0, "the log has 'retrying with a read/write cursor'"


def _mark(cluster):
    return len(cluster.calls)


def _modes(cluster, since):
    return [c for c in cluster.served()[since:]]


def test_read_your_writes_with_a_lagging_replica(cluster):
    """Replay paused on the replica: the worker's own write-then-read paths
    show what was just written (the reads go to the primary until the
    replica has replayed the write), while the replica itself has not got it."""
    household = cluster.ref("party_grid.party_household_008_demo")
    ticket = cluster.ref("party_grid.party_ticket_wire_demo")
    worker_uid = cluster.sql("SELECT id FROM res_users WHERE login = 'worker'")[0][0]
    worker = cluster.client("worker")
    # the screens as the worker opens them, before the replica pauses
    hh_spec = worker.form_spec("party.household")
    ticket_spec = worker.form_spec("party.ticket")
    before = worker.call(
        "party.household", "web_read", [[household]], {"specification": hh_spec}
    )[0]
    cluster.pause_replay()
    since = _mark(cluster)
    try:
        # 1. log a visit from the household form (今日已走访), then its household and the list
        action = worker.call(
            "party.household",
            "action_log_visit",
            [[household]],
            button=True,
            expect="rw",
        )
        ctx = action["context"]
        visit_spec = worker.form_spec("party.visit", view_id=action["views"][0][0])
        saved = worker.call(
            "party.visit",
            "web_save",
            [
                [],
                {
                    "check_people": True,
                    "finding": "养殖场电线老化，已提醒户主请电工检查。",
                },
            ],
            {"specification": visit_spec, "context": ctx},
            expect="rw",
        )
        visit = saved[0]["id"]
        assert not cluster.sql(
            "SELECT id FROM party_visit WHERE id = %s", (visit,), replica=True
        ), "the replica must lag for this test"
        after = worker.call(
            "party.household",
            "web_read",
            [[household]],
            {"specification": hh_spec},
            expect="rw",
        )[0]
        assert after["month_contact_count"] == before["month_contact_count"] + 1, (
            "the household shows the visit"
        )
        listed = worker.call(
            "party.visit",
            "web_search_read",
            kwargs={
                "domain": [["household_id", "=", household]],
                "specification": {"display_name": {}},
            },
            expect="rw",
        )
        assert visit in [r["id"] for r in listed["records"]], (
            "the visits list shows the visit"
        )
        # 2. claim the ticket, then the ticket form (read through the other server: one session store)
        worker.call(
            "party.ticket", "action_claim", [[ticket]], button=True, expect="rw"
        )
        worker.server = 1
        form = worker.call(
            "party.ticket",
            "web_read",
            [[ticket]],
            {"specification": ticket_spec},
            expect="rw",
        )[0]
        worker.server = 0
        assert form["user_id"] and form["user_id"]["id"] == worker_uid, (
            "the ticket form shows it claimed"
        )
        assert (
            cluster.sql(
                "SELECT user_id FROM party_ticket WHERE id = %s",
                (ticket,),
                replica=True,
            )[0][0]
            is None
        )
        # 3. import households, then the list
        grid = cluster.sql(
            "SELECT grid_id FROM party_household WHERE id = %s", (household,)
        )[0][0]
        csv = f"name,grid_id/.id\n只读副本测试户一,{grid}\n只读副本测试户二,{grid}\n"
        imp = worker.call(
            "base_import.import",
            "create",
            # the client uploads the file to /base_import/set_file; its field keeps the raw bytes
            [
                {
                    "res_model": "party.household",
                    "file": csv,
                    "file_name": "households.csv",
                    "file_type": "text/csv",
                }
            ],
            expect="rw",
        )
        options = {
            "has_headers": True,
            "quoting": '"',
            "separator": ",",
            "encoding": "utf-8",
        }
        result = worker.call(
            "base_import.import",
            "execute_import",
            [[imp], ["name", "grid_id/.id"], ["name", "grid_id/.id"], options],
            expect="rw",
        )
        assert not result.get("messages"), result
        listed = worker.call(
            "party.household",
            "web_search_read",
            kwargs={
                "domain": [["name", "like", "只读副本测试户"]],
                "specification": {"display_name": {}},
            },
            expect="rw",
        )
        assert len(listed["records"]) == 2, (
            "the households list shows the imported rows"
        )
        # another session, which wrote nothing, still reads the (lagging) replica
        head = cluster.client("head")
        head.call(
            "party.ticket",
            "web_read",
            [[ticket]],
            {"specification": {"user_id": {}}},
            expect="ro",
        )
    finally:
        cluster.resume_replay()
    # caught up: the worker's reads are the replica's again
    worker.call(
        "party.ticket",
        "web_read",
        [[ticket]],
        {"specification": ticket_spec},
        expect="ro",
    )
    calls = _modes(cluster, since)
    wrong = [c for c in calls if c.expect and c.mode != c.expect]
    assert not wrong, "calls served by the wrong server:\n" + "\n".join(
        map(repr, wrong)
    )
    assert cluster.fallbacks() == 0
    cluster.figures["lag_calls"] = len(calls)


def test_the_check_reports_its_figures(cluster):
    """Last: what was replayed and how long it took (printed, not asserted: the
    conventions forbid asserting times; the check is meant to stay within
    BUDGET seconds on the 2-core machine)."""
    figures = cluster.figures
    elapsed = time.monotonic() - cluster.started
    print(
        f"\nreplica check: {figures.get('calls', 0)} calls replayed, {figures.get('reads', 0)} product reads, "
        f"{figures.get('on_replica', 0)} served by the replica, {figures.get('lag_calls', 0)} calls with the "
        f"replica paused; cluster up in {figures['start']:.0f} s, replay {figures.get('replay', 0):.0f} s, "
        f"{elapsed:.0f} s in all (budget {BUDGET} s)"
    )
    assert figures.get("calls"), "the replay did not run"
