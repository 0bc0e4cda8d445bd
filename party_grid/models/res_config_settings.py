# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_ticket_outcome import PARAM_SELF_VERIFY
from .party_visit import (
    DEFAULT_CONTACTS,
    DEFAULT_CONTACTS_MUST_VISIT,
    PARAM_CONTACTS,
    PARAM_CONTACTS_MUST_VISIT,
)


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    party_visit_monthly_contacts = fields.Integer(
        string="Contacts per Household per Month",
        config_parameter=PARAM_CONTACTS,
        default=DEFAULT_CONTACTS,
        help="How often each contact member must contact each linked household "
        "every month.",
    )
    party_visit_monthly_contacts_must_visit = fields.Integer(
        string="Contacts per Must-visit Household per Month",
        config_parameter=PARAM_CONTACTS_MUST_VISIT,
        default=DEFAULT_CONTACTS_MUST_VISIT,
        help="How often a must-visit household (hardship family, elderly living "
        "alone, left-behind children…) must be contacted every month.",
    )

    party_ticket_allow_self_verify = fields.Boolean(
        string="Handlers May Verify Their Own Tickets",
        config_parameter=PARAM_SELF_VERIFY,
        help="By default the result of a ticket is verified, and the requester "
        "visited back, by someone other than the person who handled it. Tick "
        "this where a grid has a single worker.",
    )

    @api.constrains(
        "party_visit_monthly_contacts", "party_visit_monthly_contacts_must_visit"
    )
    def _check_party_visit_monthly_contacts(self):
        for settings in self:
            if (
                settings.party_visit_monthly_contacts < 1
                or settings.party_visit_monthly_contacts_must_visit < 1
            ):
                raise ValidationError(
                    self.env._("Households must be contacted at least once a month.")
                )
