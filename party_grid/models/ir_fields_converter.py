# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .party_grid_duty_month import DUTY_DEFERRED

# the references an import of households or members repeats on every row: the
# grid (by code), the contact member (by ID number) and the household tags (by
# name)
CACHED_COMODELS = ("party.grid", "party.member", "party.household.tag")
# the unique key a template column names each by: one indexed lookup, where
# the name search ORs the names across the partner join (a scan per value)
EXACT_KEYS = {"party.grid": "code", "party.member": "id_number"}
CACHE_KEY = "party_grid_import_ids"
SELECTION_CACHE_KEY = "party_grid_import_selection"


def _exact_value(comodel_name, value):
    """The value of the unique key that the cell ``value`` names, or None."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    return value.upper() if comodel_name == "party.member" else value


class IrFieldsConverter(models.AbstractModel):
    _inherit = "ir.fields.converter"

    def _party_grid_cache_key(self, field, value):
        return (self.env.uid, self.env.context.get("lang"), field.comodel_name, value)

    def _party_grid_cacheable(self, field, subfield):
        return (
            subfield is None
            and field.comodel_name in CACHED_COMODELS
            and self.env.context.get("import_file")
            # a reference the import may create is not remembered: a rolled
            # back test import would leave a stale id behind
            and not (self.env.context.get("name_create_enabled_fields") or {}).get(
                field.name
            )
        )

    @api.model
    def db_id_for(self, model, field, subfield, value):
        """Resolve each distinct grid code, ID number or tag of an import once
        instead of once per row: 50,000 households name a few hundred grids
        and members. Only found references are remembered, for one ``load()``
        (one batch of the import dialog, one user); a missing one is looked up
        again and reported per row as before."""
        cache = self.env.cr.cache.get(CACHE_KEY)
        if cache is None or not self._party_grid_cacheable(field, subfield):
            return super().db_id_for(model, field, subfield, value)
        key = self._party_grid_cache_key(field, value)
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
        key = EXACT_KEYS.get(field.comodel_name)
        value = _exact_value(field.comodel_name, value)
        if not key or value is None:
            return None
        records = self.env[field.comodel_name].search([(key, "=", value)], limit=2)
        if len(records) != 1:
            return None
        return records.id, "name", []

    @api.model
    def _party_grid_prefetch_ids(self, model, fnames, data):
        """Resolve, before the rows are converted one by one, every grid code
        and ID number of each such column of ``data`` (the rows ``load()``
        gets) in one query per column, under the importing user's rules:
        ``db_id_for`` then finds them in its cache. A value not found, or
        found twice, is left to ``db_id_for``, which words the row's error."""
        cache = self.env.cr.cache.get(CACHE_KEY)
        if cache is None or not self.env.context.get("import_file"):
            return
        # the rows of this batch (load() gets the rest of the file)
        limit = self.env.context.get("_import_limit")
        if limit:
            data = data[:limit]
        for index, fname in enumerate(fnames):
            field = model._fields.get(fname)
            if (
                not field
                or field.type != "many2one"
                or field.comodel_name not in EXACT_KEYS
                or not self._party_grid_cacheable(field, None)
            ):
                continue
            key_name = EXACT_KEYS[field.comodel_name]
            by_exact = {}
            for row in data:
                value = row[index] if index < len(row) else None
                exact = _exact_value(field.comodel_name, value)
                if exact is not None:
                    by_exact.setdefault(exact, set()).add(value)
            if not by_exact:
                continue
            records = self.env[field.comodel_name].search_fetch(
                [(key_name, "in", list(by_exact))], [key_name]
            )
            found = {}
            for record in records:
                found.setdefault(record[key_name], []).append(record.id)
            for exact, ids in found.items():
                if len(ids) != 1:
                    continue
                for value in by_exact.get(exact, ()):
                    cache[self._party_grid_cache_key(field, value)] = (
                        ids[0],
                        "name",
                        [],
                    )

    @api.model
    def _str_to_selection(self, model, field, value):
        """A selection cell of an import is matched once per distinct value
        (the labels and their translations are read for every row
        otherwise)."""
        cache = self.env.cr.cache.get(SELECTION_CACHE_KEY)
        if cache is None or not self.env.context.get("import_file"):
            return super()._str_to_selection(model, field, value)
        key = (
            model._name,
            field.name,
            self.env.context.get("lang"),
            tuple(self.env.context.get("import_skip_records") or ()),
            tuple(self.env.context.get("import_set_empty_fields") or ()),
            value,
        )
        if key not in cache:
            result = super()._str_to_selection(model, field, value)
            if result[1]:
                return result
            cache[key] = result
        return cache[key][0], []


class Base(models.AbstractModel):
    _inherit = "base"

    def load(self, fields, data):
        """The product's imports remember the references and selection values
        they resolve for the time of one ``load()`` (one batch), and resolve
        their grid and member columns in one query each before the rows are
        converted (see ``ir.fields.converter._party_grid_prefetch_ids``)."""
        if not (
            self._name.startswith("party.") and self.env.context.get("import_file")
        ):
            return super().load(fields, data)
        caches = self.env.cr.cache
        caches[CACHE_KEY], caches[SELECTION_CACHE_KEY] = {}, {}
        # the duty roll-up's rows that the rows' writes move are refreshed
        # once for the batch, not once per updated row
        caches[DUTY_DEFERRED] = deferred = {"keys": set(), "grids": set()}
        try:
            self.env["ir.fields.converter"]._party_grid_prefetch_ids(self, fields, data)
            result = super().load(fields, data)
            self.env["party.grid.duty.month"]._refresh_deferred(deferred)
            return result
        finally:
            caches.pop(CACHE_KEY, None)
            caches.pop(SELECTION_CACHE_KEY, None)
            caches.pop(DUTY_DEFERRED, None)
