/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The grid worker (李红梅) on a phone: she lands on 我的今日, opens her
// must-visit household (王秀兰户, an elderly woman living alone), taps
// 今日已走访 (visible, not in the ⚙ menu), takes a photo, saves the visit,
// reads the confirmation and the changed count, then claims the group's
// unclaimed ticket from the board. Run by party_grid/tests/test_tours.py at
// 375x667 with touch.

import {checkChinese} from "./party_grid_tour_utils";
import {registry} from "@web/core/registry";

const WIRE = "养殖场私拉电线存在安全隐患";
const ALONE = "王秀兰户";

function openMenu(xmlid) {
    return [
        {
            content: "open the app menu (phone)",
            trigger: ".o_main_navbar .o_menu_toggle",
            run: "click",
        },
        {
            content: `open the menu ${xmlid}`,
            trigger: `.o_app_menu_sidebar [data-menu-xmlid="${xmlid}"]`,
            run: "click",
        },
    ];
}

function checkChineseText(selector, screen) {
    // the whole text of a screen of the product's own (not only its labels)
    return {
        content: `no English on the screen: ${screen}`,
        trigger: selector,
        run() {
            const english = (document.querySelector(selector).innerText || "")
                .split(/\s+/)
                .filter((word) => /[A-Za-z]{3,}/.test(word));
            if (english.length) {
                throw new Error(`untranslated on ${screen}: ${english.join(" | ")}`);
            }
        },
    };
}

async function pickPhoto() {
    // what the phone's camera gives the input: a picture
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 64;
    const context = canvas.getContext("2d");
    context.fillStyle = "#c8102e";
    context.fillRect(0, 0, 64, 64);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const input = document.querySelector(".modal input.o_party_visit_camera_input");
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], "走访照片.png", {type: "image/png"}));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", {bubbles: true}));
}

async function claim() {
    // the claim button where the form shows it: in the header or its menu
    let button = document.querySelector('.o_form_view button[name="action_claim"]');
    if (!button || !button.offsetParent) {
        document
            .querySelector(".o_control_panel .o_cp_action_menus button:has(.fa-cog)")
            .click();
        await new Promise((resolve) => setTimeout(resolve, 500));
        button = document.querySelector('.o-dropdown--menu button[name="action_claim"]');
    }
    button.click();
}

registry.category("web_tour.tours").add("party_grid_worker_tour", {
    url: "/odoo",
    steps: () => [
        {
            content: "she lands on 我的今日",
            trigger: ".o_party_grid_today .o_party_grid_today_title:contains(我的今日)",
        },
        {
            content: "her must-visit household comes first",
            trigger: `.o_party_grid_today section[data-section=must_visit] .o_party_grid_today_item:first-child .o_party_grid_today_name:contains(${ALONE})`,
        },
        {
            content: "it has a tap-to-call link",
            trigger: `.o_party_grid_today section[data-section=must_visit] .o_party_grid_today_item:first-child a[href^="tel:"]`,
        },
        checkChineseText(".o_party_grid_today", "我的今日 (phone)"),
        {
            content: `open ${ALONE}`,
            trigger: `.o_party_grid_today section[data-section=must_visit] .o_party_grid_today_name:contains(${ALONE})`,
            run: "click",
        },
        {
            content: "the household form, not contacted yet this month",
            trigger: `.o_form_view .o_field_widget[name=name] input:value(${ALONE})`,
        },
        {
            content: "her contacts this month so far",
            trigger: ".o_form_view .o_field_widget[name=month_contact_count]",
            run() {
                window.partyGridContactsBefore = parseInt(
                    document.querySelector(
                        ".o_form_view .o_field_widget[name=month_contact_count]"
                    ).innerText,
                    10
                );
            },
        },
        checkChinese("household form (phone)"),
        {
            content: "今日已走访 is the first visible button of the form",
            trigger: ".o_form_view .o_form_sheet button:visible:first:contains(今日已走访)",
            run: "click",
        },
        {
            content: "the quick visit form, for this household",
            trigger: `.modal .o_field_widget[name=household_id] input:value(${ALONE})`,
        },
        {
            content: "the camera comes first",
            trigger: '.modal .o_party_visit_photos input.o_party_visit_camera_input[capture=environment][accept="image/*"]:not(:visible)',
        },
        checkChinese("quick visit form (phone)"),
        checkChineseText(".modal .o_party_visit_photos", "photos (phone)"),
        checkChineseText(".modal .o_party_visit_location", "place (phone)"),
        {
            content: "take a photo",
            trigger: ".modal .o_party_visit_camera",
            run: pickPhoto,
        },
        {
            content: "the photo is attached",
            trigger: ".modal .o_party_visit_photo img",
        },
        {
            content: "the people were seen",
            trigger: ".modal .o_field_widget[name=check_people] input",
            run: "click",
        },
        {
            content: "what was found",
            trigger: ".modal .o_field_widget[name=finding] textarea",
            run: "edit 老人身体尚好，冬季取暖煤已备足。",
        },
        {
            content: "保存走访",
            trigger: ".modal .modal-footer button:contains(保存走访)",
            run: "click",
        },
        {
            content: "the confirmation",
            trigger: `.o_notification:contains(走访已保存):contains(${ALONE})`,
        },
        checkChinese("the confirmation (phone)"),
        {
            content: "the dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "the household's count changed at once",
            trigger: ".o_form_view .o_field_widget[name=month_contact_count]",
            async run() {
                const expected = window.partyGridContactsBefore + 1;
                for (let i = 0; i < 50; i++) {
                    const field = document.querySelector(
                        ".o_form_view .o_field_widget[name=month_contact_count]"
                    );
                    if (field && parseInt(field.innerText, 10) === expected) {
                        return;
                    }
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                throw new Error(`the count did not become ${expected}`);
            },
        },
        ...openMenu("party_grid.party_ticket_menu"),
        {
            content: "the board",
            trigger: `.o_kanban_record:contains(${WIRE})`,
        },
        checkChinese("事项代办 board (phone)"),
        {
            content: "open the unclaimed ticket of the group",
            trigger: `.o_kanban_record:contains(${WIRE})`,
            run: "click",
        },
        {
            content: "the ticket form",
            trigger: `.o_form_view .o_field_widget[name=title] input:value(${WIRE})`,
        },
        checkChinese("ticket form (phone)"),
        {
            content: "claim the ticket",
            trigger: ".o_form_view .o_field_widget[name=title]",
            run: claim,
        },
        {
            content: "claimed: the stage is 已受理",
            trigger: ".o_form_view .o_field_widget[name=stage_id] .o_arrow_button_current:contains(已受理)",
        },
        {
            content: "the assignee is the worker",
            trigger: ".o_form_view .o_field_widget[name=user_id]:contains(李红梅)",
        },
    ],
});
