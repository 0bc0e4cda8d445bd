# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import inspect

from odoo.tests import TransactionCase, tagged

# public methods of the product that only read: smart buttons, figures,
# templates, dashboards; a replica serves them only with @api.readonly
READ_ONLY_PREFIXES = ("action_view_", "get_")
READ_ONLY_NAMES = {"action_open_wizard"}


@tagged("post_install", "-at_install")
class TestReadOnlyMethods(TransactionCase):
    def test_read_only_methods_are_marked(self):
        checked, missing = [], []
        for name in self.env.registry:
            if not name.startswith("party."):
                continue
            cls = type(self.env[name])
            for attr, method in inspect.getmembers(cls, inspect.isfunction):
                if attr.startswith("_") or not (
                    attr.startswith(READ_ONLY_PREFIXES) or attr in READ_ONLY_NAMES
                ):
                    continue
                if not method.__module__.startswith("odoo.addons.party_grid"):
                    continue  # the platform's own get_* methods
                checked.append(f"{name}.{attr}")
                if not getattr(method, "_readonly", False):
                    missing.append(f"{name}.{attr}")
        self.assertGreaterEqual(len(checked), 15, checked)
        self.assertEqual(missing, [], "read-only methods without @api.readonly")
