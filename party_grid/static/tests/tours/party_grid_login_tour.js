/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// Through the real login page: the county leader (王建国) types his login
// and password and lands in the web client, in Chinese, with 党建网格.

import {checkChinese, openApp} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("party_grid_login_tour", {
    url: "/web/login",
    steps: () => [
        {
            content: "the login",
            trigger: ".oe_login_form input[name=login]",
            run: "edit leader",
        },
        {
            content: "the password",
            trigger: ".oe_login_form input[name=password]",
            run: "edit leader",
        },
        {
            content: "log in",
            trigger: ".oe_login_form button[type=submit]",
            run: "click",
        },
        {
            content: "the web client, as 王建国",
            trigger: ".o_main_navbar .o_user_menu img[alt]",
            timeout: 20000,
        },
        ...openApp(),
        checkChinese("党建网格 after logging in"),
    ],
});
