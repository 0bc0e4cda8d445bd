"""Odoo runs an addon's tests through the imports of <addon>/tests/__init__.py;
pytest-odoo collects the files test_*.py. Both must see the same modules, or a
test runs in one and silently not in the other."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = sorted(p.parent for p in REPO.glob("*/__manifest__.py"))


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_odoo_and_pytest_collect_the_same_modules(addon):
    tests = addon / "tests"
    if not tests.is_dir():
        pytest.skip(f"{addon.name} has no tests")
    files = {p.stem for p in tests.glob("test_*.py")}
    init = (tests / "__init__.py").read_text(encoding="utf-8")
    imported = set(re.findall(r"^from \. import (test_\w+)", init, re.M))
    assert files - imported == set(), (
        f"not imported in tests/__init__.py: {files - imported}"
    )
    assert imported - files == set(), f"imported but missing: {imported - files}"
