# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Grid Outreach",
    "summary": "三级微信塔群、流动党员联系与学习资料推送：网格群、通知回复、送学到人",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Services/Party Grid",
    "website": "https://github.com/party-grid/party_grid",
    "author": "party_grid developers",
    "license": "LGPL-3",
    "depends": ["party_grid", "mail"],
    "data": [
        "security/party_outreach_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/mail_template_data.xml",
        "views/party_grid_level_views.xml",
        "views/discuss_channel_views.xml",
        "views/party_grid_views.xml",
        "views/party_member_views.xml",
        "views/party_activity_views.xml",
        "views/party_notice_views.xml",
        "views/party_notice_recipient_views.xml",
        "views/party_outreach_menus.xml",
    ],
    "demo": ["demo/party_outreach_demo.xml"],
}
