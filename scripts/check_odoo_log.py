#!/usr/bin/env python3
"""Read the log of an Odoo test run and decide whether it passed.

A run passes when Odoo reports its test result with no failure and no error, ran at
least one test, exited 0, and logged no unexpected ERROR/CRITICAL line at all and no
WARNING line that comes from (or names) our addons. Known harmless lines can be listed
as regular expressions in tests/odoo_log_allowlist.txt.
"""

import argparse
import json
import re
import sys
from pathlib import Path

LINE_RE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ "
    r"(?P<level>DEBUG|INFO|WARNING|ERROR|CRITICAL|TEST|RUNBOT|\?) "
    r"(?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$"
)
RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
OURS_RE = re.compile(
    r"party_grid|party[._](grid|member|household|visit|activity|ticket|points|report)"
)
DEFAULT_ALLOWLIST = (
    Path(__file__).resolve().parent.parent / "tests" / "odoo_log_allowlist.txt"
)


def load_allowlist(path):
    if not path or not Path(path).exists():
        return []
    patterns = []
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if raw and not raw.startswith("#"):
            patterns.append(re.compile(raw))
    return patterns


def analyse(lines, exit_code=0, allowlist=()):
    """Return a dict: tests, passed, failed, problems (list of strings)."""
    result = None
    problems = []
    failed_tests = []
    for line in lines:
        m = LINE_RE.match(line)
        if not m:
            continue
        level, logger, msg = m["level"], m["logger"], m["msg"]
        if logger == "odoo.tests.result":
            r = RESULT_RE.search(msg)
            if r:
                result = tuple(int(x) for x in r.groups())
            continue
        if level in ("ERROR", "CRITICAL") and ".tests." in logger:
            # a failing or erroring test: counted by the result line
            if msg.startswith(("FAIL:", "ERROR:")):
                failed_tests.append(f"{msg}  [{logger}]")
            continue
        if any(p.search(line) for p in allowlist):
            continue
        if level in ("ERROR", "CRITICAL"):
            problems.append(line.rstrip())
        elif level == "WARNING" and (
            logger.startswith("odoo.addons.party_grid") or OURS_RE.search(msg)
        ):
            problems.append(line.rstrip())
    if result is None:
        problems.append(
            "Odoo reported no test result (did the run crash before the tests?)"
        )
        tests, failed = 0, 0
    else:
        failures, errors, tests = result
        failed = failures + errors
        if tests == 0:
            problems.append("Odoo ran no test at all")
    if exit_code:
        problems.append(f"Odoo exited with code {exit_code}")
    return {
        "tests": tests,
        "passed": max(tests - failed, 0),
        "failed": failed + len(problems),
        "failed_tests": failed_tests,
        "problems": problems,
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("log")
    ap.add_argument("--exit-code", type=int, default=0)
    ap.add_argument("--json")
    ap.add_argument("--allowlist", default=str(DEFAULT_ALLOWLIST))
    args = ap.parse_args(argv)
    text = Path(args.log).read_text(encoding="utf-8", errors="replace").splitlines()
    res = analyse(text, args.exit_code, load_allowlist(args.allowlist))
    for t in res["failed_tests"]:
        print(f"Odoo test failed: {t}")
    for p in res["problems"]:
        print(f"unexpected in the Odoo log: {p}")
    print(
        f"Odoo tests: {res['passed']} passed, {res['failed']} failed (of {res['tests']} tests run)"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return 1 if res["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
