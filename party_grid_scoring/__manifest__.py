# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Party Grid Scoring",
    "summary": "党员积分制管理：月度积分、星级评定与排名公示",
    "version": "18.0.1.0.0",
    "development_status": "Alpha",
    "category": "Services/Party Grid",
    "website": "https://github.com/party-grid/party_grid",
    "author": "party_grid developers",
    "license": "LGPL-3",
    "depends": ["party_grid"],
}
