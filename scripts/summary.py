#!/usr/bin/env python3
"""Add up the pytest (static + unit) and Odoo test results into one closing line."""

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def pytest_counts(path):
    """passed, failed, skipped from a pytest JUnit XML file (zeros when missing)."""
    if not Path(path).exists():
        return 0, 0, 0
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failed = skipped = 0
    for s in suites:
        tests += int(s.get("tests", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
        skipped += int(s.get("skipped", 0))
    return tests - failed - skipped, failed, skipped


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pytest_xml")
    ap.add_argument("odoo_json")
    ap.add_argument("--pytest-rc", type=int, default=0)
    ap.add_argument("--odoo-rc", type=int, default=0)
    ap.add_argument("--pytest-odoo-xml", help="JUnit XML of the pytest-odoo step")
    ap.add_argument("--pytest-odoo-rc", type=int, default=0)
    args = ap.parse_args(argv)
    passed, failed, skipped = pytest_counts(args.pytest_xml)
    if args.pytest_rc not in (0, 5) and not failed:
        failed += 1  # pytest itself broke (collection error, crash)
    odoo = {"passed": 0, "failed": 0}
    if Path(args.odoo_json).exists():
        odoo = json.loads(Path(args.odoo_json).read_text(encoding="utf-8"))
    elif args.odoo_rc:
        odoo["failed"] = 1
    print(f"static and unit tests: {passed} passed, {failed} failed, {skipped} skipped")
    if Path(args.odoo_json).exists():
        print(f"Odoo tests: {odoo['passed']} passed, {odoo['failed']} failed")
    passed += odoo["passed"]
    failed += odoo["failed"]
    if args.pytest_odoo_xml:
        p_passed, p_failed, p_skipped = pytest_counts(args.pytest_odoo_xml)
        if args.pytest_odoo_rc not in (0, 5) and not p_failed:
            p_failed += 1
        print(f"pytest-odoo: {p_passed} passed, {p_failed} failed, {p_skipped} skipped")
        passed, failed, skipped = (
            passed + p_passed,
            failed + p_failed,
            skipped + p_skipped,
        )
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or args.pytest_rc not in (0, 5) or args.odoo_rc else 0


if __name__ == "__main__":
    sys.exit(main())
