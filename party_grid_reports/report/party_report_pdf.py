# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PartyReportNoticeBoard(models.AbstractModel):
    _name = "report.party_grid_reports.report_notice_board"
    _description = "Grid Notice Board"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "docs": self.env["party.grid"].browse(docids),
            "boards": self.env["party.report.builder"].build_notice_boards(docids),
        }


class PartyReportNoticeBoardA3(models.AbstractModel):
    """The same board on A3: its own report name, so that the web client's
    /report/pdf/<report_name> route finds the A3 action and paper format."""

    _name = "report.party_grid_reports.report_notice_board_a3"
    _inherit = "report.party_grid_reports.report_notice_board"
    _description = "Grid Notice Board (A3)"


class PartyReportContactCard(models.AbstractModel):
    _name = "report.party_grid_reports.report_contact_card"
    _description = "Household Contact Cards"

    @api.model
    def _get_report_values(self, docids, data=None):
        cards = self.env["party.report.builder"].build_contact_cards(docids)
        return {
            "doc_ids": docids,
            "docs": self.env["party.grid"].browse(docids),
            # six cards a page, to cut
            "pages": [cards[i : i + 6] for i in range(0, len(cards), 6)],
        }


class PartyReportCentralSign(models.AbstractModel):
    _name = "report.party_grid_reports.report_central_sign"
    _description = "Central Household Sign"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "docs": self.env["party.member"].browse(docids),
            "signs": self.env["party.report.builder"].build_central_signs(docids),
        }


class PartyReportFlowChart(models.AbstractModel):
    _name = "report.party_grid_reports.report_flow_chart"
    _description = "Grid Service Flow Chart"

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "docs": self.env["party.grid"].browse(docids),
            "charts": self.env["party.report.builder"].build_flow_charts(docids),
        }
