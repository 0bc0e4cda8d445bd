/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The grid worker (李红梅) on a phone: logs today's visit of a household of
// her group, then claims the group's unclaimed ticket. Run by
// party_grid/tests/test_tours.py at 375x667 with touch.

import {checkChinese} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

const WIRE = "养殖场私拉电线存在安全隐患";

function openMenu(xmlid) {
    return [
        {
            content: "open the app menu (phone)",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: `open the menu ${xmlid}`,
            trigger: `.o_app_menu_sidebar [data-menu-xmlid="${xmlid}"]`,
            run: "click",
        },
    ];
}

function headerButton(name) {
    // On a phone the form's header buttons are in the control panel's cog menu
    return [
        {
            content: "open the form's actions (phone)",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: `click the header button ${name}`,
            trigger: `.o-dropdown--menu button[name="${name}"]`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("party_grid_worker_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "open the app menu (phone)",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: "all apps",
            trigger: ".o_app_menu_sidebar .o_sidebar_topbar a.btn-primary",
            run: "click",
        },
        {
            content: "open 党建网格",
            trigger:
                '.o_app_menu_sidebar .o_app[data-menu-xmlid="party_grid.party_grid_menu_root"]:contains(党建网格)',
            run: "click",
        },
        {
            content: "the app is open",
            trigger: ".o_action_manager .o_view_controller",
        },
        ...openMenu("party_grid.party_household_menu"),
        {
            content: "the households list",
            trigger: ".o_view_controller .o_data_row .o_data_cell:contains(张士军村养殖场)",
        },
        checkChinese("住户与对象 list (phone)"),
        {
            content: "open 张士军村养殖场 in the households list",
            trigger: ".o_view_controller .o_data_row .o_data_cell:contains(张士军村养殖场)",
            run: "click",
        },
        {
            content: "the household form",
            trigger: ".o_form_view .o_field_widget[name=grid_id] input:value(第一党小组)",
        },
        checkChinese("household form (phone)"),
        {
            content: "open the form's actions (phone)",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        checkChinese("household form, actions menu (phone)"),
        {
            content: "今日已走访",
            trigger: '.o-dropdown--menu button[name="action_log_visit"]',
            run: "click",
        },
        {
            content: "the quick visit form, for this household",
            trigger: ".modal .o_field_widget[name=household_id] input:value(张士军村养殖场)",
        },
        checkChinese("quick visit form (phone)"),
        {
            content: "the people were seen",
            trigger: ".modal .o_field_widget[name=check_people] input",
            run: "click",
        },
        {
            content: "what was found",
            trigger: ".modal .o_field_widget[name=finding] textarea",
            run: "edit 养殖场电线老化，已提醒户主请电工检查。",
        },
        {
            content: "保存走访",
            trigger: ".modal .modal-footer button:contains(保存走访)",
            run: "click",
        },
        {
            content: "the visit is saved",
            trigger: "body:not(:has(.modal))",
        },
        ...openMenu("party_grid.party_ticket_menu"),
        {
            content: "the board",
            trigger: `.o_kanban_record:contains(${WIRE})`,
        },
        checkChinese("事项代办 board (phone)"),
        {
            content: "open the unclaimed ticket of the group",
            trigger: `.o_kanban_record:contains(${WIRE})`,
            run: "click",
        },
        {
            content: "the ticket form",
            trigger: `.o_form_view .o_field_widget[name=title] input:value(${WIRE})`,
        },
        checkChinese("ticket form (phone)"),
        ...headerButton("action_claim"),
        {
            content: "claimed: the stage is 已受理",
            trigger: ".o_form_view .o_field_widget[name=stage_id] .o_arrow_button_current:contains(已受理)",
        },
        {
            content: "the assignee is the worker",
            trigger: ".o_form_view .o_field_widget[name=user_id]:contains(李红梅)",
        },
    ],
});
