/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The township officer (赵志强, 赵桥镇) claims a ticket the village reported
// to the township and hands it to the county traffic office (转联办部门).
// The test reports it up to the township first (party_grid/tests/test_tours.py).

import {checkChinese, figuresLanded, moreMenu, openApp, openTicket} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

const TITLE = "村东路灯不亮";

registry.category("web_tour.tours").add("party_grid_township_tour", {
    url: "/odoo",
    steps: () => [
        ...figuresLanded(),
        ...openApp(),
        ...openTicket(TITLE),
        {
            content: "the ticket is with the township",
            trigger: ".o_form_view .o_field_widget[name=grid_id]:contains(赵桥镇)",
        },
        {
            content: "认领",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_claim]:contains(认领)",
            run: "click",
        },
        {
            content: "claimed by the township officer",
            trigger: ".o_form_view .o_field_widget[name=user_id]:contains(赵志强)",
        },
        ...moreMenu("转联办部门"),
        {
            content: "转联办部门",
            trigger:
                ".o_form_view .o_statusbar_buttons button[name=action_open_wizard]:contains(转联办部门):visible",
            run: "click",
        },
        {
            content: "choose the office",
            trigger: ".modal .o_field_widget[name=office_id] input",
            run: "edit 交管股",
        },
        {
            content: "武邑县交通运输局交管股",
            trigger: ".modal .o-autocomplete--dropdown-item a:contains(武邑县交通运输局交管股)",
            run: "click",
        },
        checkChinese("转联办部门 wizard"),
        {
            content: "say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit 路灯线路改造需县里统一安排，转县交管部门联办。",
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
        {
            content: "the ticket is with the office",
            trigger: ".o_form_view .o_field_widget[name=office_id]:contains(交管股)",
        },
    ],
});
