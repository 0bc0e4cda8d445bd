# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.7.0: the contact-duty roll-up's earlier months follow the changes of
a household (grid, contact member, tags, archiving) and of the settings, as
the report's rows and the leader dashboard count them; the rows of the
history window were kept as of their last refresh until now and are
recomputed here."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["party.grid.duty.month"]._rebuild_window()
