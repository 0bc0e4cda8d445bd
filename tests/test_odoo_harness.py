"""End to end: a real Odoo 18 run of an addon whose test fails is judged failed by the
harness's log check, and its passing test counted. Needs Odoo and PostgreSQL
(scripts/test.sh exports ODOO_SRC, SITE_ADDONS and the PG* variables); skipped otherwise."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import check_odoo_log  # noqa: E402

ODOO_SRC = os.environ.get("ODOO_SRC", "")
pytestmark = pytest.mark.skipif(
    os.environ.get("ODOO_AVAILABLE") != "1" or not os.environ.get("PGHOST"),
    reason="needs Odoo 18 (ODOO_SRC) and a PostgreSQL server (PGHOST), as scripts/test.sh provides",
)

PROBE_TEST = """
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestProbe(TransactionCase):
    def test_passes(self):
        self.assertTrue(self.env["res.partner"].create({"name": "x"}).id)

    def test_fails(self):
        self.assertEqual(self.env["res.partner"].search_count([("name", "=", "nobody here")]), 1)
"""


def test_a_failing_odoo_test_fails_the_run(tmp_path):
    addon = tmp_path / "harness_probe"
    (addon / "tests").mkdir(parents=True)
    (addon / "__init__.py").write_text("")
    (addon / "__manifest__.py").write_text(
        "{'name': 'probe', 'version': '18.0.1.0.0', 'license': 'LGPL-3', 'depends': ['base']}"
    )
    (addon / "tests" / "__init__.py").write_text("from . import test_probe\n")
    (addon / "tests" / "test_probe.py").write_text(PROBE_TEST)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = f"party_grid_probe_{os.getpid()}_{int(time.time())}"
    cmd = [
        sys.executable,
        f"{ODOO_SRC}/odoo-bin",
        "-d",
        db,
        "--db_host",
        os.environ["PGHOST"],
        "--db_port",
        os.environ.get("PGPORT", "5432"),
        f"--addons-path={ODOO_SRC}/odoo/addons,{tmp_path}",
        "-i",
        "harness_probe",
        "--test-tags",
        "/harness_probe",
        "--stop-after-init",
        "--http-port",
        str(port),
        "--http-interface",
        "127.0.0.1",
        "--max-cron-threads",
        "0",
    ]
    if os.environ.get("PGUSER"):
        cmd += ["--db_user", os.environ["PGUSER"]]
    try:
        proc = subprocess.run(
            cmd, capture_output=True, text=True, timeout=600, check=False
        )
    finally:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, psycopg2; from psycopg2 import sql\n"
                "c = psycopg2.connect(dbname='postgres'); c.autocommit = True\n"
                "c.cursor().execute(sql.SQL('DROP DATABASE IF EXISTS {}').format(sql.Identifier(sys.argv[1])))",
                db,
            ],
            check=False,
        )
    res = check_odoo_log.analyse(
        (proc.stdout + proc.stderr).splitlines(), proc.returncode
    )
    assert res["tests"] == 2, proc.stderr[-3000:]
    assert res["passed"] == 1
    assert res["failed"] >= 1
    assert any("TestProbe.test_fails" in t for t in res["failed_tests"])
