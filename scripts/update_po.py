"""Refresh an addon's i18n/<addon>.pot and i18n/zh_CN.po from a database where it is installed.

    .venv/bin/python scripts/update_po.py ADDON --db DB [--extra more.po ...] [-- odoo-bin options]

Exports the addon's terms with Odoo (``--i18n-export``), writes them as the .pot, and writes
zh_CN.po with the same entries, each translated from the current zh_CN.po or the --extra
files (matched on msgid, and msgctxt where present). Prints the msgids still untranslated,
so that nothing is shipped half in English; exits 1 when there are any.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent


def known_translations(paths):
    known = {}
    for path in paths:
        if Path(path).exists():
            for entry in polib.pofile(str(path)):
                if entry.msgstr and not entry.obsolete:
                    known.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
                    known.setdefault((None, entry.msgid), entry.msgstr)
    return known


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    odoo_args = []
    if "--" in argv:
        i = argv.index("--")
        argv, odoo_args = argv[:i], argv[i + 1 :]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("addon")
    ap.add_argument("--db", required=True)
    ap.add_argument("--extra", nargs="*", default=[])
    ap.add_argument("--odoo-src", default=str(Path.home() / "odoo-18.0"))
    args = ap.parse_args(argv)
    i18n = REPO / args.addon / "i18n"
    i18n.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = Path(tmp) / f"{args.addon}.pot"
        subprocess.run(
            [
                sys.executable,
                f"{args.odoo_src}/odoo-bin",
                "-d",
                args.db,
                *odoo_args,
                f"--i18n-export={pot_path}",
                f"--modules={args.addon}",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
        pot = polib.pofile(str(pot_path), wrapwidth=78)
    pot.save(str(i18n / f"{args.addon}.pot"))
    known = known_translations([i18n / "zh_CN.po", *args.extra])
    po = polib.pofile(str(i18n / f"{args.addon}.pot"), wrapwidth=78)
    po.metadata["Language"] = "zh_CN"
    po.metadata["Plural-Forms"] = ""
    missing = []
    for entry in po:
        entry.msgstr = known.get((entry.msgctxt, entry.msgid)) or known.get(
            (None, entry.msgid), ""
        )
        if not entry.msgstr:
            missing.append(entry.msgid)
    po.save(str(i18n / "zh_CN.po"))
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    print(f"{len(po)} terms, {len(missing)} untranslated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
