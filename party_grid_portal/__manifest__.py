# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Grid Portal",
    "summary": "群众诉求网上通道：扫网格二维码提交诉求、查看办理进度、评价满意度",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Services/Party Grid",
    "website": "https://github.com/party-grid/party_grid",
    "author": "party_grid developers",
    "license": "LGPL-3",
    "depends": ["party_grid", "portal", "rating"],
    "data": [
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "report/party_grid_qr_report.xml",
        "wizards/party_ticket_reply_wizard_views.xml",
        "views/party_grid_views.xml",
        "views/party_ticket_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/party_grid_demo.xml"],
    "assets": {
        "web.assets_frontend": ["party_grid_portal/static/src/scss/*.scss"],
        "web.assets_tests": ["party_grid_portal/static/tests/tours/**/*"],
    },
    "post_init_hook": "post_init_hook",
}
