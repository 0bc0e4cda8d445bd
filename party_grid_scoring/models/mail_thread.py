# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _party_grid_creation_messages(self):
        return {
            **super()._party_grid_creation_messages(),
            "party.score.period": _lt("Points period opened"),
            "party.score.scheme": _lt("Points scheme created"),
        }
