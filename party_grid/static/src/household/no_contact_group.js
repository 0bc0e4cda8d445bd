/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// Households grouped by contact member: the group of those without one is
// 无联系党员 (not the generic "None"), in the list and on the cards.

import {_t} from "@web/core/l10n/translation";
import {KanbanHeader} from "@web/views/kanban/kanban_header";
import {ListRenderer} from "@web/views/list/list_renderer";
import {patch} from "@web/core/utils/patch";

function isNoContactGroup(group) {
    return (
        group &&
        group.resModel === "party.household" &&
        group.groupByField &&
        group.groupByField.name === "contact_member_id" &&
        !group.value
    );
}

patch(ListRenderer.prototype, {
    getGroupDisplayName(group) {
        if (isNoContactGroup(group)) {
            return _t("No Contact Member");
        }
        return super.getGroupDisplayName(group);
    },
});

patch(KanbanHeader.prototype, {
    _getEmptyGroupLabel(fieldName) {
        if (isNoContactGroup(this.group)) {
            return _t("No Contact Member");
        }
        return super._getEmptyGroupLabel(fieldName);
    },
});
