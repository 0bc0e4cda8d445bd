/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
// The county leader (王建国) does not wait for his start screen, the leader
// dashboard, to finish loading: he opens the 党建网格 app at once. The
// test (tests/test_landing_tour.py) slows the landing down on the server;
// the app he chose must stay on the screen once the landing has finished.

import {openApp} from "@party_grid/../tests/tours/party_grid_tour_utils";
import {registry} from "@web/core/registry";

// longer than the test's slowdown of the landing
const LANDING_WAIT = 7000;

function openAppDuringLanding() {
    return [
        // at once, while the dashboard is loading
        ...openApp(),
        {
            content: "the app's first screen is shown",
            trigger: ".o_action_manager > .o_action:not(.o_spreadsheet_dashboard_action)",
        },
        {
            content: "wait until the slowed-down landing has finished",
            trigger: "body",
            run: () => new Promise((resolve) => setTimeout(resolve, LANDING_WAIT)),
        },
        {
            content: "the app's screen is still shown, not the dashboard",
            trigger:
                "body:not(:has(.o_spreadsheet_dashboard_action)) .o_action_manager > .o_action",
        },
        {
            content: "and the app is still the current one",
            trigger: ".o_main_navbar .o_menu_brand:contains(党建网格)",
        },
    ];
}

registry.category("web_tour.tours").add("party_grid_landing_tour", {
    url: "/odoo",
    steps: () => openAppDuringLanding(),
});

// the dashboard is on the screen, its figures still loading
registry.category("web_tour.tours").add("party_grid_landing_figures_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "the dashboard is on the screen",
            trigger: ".o_spreadsheet_dashboard_action",
        },
        ...openAppDuringLanding(),
    ],
});
