/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The joint office (孙海涛, 武邑县交通运输局交管股) and a ticket the village
// handed to it (the test hands it over first, party_grid/tests/test_tours.py).
//
// party_grid_office_tour: the office finds the ticket on its board.
// party_grid_office_give_back_tour: it opens the ticket and gives it back
// (办毕交回) with what was done. Today the ticket form fails for office users
// (访问错误: the form shows the ticket's visits, party.visit, which the office
// group may not read), so the test of this tour is skipped until then.

import {checkChinese, openApp, openTicket, openTicketMenu, operation} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

const TITLE = "郭普恩家孩子住院医疗费困难";

registry.category("web_tour.tours").add("party_grid_office_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openTicketMenu("party_grid.party_ticket_menu", "看板"),
        {
            content: "the ticket is on the office's board, with the office named",
            trigger: `.o_kanban_view .o_kanban_record:contains(${TITLE}):contains(交管股)`,
        },
        checkChinese("事项代办 board of the office"),
    ],
});

registry.category("web_tour.tours").add("party_grid_office_give_back_tour", {
    url: "/odoo",
    steps: () => [
        ...openApp(),
        ...openTicket(TITLE),
        {
            content: "the ticket is with the office",
            trigger: ".o_form_view .o_field_widget[name=office_id]:contains(交管股)",
        },
        ...operation("办毕交回", "已协调县民政局临时救助资金，款项已拨付到户。"),
        {
            content: "back on the board (the ticket has left the office), no error",
            trigger: ".o_kanban_view:not(:has(.o_kanban_record:contains(" + TITLE + ")))",
        },
        {
            content: "no access error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ],
});
