"""The addons install the OCA way: each builds to an ``odoo-addon-<name>`` wheel
(whool, pyproject.toml per addon) that pip installs under site-packages/odoo/addons,
and Odoo then finds and installs them with no addons-path entry for this repository.

The throwaway environment reuses the repository's virtualenv for Odoo and its
dependencies (a .pth file), so only the addons' wheels are installed into it."""

import os
import subprocess
import sys
import sysconfig
import uuid
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = tuple(
    sorted(
        (p.parent.name for p in REPO.glob("*/__manifest__.py")),
        key=lambda name: (name != "party_grid", name),
    )
)
pytestmark = pytest.mark.odoo


def _odoo_src():
    src = Path(os.environ.get("ODOO_SRC", Path.home() / "odoo-18.0"))
    if os.environ.get("ODOO_AVAILABLE") != "1" or not (src / "odoo-bin").exists():
        pytest.skip("Odoo 18 is not available (scripts/test.sh sets ODOO_AVAILABLE)")
    return src


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheels")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            *(str(REPO / addon) for addon in ADDONS),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return sorted(out.glob("*.whl"))


def test_each_addon_builds_its_wheel(wheels):
    names = {w.name.split("-")[0] for w in wheels}
    assert names == {f"odoo_addon_{addon}" for addon in ADDONS}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as zf:
            files = zf.namelist()
            addon = wheel.name.split("-")[0].removeprefix("odoo_addon_")
            assert f"odoo/addons/{addon}/__manifest__.py" in files
            assert f"odoo/addons/{addon}/i18n/zh_CN.po" in files
            meta = zf.read(next(f for f in files if f.endswith("METADATA"))).decode()
        assert "Requires-Dist: odoo==18.0.*" in meta
        if addon == "party_grid_reports":
            # the Odoo addons it depends on are declared as Python dependencies
            assert "Requires-Dist: odoo-addon-party_grid==18.0.*" in meta
            assert "Requires-Dist: odoo-addon-report_xlsx==18.0.*" in meta


def test_odoo_installs_the_addons_from_the_wheels(wheels, tmp_path):
    src = _odoo_src()
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Odoo and its dependencies from the repository's virtualenv (its .pth files too)
    Path(site, "repo_venv.pth").write_text(
        f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n"
    )
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            site,
            *map(str, wheels),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert Path(site, "odoo", "addons", "party_grid", "__manifest__.py").exists()
    db = f"party_grid_wheel_{uuid.uuid4().hex[:8]}"
    args = [
        str(py),
        str(src / "odoo-bin"),
        "-d",
        db,
        "-i",
        ",".join(ADDONS),
        "--without-demo=all",
        "--stop-after-init",
        "--http-port",
        "0",
        "--max-cron-threads",
        "0",
        "--log-level",
        "warn",
        # Odoo's own addons only: ours come from the wheels
        f"--addons-path={src / 'odoo' / 'addons'}",
        "--db_host",
        os.environ.get("PGHOST", "127.0.0.1"),
        "--db_port",
        os.environ.get("PGPORT", "5432"),
    ]
    if os.environ.get("PGUSER"):
        args += ["--db_user", os.environ["PGUSER"]]
    try:
        proc = subprocess.run(
            args, capture_output=True, text=True, check=False, cwd=tmp_path, timeout=600
        )
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        check = subprocess.run(
            [
                str(py),
                "-c",
                (
                    "import sys, psycopg2; c = psycopg2.connect(dbname=sys.argv[1], "
                    "host=sys.argv[2], port=sys.argv[3]); cur = c.cursor(); cur.execute("
                    "\"SELECT name, state FROM ir_module_module WHERE name LIKE 'party_grid%%'"
                    ' ORDER BY name"); print(cur.fetchall())'
                ),
                db,
                os.environ.get("PGHOST", "127.0.0.1"),
                os.environ.get("PGPORT", "5432"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        assert check.stdout.strip() == repr(
            [(addon, "installed") for addon in sorted(ADDONS)]
        ), check.stdout + check.stderr
        where = subprocess.run(
            [
                str(py),
                "-c",
                (
                    "import sys, odoo; from odoo.modules.module import get_module_path; "
                    "odoo.tools.config.parse_config(['--addons-path=' + sys.argv[1]]); "
                    "print(get_module_path('party_grid'))"
                ),
                str(src / "odoo" / "addons"),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        )
        # found under the throwaway environment's site-packages, not the repository
        assert where.stdout.strip() == str(Path(site, "odoo", "addons", "party_grid"))
    finally:
        subprocess.run(
            [
                str(py),
                "-c",
                (
                    "import sys, psycopg2; c = psycopg2.connect(dbname='postgres', "
                    "host=sys.argv[2], port=sys.argv[3]); c.autocommit = True; "
                    "c.cursor().execute('DROP DATABASE IF EXISTS \"%s\"' % sys.argv[1])"
                ),
                db,
                os.environ.get("PGHOST", "127.0.0.1"),
                os.environ.get("PGPORT", "5432"),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
