/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// Steps shared by the role tours (desktop size).

export function figuresLanded() {
    // township and county land on their figures: the leader dashboard of
    // party_grid_reports (or the grid figures without it), which loads for a
    // while; a user waits for it before going on
    return [
        {
            content: "landed on the figures",
            trigger:
                ".o_spreadsheet_dashboard_action .o_search_panel:contains(党建网格领导看板), .o_kanban_view .o_kanban_record:contains(武邑县)",
        },
    ];
}

export function openApp() {
    return [
        {
            content: "open the apps menu",
            trigger: ".o_navbar_apps_menu button:enabled",
            run: "click",
        },
        {
            content: "open 党建网格",
            trigger:
                '.o_app[data-menu-xmlid="party_grid.party_grid_menu_root"]:contains(党建网格)',
            run: "click",
        },
        {
            content: "the app is open",
            trigger: '.o_main_navbar .o_menu_brand:contains(党建网格)',
        },
    ];
}

export function openTicketMenu(xmlid, label) {
    return [
        {
            content: "open the 事项代办 menu",
            trigger:
                '.o_menu_sections button[data-menu-xmlid="party_grid.party_ticket_menu_root"]:contains(事项代办)',
            run: "click",
        },
        {
            content: `open ${label}`,
            trigger: `.o-dropdown--menu .dropdown-item[data-menu-xmlid="${xmlid}"]:contains(${label})`,
            run: "click",
        },
    ];
}

export function openTicket(title) {
    return [
        ...openTicketMenu("party_grid.party_ticket_menu", "看板"),
        {
            content: `open the ticket ${title} on the board`,
            trigger: `.o_kanban_view .o_kanban_record:contains(${title})`,
            run: "click",
        },
        {
            content: "the ticket form",
            // an input where the user may edit the ticket, a text where not
            trigger: `.o_form_view .o_field_widget[name=title] input:value(${title}), .o_form_view .o_field_widget[name=title] span:contains(${title})`,
        },
    ];
}

export function moreMenu(label) {
    // An operation other than the main one is in the header's 更多… menu
    return [
        {
            content: `find ${label} among the operations`,
            trigger: ".o_form_view .o_statusbar_buttons",
            run() {
                const button = [
                    ...document.querySelectorAll(".o_form_view .o_statusbar_buttons button"),
                ].find((b) => b.textContent.includes(label) && !b.closest(".o_invisible_modifier"));
                const menu = button && button.closest("details");
                if (menu && !menu.open) {
                    menu.querySelector("summary").click();
                }
            },
        },
    ];
}

export function operation(label, reason, inWizard = () => []) {
    // A header button that opens the operation wizard, the reason, confirm
    return [
        ...moreMenu(label),
        {
            content: `click ${label}`,
            trigger: `.o_form_view .o_statusbar_buttons button[name=action_open_wizard]:contains(${label}):visible`,
            run: "click",
        },
        {
            content: "the operation wizard",
            trigger: ".modal .o_field_widget[name=reason] textarea",
        },
        ...inWizard(),
        {
            content: "say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: `edit ${reason}`,
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
    ];
}

// The labels a user reads on the current screen; the demo users work in
// Chinese, so an English word among them is an untranslated string.
const LABELS = [
    ".o_main_navbar .o_menu_brand",
    ".o_main_navbar .o_menu_sections > *",
    ".o_control_panel .o_breadcrumb",
    ".o_control_panel .o_searchview_facet",
    ".o_form_view .o_form_label",
    ".o_form_view .o_statusbar_buttons button",
    ".o_form_view .o_statusbar_status button",
    ".o_form_view .o_notebook .nav-link",
    ".o_form_view .o_horizontal_separator",
    ".o_form_view .o_stat_text",
    ".o_list_view thead th",
    ".o_kanban_view .o_column_title",
    ".o_pivot thead th",
    ".o_pivot tbody th",
    ".modal .modal-title",
    ".modal .o_form_label",
    ".modal .modal-footer button",
    ".o-dropdown--menu button",
    ".o_notification_manager .o_notification",
    ".o_view_nocontent",
];

export function checkChinese(screen) {
    return {
        content: `no English on the screen: ${screen}`,
        trigger: "body",
        run() {
            const english = new Set();
            for (const el of document.querySelectorAll(LABELS.join(", "))) {
                const text = (el.innerText || "").trim();
                if (/[A-Za-z]{3,}/.test(text) && !/^[A-Z]{2}\d/.test(text)) {
                    english.add(text.replace(/\s+/g, " "));
                }
            }
            for (const el of document.querySelectorAll(
                ".o_form_view [placeholder], .modal [placeholder]"
            )) {
                const text = el.getAttribute("placeholder");
                if (/[A-Za-z]{3,}/.test(text)) {
                    english.add(`placeholder “${text}”`);
                }
            }
            if (english.size) {
                throw new Error(
                    `untranslated on ${screen}: ${[...english].join(" | ")}`
                );
            }
        },
    };
}

export function openSection(xmlid, label, parentXmlid = null) {
    // A menu of the app's menu bar, or an entry of one of its dropdowns
    const steps = [];
    if (parentXmlid) {
        steps.push({
            content: `open the menu ${parentXmlid}`,
            trigger: `.o_menu_sections button[data-menu-xmlid="${parentXmlid}"]`,
            run: "click",
        });
    }
    steps.push({
        content: `open ${label}`,
        trigger: `.o_menu_sections [data-menu-xmlid="${xmlid}"]:contains(${label}), .o-dropdown--menu .dropdown-item[data-menu-xmlid="${xmlid}"]:contains(${label})`,
        run: "click",
    });
    return steps;
}
