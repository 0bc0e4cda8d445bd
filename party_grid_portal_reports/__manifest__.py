# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Party Grid Portal Reports",
    "summary": "民情联系卡和公示牌印上网格的群众诉求二维码：扫码反映诉求",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Services/Party Grid",
    "website": "https://github.com/party-grid/party_grid",
    "author": "party_grid developers",
    # AGPL: it depends on party_grid_reports (AGPL, through OCA report_xlsx)
    "license": "AGPL-3",
    "depends": ["party_grid_portal", "party_grid_reports"],
    "data": ["report/party_report_templates.xml"],
    "auto_install": True,
}
