"""The reading of an Odoo test log (scripts/check_odoo_log.py) and the closing summary
(scripts/summary.py): a failing Odoo test, an ERROR anywhere and a WARNING of ours each
fail the run."""

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

import check_odoo_log  # noqa: E402
import summary  # noqa: E402

T = "2026-11-22 10:39:21,804 6396"
OK_RESULT = f"{T} INFO db odoo.tests.result: 0 failed, 0 error(s) of 12 tests when loading database 'db'"


def run(lines, exit_code=0, allowlist=()):
    return check_odoo_log.analyse(lines, exit_code, allowlist)


def test_clean_log_passes():
    res = run([f"{T} INFO db odoo.modules.loading: Modules loaded.", OK_RESULT])
    assert (res["passed"], res["failed"], res["problems"]) == (12, 0, [])


def test_failing_test_fails():
    res = run(
        [
            f"{T} ERROR db odoo.addons.party_grid.tests.test_grid: FAIL: TestGrid.test_code",
            "Traceback (most recent call last):",
            "AssertionError: 'A' != 'B'",
            f"{T} ERROR db odoo.tests.result: 1 failed, 0 error(s) of 12 tests when loading database 'db'",
        ],
        exit_code=1,
    )
    assert res["failed"] >= 1 and res["passed"] == 11
    assert any("TestGrid.test_code" in t for t in res["failed_tests"])


def test_erroring_test_counts_as_failed():
    res = run(
        [
            f"{T} ERROR db odoo.tests.result: 0 failed, 2 error(s) of 5 tests when loading database 'db'"
        ]
    )
    assert (res["passed"], res["failed"]) == (3, 2)


def test_any_error_line_fails():
    res = run(
        [f"{T} ERROR db odoo.modules.loading: Some modules are not loaded", OK_RESULT]
    )
    assert res["failed"] == 1 and "Some modules are not loaded" in res["problems"][0]


def test_warning_of_our_addons_fails_but_others_pass():
    ours = f"{T} WARNING db odoo.modules.loading: The models ['party.grid'] have no access rules in module party_grid"
    field = f"{T} WARNING db odoo.fields: Field party.member.x: unknown parameter 'tracking'"
    logger = f"{T} WARNING db odoo.addons.party_grid.models.party_grid: odd"
    theirs = f"{T} WARNING db odoo.addons.base.models.ir_mail_server: no mail server"
    res = run([ours, field, logger, theirs, OK_RESULT])
    assert res["failed"] == 3
    assert not any("ir_mail_server" in p for p in res["problems"])


def test_allowlisted_line_is_ignored():
    import re

    line = f"{T} WARNING db odoo.modules.loading: known harmless party_grid notice"
    res = run([line, OK_RESULT], allowlist=[re.compile("known harmless")])
    assert res["failed"] == 0


def test_no_result_or_no_tests_or_bad_exit_fails():
    assert run([f"{T} INFO db odoo.modules.loading: Modules loaded."])["failed"] == 1
    none_run = f"{T} WARNING db odoo.tests.result: 0 failed, 0 error(s) of 0 tests when loading database 'db'"
    assert run([none_run])["failed"] == 1
    assert run([OK_RESULT], exit_code=1)["failed"] == 1


def test_command_line_and_summary(tmp_path, capsys):
    log = tmp_path / "odoo.log"
    log.write_text(OK_RESULT + "\n", encoding="utf-8")
    out = tmp_path / "odoo.json"
    assert check_odoo_log.main([str(log), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["passed"] == 12
    junit = tmp_path / "pytest.xml"
    junit.write_text(
        '<testsuites><testsuite tests="5" failures="0" errors="0" skipped="1"/></testsuites>'
    )
    assert summary.main([str(junit), str(out)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "16 passed, 0 failed, 1 skipped"
    log.write_text(
        f"{T} ERROR db odoo.tests.result: 1 failed, 0 error(s) of 12 tests\n",
        encoding="utf-8",
    )
    assert check_odoo_log.main([str(log), "--json", str(out)]) == 1
    assert summary.main([str(junit), str(out), "--odoo-rc", "1"]) == 1
    assert capsys.readouterr().out.splitlines()[-1] == "15 passed, 1 failed, 1 skipped"


def test_summary_counts_a_broken_pytest_run(tmp_path, capsys):
    assert (
        summary.main(
            [
                str(tmp_path / "missing.xml"),
                str(tmp_path / "missing.json"),
                "--pytest-rc",
                "2",
            ]
        )
        == 1
    )
    assert capsys.readouterr().out.splitlines()[-1] == "0 passed, 1 failed, 0 skipped"
