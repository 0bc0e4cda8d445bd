# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

CARDS_PER_PAGE = 6  # two columns of three, to cut


class PartyReportPdf(models.AbstractModel):
    """The values of a QWeb PDF: the printed records and the rows its
    ``party.report.builder`` method computes for them."""

    _name = "report.party_grid_reports.pdf"
    _description = "Party Grid PDF Report Values"
    _docs_model = "party.grid"
    _builder = None  # the party.report.builder method
    _rows_key = None  # the name the template reads the rows under

    @api.model
    def _rows(self, docids):
        return getattr(self.env["party.report.builder"], self._builder)(docids)

    @api.model
    def _get_report_values(self, docids, data=None):
        return {
            "doc_ids": docids,
            "docs": self.env[self._docs_model].browse(docids),
            self._rows_key: self._rows(docids),
        }


class PartyReportNoticeBoard(models.AbstractModel):
    _name = "report.party_grid_reports.report_notice_board"
    _inherit = "report.party_grid_reports.pdf"
    _description = "Grid Notice Board"
    _builder = "build_notice_boards"
    _rows_key = "boards"


class PartyReportNoticeBoardA3(models.AbstractModel):
    """The same board on A3: its own report name, so that the web client's
    /report/pdf/<report_name> route finds the A3 action and paper format."""

    _name = "report.party_grid_reports.report_notice_board_a3"
    _inherit = "report.party_grid_reports.report_notice_board"
    _description = "Grid Notice Board (A3)"


class PartyReportContactCard(models.AbstractModel):
    _name = "report.party_grid_reports.report_contact_card"
    _inherit = "report.party_grid_reports.pdf"
    _description = "Household Contact Cards"
    _builder = "build_contact_cards"
    _rows_key = "pages"

    @api.model
    def _rows(self, docids):
        cards = self.env["party.report.builder"].build_contact_cards(docids)
        return [
            cards[i : i + CARDS_PER_PAGE] for i in range(0, len(cards), CARDS_PER_PAGE)
        ]


class PartyReportCentralSign(models.AbstractModel):
    _name = "report.party_grid_reports.report_central_sign"
    _inherit = "report.party_grid_reports.pdf"
    _description = "Central Household Sign"
    _docs_model = "party.member"
    _builder = "build_central_signs"
    _rows_key = "signs"


class PartyReportFlowChart(models.AbstractModel):
    _name = "report.party_grid_reports.report_flow_chart"
    _inherit = "report.party_grid_reports.pdf"
    _description = "Grid Service Flow Chart"
    _builder = "build_flow_charts"
    _rows_key = "charts"
