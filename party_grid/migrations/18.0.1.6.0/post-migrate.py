# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.6.0: the contact-duty roll-up also counts every active household of a
grid (the grids' coverage reads it); the current month's rows are recomputed
here, and the hourly job that completes the report's earlier months is asked
to run right after the upgrade rather than at its next hour."""

from odoo import SUPERUSER_ID, api

from odoo.addons.party_grid.models.party_visit import duty_month_start, duty_today


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["party.grid.duty.month"]._rebuild_month(duty_month_start(duty_today()))
    cron = env.ref("party_grid.ir_cron_party_grid_duty_month", raise_if_not_found=False)
    if cron:
        cron._trigger()
