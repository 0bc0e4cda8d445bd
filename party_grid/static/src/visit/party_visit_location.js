/** @odoo-module */
/* Copyright 2026 party_grid developers
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl). */
// The place of a visit, only when the member asks for it and the browser is
// allowed to tell it (never required): latitude, longitude and the accuracy
// the phone gives, in metres.

import {Component, useState} from "@odoo/owl";
import {browser} from "@web/core/browser/browser";
import {registry} from "@web/core/registry";
import {standardWidgetProps} from "@web/views/widgets/standard_widget_props";

export class PartyVisitLocation extends Component {
    static template = "party_grid.VisitLocation";
    static props = {...standardWidgetProps};

    setup() {
        this.state = useState({
            status: this.props.record.data.location_accuracy ? "done" : "idle",
        });
    }

    get accuracy() {
        return Math.round(this.props.record.data.location_accuracy || 0);
    }

    locate() {
        const geolocation = browser.navigator && browser.navigator.geolocation;
        if (!geolocation) {
            this.state.status = "unavailable";
            return;
        }
        this.state.status = "locating";
        geolocation.getCurrentPosition(
            (position) => {
                const {latitude, longitude, accuracy} = position.coords;
                this.props.record.update({
                    latitude,
                    longitude,
                    location_accuracy: accuracy || 0,
                });
                this.state.status = "done";
            },
            (error) => {
                this.state.status = error && error.code === 1 ? "denied" : "failed";
            },
            {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000}
        );
    }

    clear() {
        this.props.record.update({latitude: 0, longitude: 0, location_accuracy: 0});
        this.state.status = "idle";
    }
}

registry.category("view_widgets").add("party_visit_location", {
    component: PartyVisitLocation,
    fieldDependencies: [
        {name: "latitude", type: "float"},
        {name: "longitude", type: "float"},
        {name: "location_accuracy", type: "float"},
    ],
});
