# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Grid Scoring",
    "summary": "党员积分制管理：月度积分、星级评定与排名公示",
    "version": "18.0.1.1.0",
    "development_status": "Alpha",
    "category": "Services/Party Grid",
    "website": "https://github.com/party-grid/party_grid",
    "author": "party_grid developers",
    "license": "LGPL-3",
    "depends": ["party_grid"],
    "data": [
        "security/party_score_security.xml",
        "security/ir.model.access.csv",
        "data/party_score_category_data.xml",
        "data/ir_cron_data.xml",
        "views/party_score_scheme_views.xml",
        "views/party_score_period_views.xml",
        "views/party_score_line_views.xml",
        "views/party_score_report_views.xml",
        "views/party_score_objection_views.xml",
        "views/party_score_evaluation_views.xml",
        "wizards/party_score_wizard_views.xml",
        "views/party_score_menus.xml",
    ],
    "demo": ["demo/party_score_demo.xml"],
}
