/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// A resident on a phone: scans the grid's QR code, sends a request with a
// photo, reads the tracking page and adds information; once the grid has
// closed the request, rates it. Run by tests/test_portal_tour.py at 390x844.

import {registry} from "@web/core/registry";

// Words that may stay Latin on a Chinese page: file types, sizes, references
const ALLOWED = /^(JPEG|PNG|MB|SJ\d+-\d+)$/;

function checkChinese(screen) {
    return {
        content: `no English on the resident's page: ${screen}`,
        trigger: ".pg-portal",
        run() {
            const english = new Set();
            const root = document.querySelector(".pg-portal");
            const texts = [root.innerText];
            for (const el of root.querySelectorAll("[placeholder]")) {
                texts.push(el.getAttribute("placeholder"));
            }
            for (const el of root.querySelectorAll("label, button, option")) {
                texts.push(el.textContent);
            }
            for (const text of texts) {
                for (const word of text.match(/[A-Za-z][A-Za-z0-9-]{2,}/g) || []) {
                    if (!ALLOWED.test(word)) {
                        english.add(word);
                    }
                }
            }
            if (english.size) {
                throw new Error(`untranslated on ${screen}: ${[...english].join(" | ")}`);
            }
        },
    };
}

async function attachPhoto(input) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 48;
    const ctx = canvas.getContext("2d");
    ctx.fillStyle = "#c00000";
    ctx.fillRect(0, 0, 48, 48);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], "路灯.png", {type: "image/png"}));
    input.files = transfer.files;
}

registry.category("web_tour.tours").add("party_grid_portal_submit_tour", {
    steps: () => [
        {
            content: "the grid's page names the grid and its service station",
            trigger: ".pg-portal-grid:contains(第一小组) .pg-portal-station:contains(测试村便民服务站)",
        },
        checkChinese("submit page"),
        {
            content: "what it is about: 设施损坏",
            trigger: "select[name=category_id]",
            run() {
                const option = [...this.anchor.options].find((o) => o.textContent.includes("设施损坏"));
                this.anchor.value = option.value;
            },
        },
        {
            content: "describe the matter",
            trigger: "textarea[name=description]",
            run: "edit 村东头的路灯坏了一个星期，晚上老人出门看不清路。",
        },
        {
            content: "a photo",
            trigger: "input[name=photos]",
            async run() {
                await attachPhoto(this.anchor);
            },
        },
        {
            content: "name",
            trigger: "input[name=name]",
            run: "edit 王秀英",
        },
        {
            content: "phone",
            trigger: "input[name=phone]",
            run: "edit 13912345678",
        },
        {
            content: "提交诉求",
            trigger: "button.pg-portal-submit:contains(提交诉求)",
            run: "click",
        },
        {
            content: "the reference and the private link",
            trigger: ".pg-portal-submitted:contains(您的诉求已提交成功):contains(诉求编号)",
        },
        {
            content: "the stage in the resident's words",
            trigger: ".pg-portal-head .pg-state:contains(已提交)",
        },
        {
            content: "the level handling it and the promised date",
            trigger: ".pg-portal-facts:contains(第一小组):contains(承诺办结时间)",
        },
        {
            content: "the photo sent",
            trigger: ".pg-message img.pg-photo",
        },
        checkChinese("tracking page"),
        {
            content: "add information",
            trigger: "textarea[name=text]",
            run: "edit 补充：是靠近村委会的第三根灯杆。",
        },
        {
            content: "发送",
            trigger: "button.pg-portal-info-submit:contains(发送)",
            run: "click",
        },
        {
            content: "the information is on the page",
            trigger: ".pg-message:contains(第三根灯杆)",
        },
    ],
});

registry.category("web_tour.tours").add("party_grid_portal_rate_tour", {
    steps: () => [
        {
            content: "the request is done",
            trigger: ".pg-portal-head .pg-state:contains(已办结)",
        },
        {
            content: "the result told by the grid",
            trigger: ".pg-portal-facts:contains(办理结果):contains(已更换灯泡)",
        },
        checkChinese("rating"),
        {
            content: "满意",
            trigger: ".pg-portal-rate label:contains(满意):not(:contains(基本)):not(:contains(不))",
            run: "click",
        },
        {
            content: "a comment",
            trigger: ".pg-portal-rate textarea[name=comment]",
            run: "edit 修得很及时，谢谢网格员。",
        },
        {
            content: "提交评价",
            trigger: "button.pg-portal-rate-submit:contains(提交评价)",
            run: "click",
        },
        {
            content: "thanked, and the rating is shown",
            trigger: ".pg-portal-facts:contains(您的评价):contains(满意)",
        },
        checkChinese("after rating"),
    ],
});
