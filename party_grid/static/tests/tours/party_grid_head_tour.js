/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The village head (刘根波, 张士军村) claims a ticket his group reported to
// the village and reports it on to the township. The test reports it to the
// village first (party_grid/tests/test_tours.py).

import {checkChinese, openApp, openTicket, operation} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

const TITLE = "村东路灯不亮";

registry.category("web_tour.tours").add("party_grid_head_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openTicket(TITLE),
        {
            content: "the ticket is with the village",
            trigger: ".o_form_view .o_field_widget[name=grid_id]:contains(张士军村)",
        },
        checkChinese("ticket form"),
        {
            content: "认领",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_claim]:contains(认领)",
            run: "click",
        },
        {
            content: "claimed by the head",
            trigger: ".o_form_view .o_field_widget[name=user_id]:contains(刘根波)",
        },
        ...operation("上报", "路灯线路需整体更换，村里无力解决，上报镇党委协调。", () => [
            checkChinese("上报 wizard"),
        ]),
        {
            content: "the ticket is with the township now",
            trigger: ".o_form_view .o_field_widget[name=grid_id]:contains(赵桥镇)",
        },
    ],
});
