# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

# in place of a name column: the record's id on its main line, nothing on
# the lines of its one2many values, so the main lines are found again
_MARK = [".id"]


class PartyGridExportMixin(models.AbstractModel):
    """What a user sees in a list, they can export.

    A list shows the name of a many2one as the web client reads it: as
    superuser (``Many2one.convert_to_read``), because seeing a record's link
    does not need read access to the linked record. The export reads that
    name with the user's rights, so a grid worker exporting the households
    of her party group with their contact member (a member of the village
    grid above, whom the record rules do not let her read) was refused.
    Here the names of many2one columns exported as names are the names the
    list shows; every other column, and the records exported, stay under the
    user's rights."""

    _name = "party.grid.export.mixin"
    _description = "Export of What the List Shows"

    @api.model
    def _party_grid_name_columns(self, fields):
        """Indexes of the columns that export a many2one as its name."""
        columns = []
        for index, path in enumerate(fields):
            if (
                not path
                or len(path) > 2
                or (len(path) == 2 and path[1] != "display_name")
            ):
                continue
            field = self._fields.get(path[0])
            if field is not None and field.type == "many2one":
                columns.append(index)
        return columns

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        if self.env.su or not _is_toplevel_call:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        columns = self._party_grid_name_columns(fields)
        if not columns:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        # the user may read these fields of the exported records
        fnames = {fields[index][0] for index in columns}
        self.check_field_access_rights("read", list(fnames))
        self.fetch(list(fnames))
        others = [
            _MARK if index in columns else path for index, path in enumerate(fields)
        ]
        lines = super()._export_rows(others, _is_toplevel_call=True)
        by_id = {record.id: record for record in self}
        for line in lines:
            mark = line[columns[0]]
            record = by_id.get(int(mark)) if mark else None
            for index in columns:
                line[index] = ""
            if record is None:
                continue
            for index in columns:
                value = record[fields[index][0]]
                # sudo: the name as the list shows it (see the class doc)
                line[index] = value.sudo().display_name if value else ""
        return lines
