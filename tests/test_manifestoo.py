"""manifestoo over our addons: licence compatibility and development status of
every (transitive) dependency, so that e.g. an LGPL addon depending on the AGPL
``report_xlsx`` fails the run."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = ",".join(sorted(p.parent.name for p in REPO.glob("*/__manifest__.py")))
MANIFESTOO = Path(sys.executable).parent / "manifestoo"


def manifestoo(*args):
    if not MANIFESTOO.exists():
        pytest.skip("manifestoo is not installed")
    proc = subprocess.run(
        [
            str(MANIFESTOO),
            "--addons-path-python",
            sys.executable,
            "--addons-path",
            ".",
            "--select-include",
            ADDONS,
            "--odoo-series",
            "18.0",
            *args,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    out = proc.stdout + proc.stderr
    if "could not obtain odoo.addons.__path__" in out:
        pytest.skip("odoo does not import here: dependencies cannot be resolved")
    return proc.returncode, out


@pytest.mark.parametrize("check", ["check-licenses", "check-dev-status"])
def test_manifestoo(check):
    rc, out = manifestoo(check, "--transitive")
    assert rc == 0, out
    assert "not found" not in out, out
