"""python -m bench NAME [--db DB] [--scale S] [--regenerate] -- [odoo-bin options]

Run by bench/run.sh, which sets up the environment and the database."""

import argparse
import importlib
import sys

from odoo.tools import config

BENCHES = (
    "register",
    "visits",
    "tickets",
    "scoring",
    "reports",
    "province",
    "import",
    "organisation",
    "outreach",
)


def main():
    argv = sys.argv[1:]
    odoo_args = []
    if "--" in argv:
        i = argv.index("--")
        argv, odoo_args = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(prog="bench", description=__doc__)
    ap.add_argument("name", choices=BENCHES)
    ap.add_argument("--db", default="party_grid_bench")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--regenerate", action="store_true")
    ap.add_argument("--counties", type=int, default=0,
                    help="province: N counties under one root (bench province)")
    ap.add_argument("--clone", action="store_true",
                    help="province: generate one county, copy it to --counties by SQL")
    ap.add_argument("--rows", type=int, default=50000, help="import: rows to import")
    ap.add_argument("--profile", action="store_true",
                    help="import: profile one batch (cProfile) instead of timing the import")
    args = ap.parse_args(argv)
    config.parse_config(odoo_args + ["-d", args.db])
    module = importlib.import_module(f"bench.bench_{args.name}")
    module.main(args)


if __name__ == "__main__":
    main()
