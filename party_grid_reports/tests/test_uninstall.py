# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestUninstall(TransactionCase):
    """What uninstalling removes, without a second database: the database
    steps of an uninstall (``module_uninstall``: the addon's records, report
    models, wizard table, actions, dashboard) run inside the test's
    transaction, which is rolled back afterwards; the registry reload that
    follows a real uninstall is left out. A full uninstall and reinstall of
    a copy of the demo database (``button_immediate_uninstall``, 2.5 s) is
    in the README."""

    def setUp(self):
        # registered before the savepoint's rollback, so run after it
        self.addCleanup(self.registry.clear_cache)
        super().setUp()

    def test_uninstall_removes_the_addon_and_keeps_the_register(self):
        Module = self.env["ir.module.module"]
        module = Module.search([("name", "=", "party_grid_reports")])
        self.assertEqual(module.state, "installed")
        # only the bridge to the residents' portal (QR code on the cards)
        # depends on it, and goes with it, as the Apps menu would do
        downstream = module.downstream_dependencies()
        self.assertLessEqual(
            set(downstream.mapped("name")), {"party_grid_portal_reports"}
        )
        households = self.env["party.household"].search_count([])
        tickets = self.env["party.ticket"].search_count([])
        (module | downstream).module_uninstall()
        self.env.flush_all()
        Data = self.env["ir.model.data"]
        self.assertFalse(Data.search_count([("module", "=", "party_grid_reports")]))
        self.cr.execute(
            """SELECT model FROM ir_model
                WHERE model LIKE 'party.report.%%'
                   OR model LIKE 'report.party_grid_reports.%%'
                   OR model = 'party.grid.report.wizard'"""
        )
        self.assertEqual(self.cr.fetchall(), [])
        self.cr.execute("SELECT to_regclass('party_grid_report_wizard')")
        self.assertIsNone(self.cr.fetchone()[0])
        self.cr.execute(
            """SELECT count(*) FROM ir_act_report_xml
                WHERE report_name LIKE 'party_grid_reports.%%'"""
        )
        self.assertEqual(self.cr.fetchone()[0], 0)
        self.cr.execute(
            "SELECT count(*) FROM ir_ui_view WHERE key LIKE 'party_grid_reports.%%'"
        )
        self.assertEqual(self.cr.fetchone()[0], 0)
        # the register itself is party_grid's and stays
        self.assertEqual(self.env["party.household"].search_count([]), households)
        self.assertEqual(self.env["party.ticket"].search_count([]), tickets)
