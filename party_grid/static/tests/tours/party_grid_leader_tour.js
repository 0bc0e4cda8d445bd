/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The county leader (王建国) opens the ticket figures and sees numbers.

import {checkChinese, openApp, openTicketMenu} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("party_grid_leader_home_tour", {
    url: "/odoo",
    steps: () => [
        {
            // his start screen: the leader dashboard of party_grid_reports,
            // or the grid figures where that addon is not installed
            content: "he lands on his figures",
            trigger:
                ".o_spreadsheet_dashboard_action .o_search_panel:contains(党建网格领导看板), .o_kanban_view .o_kanban_record:contains(武邑县)",
        },
    ],
});

// (from inside the app: the dashboard he lands on loads for a while)
registry.category("web_tour.tours").add("party_grid_leader_tour", {
    url: "/odoo/action-party_grid.party_grid_action",
    steps: () => [
        ...openApp(),
        ...openTicketMenu("party_grid.party_ticket_report_menu", "统计"),
        {
            content: "the figures: 事项统计 as a pivot",
            trigger: '.o_control_panel .o_breadcrumb:contains(事项统计)',
        },
        {
            content: "the pivot has numbers",
            trigger: ".o_pivot .o_pivot_cell_value:not(:empty)",
        },
        checkChinese("事项统计 pivot"),
        {
            content: "the graph view",
            trigger: ".o_control_panel .o_switch_view.o_graph",
            run: "click",
        },
        {
            content: "the graph is drawn",
            trigger: ".o_graph_renderer canvas",
        },
    ],
});
