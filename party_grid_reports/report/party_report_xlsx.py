# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""XLSX renderers: lay the builders' tables out in the Chinese office layout —
title, unit and date, merged two-row headers, numbers as numbers, a totals row,
frozen header, A4 landscape with the header repeated on every page."""

from odoo import fields, models

HEADER_ROWS = 4  # title, unit/date line, two header rows
FONT = "SimSun"


class PartyReportTableXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.table_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Party Grid XLSX Table"

    def _get_objs_for_report(self, docids, data):
        return self.env["party.grid.report.wizard"].browse(docids or [])

    # the party.report.builder methods of this report, one sheet each, and
    # whether they take the wizard's period
    _builders = ()

    def _tables(self, wizard):
        """The tables of this report for ``wizard`` (one sheet each)."""
        builder = self.env["party.report.builder"]
        period = (wizard.date_from, wizard.date_to)
        return [
            getattr(builder, name)(wizard.grid_id.id, *(period if dated else ()))
            for name, dated in self._builders
        ]

    def generate_xlsx_report(self, workbook, data, objs):
        wizard = objs[:1]
        wizard.ensure_one()
        formats = self._formats(workbook)
        for table in self._tables(wizard):
            self._write_table(workbook, formats, table)

    def _formats(self, workbook):
        base = {"font_name": FONT, "font_size": 10, "valign": "vcenter"}
        cell = dict(base, border=1)

        def fmt(**kw):
            return workbook.add_format(dict(cell, **kw))

        return {
            "title": workbook.add_format(
                dict(base, bold=True, font_size=16, align="center")
            ),
            "meta": workbook.add_format(base),
            "meta_right": workbook.add_format(dict(base, align="right")),
            "header": fmt(
                bold=True, align="center", text_wrap=True, bg_color="#F2F2F2"
            ),
            "text": fmt(text_wrap=True),
            "int": fmt(num_format="0", align="right"),
            "rate": fmt(num_format="0.0", align="right"),
            "float": fmt(num_format="0.0", align="right"),
            "points": fmt(num_format="0.00", align="right"),
            "total_text": fmt(bold=True, align="center"),
            "total_int": fmt(bold=True, num_format="0", align="right"),
            "total_rate": fmt(bold=True, num_format="0.0", align="right"),
            "total_float": fmt(bold=True, num_format="0.0", align="right"),
            "total_points": fmt(bold=True, num_format="0.00", align="right"),
        }

    def _write_table(self, workbook, formats, table):
        sheet = workbook.add_worksheet(table["sheet"])
        columns = table["columns"]
        last = len(columns) - 1
        sheet.merge_range(0, 0, 0, last, table["title"], formats["title"])
        sheet.set_row(0, 30)
        sheet.write(1, 0, table["unit"], formats["meta"])
        if table.get("period") and last >= 4:
            sheet.write(1, last // 2, table["period"], formats["meta"])
        sheet.write(1, last, table["date"], formats["meta_right"])
        # two header rows: a group spans its columns, a lone column both rows
        col = 0
        while col <= last:
            group = columns[col]["group"]
            if group:
                end = col
                while end < last and columns[end + 1]["group"] == group:
                    end += 1
                if end > col:
                    sheet.merge_range(2, col, 2, end, group, formats["header"])
                else:
                    sheet.write(2, col, group, formats["header"])
                for sub in range(col, end + 1):
                    sheet.write(3, sub, columns[sub]["label"], formats["header"])
                col = end + 1
            else:
                sheet.merge_range(
                    2, col, 3, col, columns[col]["label"], formats["header"]
                )
                col += 1
        sheet.set_row(3, 30)
        row = HEADER_ROWS
        for values in table["rows"]:
            self._write_values(sheet, row, columns, values, formats, "")
            row += 1
        if table.get("totals"):
            self._write_values(sheet, row, columns, table["totals"], formats, "total_")
            row += 1
        for index, spec in enumerate(columns):
            sheet.set_column(index, index, spec["width"])
        sheet.freeze_panes(HEADER_ROWS, 1)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.center_horizontally()
        sheet.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        sheet.repeat_rows(2, 3)
        sheet.fit_to_pages(1, 0)
        sheet.set_footer(
            "&L"
            + self.env._("Generated on %(date)s", date=fields.Date.context_today(self))
            + "&R&P / &N"
        )

    def _write_values(self, sheet, row, columns, values, formats, prefix):
        for col, (spec, value) in enumerate(zip(columns, values, strict=True)):
            kind = spec["kind"]
            if isinstance(value, int | float) and not isinstance(value, bool):
                key = kind if kind != "text" else "int"
                sheet.write_number(row, col, value, formats[prefix + key])
            else:
                sheet.write_string(row, col, str(value or ""), formats[prefix + "text"])


class PartyReportStatisticsXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.statistics_xlsx"
    _inherit = "report.party_grid_reports.table_xlsx"
    _description = "Party Grid Statistics XLSX"
    _builders = (("build_statistics", True),)


class PartyReportContactRosterXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.contact_roster_xlsx"
    _inherit = "report.party_grid_reports.table_xlsx"
    _description = "Party Grid Contact Rosters XLSX"
    _builders = (
        ("build_group_roster", False),
        ("build_central_roster", False),
        ("build_member_roster_links", False),
    )


class PartyReportRosterXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.roster_xlsx"
    _inherit = "report.party_grid_reports.table_xlsx"
    _description = "Party Grid Member and Grid Rosters XLSX"
    _builders = (
        ("build_member_roster", False),
        ("build_grid_roster", False),
    )


class PartyReportDutyXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.duty_xlsx"
    _inherit = "report.party_grid_reports.table_xlsx"
    _description = "Party Grid Contact Duty XLSX"
    _builders = (("build_duty", True),)


class PartyReportTicketXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.ticket_xlsx"
    _inherit = "report.party_grid_reports.table_xlsx"
    _description = "Party Grid Ticket Statistics XLSX"
    _builders = (("build_tickets", True),)


class PartyReportPointsXlsx(models.AbstractModel):
    _name = "report.party_grid_reports.points_xlsx"
    _inherit = "report.party_grid_reports.table_xlsx"
    _description = "Party Grid Points Ranking XLSX"

    def _tables(self, wizard):
        return [
            self.env["party.report.builder"].build_points(
                wizard.grid_id.id, wizard.score_period_id.id
            )
        ]
