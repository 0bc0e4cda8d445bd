# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class BaseImport(models.TransientModel):
    _inherit = "base_import.import"

    def _convert_import_data(self, fields, options):
        """The rows of the batch only, not the rest of the file: the import
        dialog sends a file in batches (2,000 rows by default) and each batch
        would otherwise convert, map and hand to ``load()`` every row left
        (50,000 households: 25 batches over 650,000 rows in all). Without
        one2many columns a row is one record, so the batch is its first
        ``limit`` rows; with them, the rest of the file as before."""
        data, import_fields = super()._convert_import_data(fields, options)
        limit = options.get("limit")
        if limit and self.res_model.startswith("party.") and len(data) > limit:
            model = self.env[self.res_model]
            if not any(
                getattr(model._fields.get(path.split("/")[0]), "type", None)
                == "one2many"
                for path in import_fields
            ):
                data = data[:limit]
        return data, import_fields
