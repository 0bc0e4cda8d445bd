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

/**
 * A step that waits until the browser has the answer of the request to
 * ``path`` (a resource timing entry is added when the answer has arrived),
 * then a little more: the web client's next request of the landing is then
 * under way, so the test does not depend on how fast the browser is.
 */
function afterAnswer(path, content) {
    return {
        content,
        trigger: "body",
        run: async () => {
            const answered = () =>
                performance
                    .getEntriesByType("resource")
                    .some((entry) => entry.name.includes(path));
            while (!answered()) {
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            await new Promise((resolve) => setTimeout(resolve, 300));
        },
    };
}

// the start screen's server action (/web/action/run) is still running when
// he opens the app
registry.category("web_tour.tours").add("party_grid_landing_tour", {
    url: "/odoo",
    steps: () => [
        afterAnswer("/web/action/load", "the start screen's action is loaded"),
        ...openAppDuringLanding(),
    ],
});

// the start screen's server action has answered and the dashboard's code
// (the spreadsheet bundle) is loading when he opens the app
registry.category("web_tour.tours").add("party_grid_landing_bundle_tour", {
    url: "/odoo",
    steps: () => [
        afterAnswer("/web/action/run", "the start screen's server action has answered"),
        ...openAppDuringLanding(),
    ],
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
