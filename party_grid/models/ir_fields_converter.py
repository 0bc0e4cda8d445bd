# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# the references an import of households or members repeats on every row: the
# grid (by code) and the contact member (by ID number)
CACHED_COMODELS = ("party.grid", "party.member")
# the unique key a template column names each by: one indexed lookup, where
# the name search ORs the names across the partner join (a scan per value)
EXACT_KEYS = {"party.grid": "code", "party.member": "id_number"}


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    @api.model
    def db_id_for(self, model, field, subfield, value):
        """Resolve each distinct grid code or ID number of an import once
        instead of once per row: 50,000 households name a few hundred grids
        and members. Only found references are remembered, for the cursor (one
        request, one user); a missing one is looked up again and reported per
        row as before."""
        if (
            subfield is not None
            or field.comodel_name not in CACHED_COMODELS
            or not self.env.context.get("import_file")
            # a reference the import may create is not remembered: a rolled
            # back test import would leave a stale id behind
            or (self.env.context.get("name_create_enabled_fields") or {}).get(
                field.name
            )
        ):
            return super().db_id_for(model, field, subfield, value)
        cache = self.env.cr.cache.setdefault("party_grid_import_ids", {})
        key = (self.env.uid, self.env.context.get("lang"), field.comodel_name, value)
        if key not in cache:
            result = self._party_grid_exact_id(field, value) or super().db_id_for(
                model, field, subfield, value
            )
            if not result[0] or result[2]:
                return result
            cache[key] = result
        record_id, field_type, warnings = cache[key]
        return record_id, field_type, list(warnings)

    @api.model
    def _party_grid_exact_id(self, field, value):
        """The record whose grid code or ID number is ``value``, when exactly
        one (under the importing user's rules, as the name search); else None
        and the name search decides (and words its messages)."""
        if not isinstance(value, str) or not value.strip():
            return None
        value = value.strip()
        if field.comodel_name == "party.member":
            value = value.upper()
        records = self.env[field.comodel_name].search(
            [(EXACT_KEYS[field.comodel_name], "=", value)], limit=2
        )
        if len(records) != 1:
            return None
        return records.id, "name", []
