/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The start screen of a role (我的今日 of a grid worker, 待我处理 of a grid
// head): the sections the server computes in one call (party.grid.today),
// phone first. A tap opens the entry; "全部" opens the list behind a section.

import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {standardActionServiceProps} from "@web/webclient/actions/action_service";
import {useService} from "@web/core/utils/hooks";

export class PartyGridToday extends Component {
    static template = "party_grid.Today";
    static props = {...standardActionServiceProps};

    setup() {
        this.orm = useService("orm");
        this.actionService = useService("action");
        this.state = useState({screen: null});
        onWillStart(() => this.load());
    }

    get screenName() {
        return (this.props.action.params && this.props.action.params.screen) || "worker";
    }

    async load() {
        this.state.screen = await this.orm.call("party.grid.today", "get_screen", [
            this.screenName,
        ]);
    }

    openItem(item) {
        if (item.domain) {
            return this.openList({model: item.model, domain: item.domain, title: item.name});
        }
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            res_model: item.model,
            res_id: item.id,
            views: [[false, "form"]],
            target: "current",
        });
    }

    openList(section) {
        return this.actionService.doAction({
            type: "ir.actions.act_window",
            name: section.title,
            res_model: section.model,
            domain: section.domain,
            views: [
                [false, "kanban"],
                [false, "list"],
                [false, "form"],
            ],
            target: "current",
        });
    }

    get showAllLabel() {
        return _t("Show all");
    }
}

registry.category("actions").add("party_grid_today", PartyGridToday);
