# Shortcuts for the README's two commands and the usual chores.
.PHONY: run test static lint

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

static:
	SKIP_ODOO=1 bash scripts/test.sh

lint:
	.venv/bin/ruff check . && .venv/bin/python -m pytest -q tests/test_lint.py
