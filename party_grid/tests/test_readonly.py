# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import inspect

from odoo.exceptions import UserError
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

    def test_smart_buttons_open_what_they_count(self):
        """Every ``action_view_*`` button of the product (all addons installed)
        opens a window action on an existing model whose domain the model can
        search, without writing anything (the demo records are the subjects)."""
        opened = []
        for name in self.env.registry:
            if not name.startswith("party.") or self.env[name]._abstract:
                continue
            Model = self.env[name]
            methods = [
                attr
                for attr, method in inspect.getmembers(type(Model), inspect.isfunction)
                if attr.startswith("action_view_")
                and method.__module__.startswith("odoo.addons.party_grid")
            ]
            record = Model.search([], limit=1) if methods else Model
            for attr in methods if record else []:
                try:
                    action = getattr(record, attr)()
                except UserError as error:  # nothing to open: said in words
                    self.assertTrue(str(error), attr)
                    continue
                self.assertEqual(action["type"], "ir.actions.act_window", attr)
                domain = action.get("domain") or []
                if isinstance(domain, list):  # the button's own, not the XML's text
                    self.env[action["res_model"]].search_count(domain)
                opened.append(f"{name}.{attr}")
        self.assertGreaterEqual(len(opened), 15, opened)
