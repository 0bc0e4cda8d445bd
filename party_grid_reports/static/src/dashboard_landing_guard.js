/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl). */
// The leader dashboard (the start screen of township and county users) must
// not take the screen back from an action the user asked for while it was
// still loading.
//
// Odoo 18's action service keeps only the last action asked for (KeepLast),
// but not across a client action that is a function: the spreadsheet
// dashboard's action is a lazy loader (spreadsheet's
// addSpreadsheetActionLazyLoader) that awaits the spreadsheet bundle, then
// returns the action to be done again, and that second doAction is by then
// the newest request: it replaces the menu the user opened meanwhile. Here
// the requests made to the action service are counted, and the lazily loaded
// dashboard is dropped when another request came while its bundle loaded.

import "@spreadsheet_dashboard/assets/dashboard_action_loader";
import {actionService} from "@web/webclient/actions/action_service";
import {patch} from "@web/core/utils/patch";
import {registry} from "@web/core/registry";

const actionRegistry = registry.category("actions");
const DASHBOARD_TAG = "action_spreadsheet_dashboard";
// the entry points of the action service that start a new action (each of
// them supersedes the pending one in the service's KeepLast)
const REQUESTS = ["doAction", "doActionButton", "switchView", "restore", "loadState"];

let requestCount = 0;

patch(actionService, {
    start() {
        const manager = super.start(...arguments);
        for (const name of REQUESTS) {
            const method = manager[name];
            manager[name] = function () {
                requestCount++;
                return method.apply(this, arguments);
            };
        }
        return manager;
    },
});

const lazyLoader = actionRegistry.get(DASHBOARD_TAG, null);
if (typeof lazyLoader === "function" && !lazyLoader.prototype) {
    const guardedLoader = async (env, action) => {
        const request = requestCount;
        const next = await lazyLoader(env, action);
        if (actionRegistry.get(DASHBOARD_TAG) === guardedLoader) {
            // the bundle did not register the dashboard: the loader, which
            // looks for itself in the registry, reports it on the next try
            actionRegistry.add(DASHBOARD_TAG, lazyLoader, {force: true});
        }
        if (requestCount !== request) {
            // another action was asked for meanwhile: it is the one to show
            return;
        }
        return next;
    };
    for (const key of ["path", "displayName"]) {
        if (lazyLoader[key]) {
            guardedLoader[key] = lazyLoader[key];
        }
    }
    actionRegistry.add(DASHBOARD_TAG, guardedLoader, {force: true});
}
