/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The party-building instructor (张晓燕) reads the grids assigned to her: a
// household, the contact duty report and a ticket.

import {checkChinese, figuresLanded, openApp, openSection, openTicket} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("party_grid_instructor_tour", {
    url: "/odoo",
    steps: () => [
        ...figuresLanded(),
        ...openApp(),
        ...openSection("party_grid.party_household_menu", "住户与对象"),
        {
            content: "open 张士军村养殖场 in the households list",
            trigger: ".o_list_view .o_data_row .o_data_cell:contains(张士军村养殖场)",
            run: "click",
        },
        {
            content: "the household form",
            trigger: ".o_form_view .o_field_widget[name=grid_id] :contains(第一党小组), .o_form_view .o_field_widget[name=grid_id] input:value(第一党小组)",
        },
        checkChinese("household form"),
        ...openSection(
            "party_grid.party_visit_duty_report_menu",
            "联系户走访统计",
            "party_grid.party_visit_menu_root"
        ),
        {
            content: "the contact duty report has numbers",
            trigger: ".o_pivot .o_pivot_cell_value:not(:empty)",
        },
        checkChinese("contact duty report"),
        ...openTicket("村东路灯不亮"),
        checkChinese("ticket form"),
    ],
});
