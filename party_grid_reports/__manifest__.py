# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Party Grid Reports",
    "summary": "党建网格领导报表：统计分析、Excel 花名册与统计表、公示牌与联系卡",
    "version": "18.0.1.1.0",
    "development_status": "Alpha",
    "category": "Services/Party Grid",
    "website": "https://github.com/party-grid/party_grid",
    "author": "party_grid developers",
    "license": "AGPL-3",
    "depends": [
        "party_grid",
        "party_grid_scoring",
        "party_grid_organisation",
        "report_xlsx",
        "spreadsheet_dashboard",
    ],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/ir.model.access.csv",
        "report/party_report_xlsx.xml",
        "report/party_report_pdf.xml",
        "report/party_report_templates.xml",
        "wizards/party_grid_report_wizard_views.xml",
        "views/party_report_dashboard_views.xml",
        "data/party_leader_dashboard_data.xml",
    ],
    "assets": {
        "web.assets_backend": ["party_grid_reports/static/src/**/*"],
        "web.assets_tests": ["party_grid_reports/static/tests/tours/**/*"],
    },
}
