"""Linters over the addons and scripts, from the repository's own configuration:
ruff (.ruff.toml), pylint with pylint_odoo (.pylintrc) and the OCA pre-commit checks
for Odoo modules and .po files."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(str(p.parent.relative_to(REPO)) for p in REPO.glob("*/__manifest__.py"))
BIN = Path(sys.executable).parent
# pylint_odoo checks not wanted here (a pylintrc takes one "disable" key, used for "all")
PYLINT_DISABLED = ",".join(
    [
        "manifest-maintainers-list",  # no OCA maintainers
        "missing-readme",  # README.rst is checked by oca-checks-odoo-module
        "website-manifest-key-not-valid-uri",
        # a model split by responsibility over several files (one _inherit each) is the
        # convention here; pylint sees neither the merged class nor its other files' methods
        "consider-merging-classes-inherited",
        "no-member",
    ]
)


def tool(name):
    path = BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        pytest.skip(f"{name} is not installed")
    return found


def run(cmd):
    proc = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)
    return proc.returncode, proc.stdout + proc.stderr


def test_ruff():
    rc, out = run(
        [tool("ruff"), "check", "--no-cache", *ADDONS, "scripts", "tests", "bench"]
    )
    assert rc == 0, out


def test_pylint_odoo():
    rc, out = run(
        [
            sys.executable,
            "-m",
            "pylint",
            "--rcfile=.pylintrc",
            f"--disable={PYLINT_DISABLED}",
            *ADDONS,
        ]
    )
    assert rc == 0, out


def test_oca_checks_odoo_module():
    rc, out = run([tool("oca-checks-odoo-module"), *ADDONS])
    assert rc == 0, out


def test_oca_checks_po():
    files = [
        str(p.relative_to(REPO))
        for a in ADDONS
        for p in (REPO / a / "i18n").glob("*.po*")
    ]
    rc, out = run([tool("oca-checks-po"), *files])
    assert rc == 0, out
