# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The import of households (the template, through ``load()``) creates them by
thousands in one ``create()``: what the ORM does once per record there is
done once per batch where the result is the same for every record."""

import contextvars
import copy

from odoo import api, models
from odoo.fields import Command

# the defaults of the households of one create(), by the set of fields given
# (set by _prepare_create_values for an import, read by
# _add_missing_default_values); a context variable, not a context key, so
# that no client can set it
_BATCH_DEFAULTS = contextvars.ContextVar("party_grid_batch_defaults", default=None)
_UNKNOWN = object()


class PartyHousehold(models.Model):
    _inherit = "party.household"

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("import_file") and vals_list:
            # an empty tag column: no tags, as when the column is absent (the
            # relation is then not read and written back per household),
            # unless tags are given by default
            if "tag_ids" not in self.default_get(["tag_ids"]):
                for vals in vals_list:
                    if "tag_ids" in vals and not vals["tag_ids"]:
                        del vals["tag_ids"]
                given = self._party_grid_set_must_visit(vals_list)
                households = super().create(vals_list)
                # their flag was inserted with them: nothing left to compute
                self.env.remove_to_compute(
                    self._fields["must_visit"],
                    households.browse(
                        h.id
                        for h, vals in zip(households, vals_list, strict=True)
                        if id(vals) in given
                    ),
                )
                return households
        return super().create(vals_list)

    @api.model
    def _party_grid_set_must_visit(self, vals_list):
        """Give the households their “must visit” flag from the tags in their
        values (one read of the tags for the batch), instead of an UPDATE of
        every household after its INSERT. Any value sent for the flag itself
        is replaced; values whose tags are given otherwise than as a list of
        ids are left to the computation. Returns the ``id()`` of the values
        given their flag."""
        tag_ids = {}
        for vals in vals_list:
            ids = _linked_ids(vals.get("tag_ids") or [])
            if ids is not None:
                tag_ids[id(vals)] = ids
        # sudo: whether a tag requires visits is the same for every user
        must = (
            set(
                self.env["party.household.tag"]
                .sudo()
                .search(
                    [
                        ("id", "in", list(set().union(*tag_ids.values()))),
                        ("must_visit", "=", True),
                    ]
                )
                .ids
            )
            if any(tag_ids.values())
            else set()
        )
        for vals in vals_list:
            ids = tag_ids.get(id(vals))
            if ids is None:
                vals.pop("must_visit", None)
            else:
                vals["must_visit"] = not must.isdisjoint(ids)
        return set(tag_ids)

    def _prepare_create_values(self, vals_list):
        if not self.env.context.get("import_file") or len(vals_list) < 2:
            return super()._prepare_create_values(vals_list)
        token = _BATCH_DEFAULTS.set({})
        try:
            return super()._prepare_create_values(vals_list)
        finally:
            _BATCH_DEFAULTS.reset(token)

    @api.model
    def _add_missing_default_values(self, values):
        """In an import batch, the defaults are computed once per set of
        columns, instead of once per household, when two computations give
        the same values (no default differs from one record to the next)."""
        memo = _BATCH_DEFAULTS.get()
        if memo is None:
            return super()._add_missing_default_values(values)
        keys = frozenset(values)
        defaults = memo.get(keys, _UNKNOWN)
        if defaults is _UNKNOWN:
            first = super()._add_missing_default_values(dict(values))
            second = super()._add_missing_default_values(dict(values))
            memo[keys] = (
                {name: value for name, value in first.items() if name not in values}
                if first == second
                else None
            )
            return first
        if defaults is None:
            return super()._add_missing_default_values(values)
        completed = {
            name: value
            if isinstance(value, (str, int, float, bool, type(None)))
            else copy.deepcopy(value)
            for name, value in defaults.items()
        }
        completed.update(values)
        return completed


def _linked_ids(commands):
    """The tag ids that x2many ``commands`` give a new record, when they are
    only SET and LINK commands (as an import sends); else None."""
    ids = set()
    for command in commands:
        if not isinstance(command, (list, tuple)) or not command:
            return None
        if command[0] == Command.SET:
            ids = set(command[2])
        elif command[0] == Command.LINK:
            ids.add(command[1])
        else:
            return None
    return ids
