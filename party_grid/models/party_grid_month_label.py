# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Months grouped on the product's screens read 2026年12月 in Chinese, not
"十二月 2026" (the pattern 'MMMM yyyy' the ORM formats group labels with is a
Western one); quarters read 2026年第4季度. Other languages keep the ORM's."""

from datetime import date, datetime

from odoo import models


class PartyGridMonthLabelMixin(models.AbstractModel):
    _name = "party.grid.month.label.mixin"
    _description = "Chinese Month Labels of Grouped Dates"

    def _read_group_format_result(self, rows_dict, lazy_groupby):
        if not (self.env.lang or "").startswith("zh"):
            return super()._read_group_format_result(rows_dict, lazy_groupby)
        relabel = []
        for group in lazy_groupby:
            fname = group.split(":")[0].split(".")[0]
            granularity = group.split(":")[1] if ":" in group else "month"
            field = self._fields.get(fname)
            if (
                field is not None
                and field.type in ("date", "datetime")
                and granularity in ("month", "quarter")
            ):
                relabel.append((group, granularity))
        values = [
            {group: row.get(group) for group, _granularity in relabel}
            for row in rows_dict
        ]
        super()._read_group_format_result(rows_dict, lazy_groupby)
        for row, before in zip(rows_dict, values, strict=True):
            for group, granularity in relabel:
                value = before[group]
                if not isinstance(value, (date, datetime)):
                    continue
                if granularity == "month":
                    row[group] = f"{value.year}年{value.month}月"
                else:
                    row[group] = f"{value.year}年第{(value.month - 1) // 3 + 1}季度"


class PartyVisit(models.Model):
    _name = "party.visit"
    _inherit = ["party.visit", "party.grid.month.label.mixin"]


class PartyActivity(models.Model):
    _name = "party.activity"
    _inherit = ["party.activity", "party.grid.month.label.mixin"]


class PartyActivityAttendance(models.Model):
    _name = "party.activity.attendance"
    _inherit = ["party.activity.attendance", "party.grid.month.label.mixin"]


class PartyTicket(models.Model):
    _name = "party.ticket"
    _inherit = ["party.ticket", "party.grid.month.label.mixin"]


class PartyTicketLog(models.Model):
    _name = "party.ticket.log"
    _inherit = ["party.ticket.log", "party.grid.month.label.mixin"]
