/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// Photos of a visit, camera first: on a phone the first button opens the
// camera (an input with `capture`), the second the album; the photos show as
// thumbnails. Uploads as many2many_binary does.

import {useState} from "@odoo/owl";
import {Many2ManyBinaryField, many2ManyBinaryField} from "@web/views/fields/many2many_binary/many2many_binary_field";
import {registry} from "@web/core/registry";
import {useFileUploader} from "@web/core/utils/files";

export class PartyVisitPhotosField extends Many2ManyBinaryField {
    static template = "party_grid.VisitPhotosField";

    setup() {
        super.setup();
        this.uploadFiles = useFileUploader();
        this.photoState = useState({uploading: false});
    }

    isImage(file) {
        return (file.mimetype || "").startsWith("image/");
    }

    async onPick(ev) {
        const input = ev.target;
        const files = [...(input.files || [])];
        if (!files.length) {
            return;
        }
        this.photoState.uploading = true;
        try {
            const params = {
                csrf_token: odoo.csrf_token,
                ufile: files,
                model: this.props.record.resModel,
                id: this.props.record.resId || 0,
            };
            const uploaded = await this.uploadFiles("/web/binary/upload_attachment", params);
            if (uploaded) {
                await this.onFileUploaded(uploaded);
            }
        } finally {
            input.value = null;
            this.photoState.uploading = false;
        }
    }
}

registry.category("fields").add("party_visit_photos", {
    ...many2ManyBinaryField,
    component: PartyVisitPhotosField,
});
