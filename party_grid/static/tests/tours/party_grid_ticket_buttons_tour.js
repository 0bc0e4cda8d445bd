/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The ticket's operation buttons as users meet them (party_grid/tests/
// test_ticket_buttons_tour.py):
// party_grid_ticket_phone_tour: 李红梅 on a phone sees the main operation
// (认领) on the form itself, not behind the cog, and the others in 更多….
// party_grid_ticket_assign_tour: 刘根波 on a desktop hands a ticket of his
// village down; the person picker offers only people who work there.

import {registry} from "@web/core/registry";

const BAR = ".o_form_view .o_party_ticket_operations";

registry.category("web_tour.tours").add("party_grid_ticket_phone_tour", {
    steps: () => [
        {
            content: "the main operation is on the form: 认领",
            trigger: `${BAR} button.btn-primary[name=action_claim]:contains(认领):visible`,
            run: "click",
        },
        {
            content: "claimed: the main operation is now 开始办理",
            trigger: `${BAR} button.btn-primary[name=action_start]:contains(开始办理):visible`,
        },
        {
            content: "no claim button any more",
            trigger: `${BAR}:not(:has(button[name=action_claim]:visible))`,
        },
        {
            content: "the other operations: 更多…",
            trigger: `${BAR} details > summary:contains(更多)`,
            run: "click",
        },
        {
            content: "交办 is in the menu",
            trigger: `${BAR} details[open] button:contains(交办):visible`,
        },
    ],
});

registry.category("web_tour.tours").add("party_grid_ticket_assign_tour", {
    steps: () => [
        {
            content: "the other operations: 更多…",
            trigger: ".o_form_view .o_statusbar_buttons details > summary:contains(更多)",
            run: "click",
        },
        {
            content: "交办, in the menu",
            trigger: ".o_form_view .o_statusbar_buttons details[open] button[name=action_open_wizard]:contains(交办):visible",
            run: "click",
        },
        {
            content: "the hint of a downward hand-over",
            trigger: ".modal .o_field_widget[name=target_grid_id] input[placeholder*='仍在本事项所在网格']",
        },
        {
            content: "the grid picker",
            trigger: ".modal .o_field_widget[name=target_grid_id] input",
            run: "click",
        },
        {
            content: "it offers the village and its groups only, not the township",
            trigger:
                ".o-autocomplete--dropdown-menu:has(a:contains(第一党小组))" +
                ":not(:has(.o-autocomplete--dropdown-item:not(.o_m2o_dropdown_option) a:not(:contains(张士军村))))",
        },
        {
            content: "第一党小组",
            trigger: ".o-autocomplete--dropdown-menu a:contains(第一党小组)",
            run: "click",
        },
        {
            content: "say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 请到现场查看路灯。",
        },
        {
            content: "the grid is chosen",
            trigger: ".modal .o_field_widget[name=target_grid_id] input:value(第一党小组)",
        },
        {
            content: "the person picker",
            trigger: ".modal .o_field_widget[name=target_user_id] input",
            run: "click",
        },
        {
            content: "it offers 李红梅 of the group, not the township's 赵志强",
            trigger: ".o-autocomplete--dropdown-menu:has(a:contains(李红梅)):not(:has(a:contains(赵志强)))",
        },
        {
            content: "李红梅",
            trigger: ".o-autocomplete--dropdown-menu a:contains(李红梅)",
            run: "click",
        },
        {
            content: "确认",
            trigger: ".modal .modal-footer button[name=action_confirm]:contains(确认)",
            run: "click",
        },
        {
            content: "the wizard is closed",
            trigger: "body:not(:has(.modal))",
        },
    ],
});
