# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The chatter's words on the product's records: a creation line in Chinese
(not the model's technical description) and, for what the system does by
itself (installation, scheduled jobs), 系统 as the author instead of OdooBot."""

from odoo import SUPERUSER_ID, models
from odoo.tools import formataddr
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

CREATION_MESSAGES = {
    "party.grid": _lt("Grid created"),
    "party.household": _lt("Household registered"),
    "party.member": _lt("Party member registered"),
    "party.ticket": _lt("Ticket registered"),
    "party.activity": _lt("Party activity planned"),
}


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    def _party_grid_creation_messages(self):
        """{model: lazy message}: the product's addons add their models."""
        return CREATION_MESSAGES

    def _creation_message(self):
        message = self._party_grid_creation_messages().get(self._name)
        if message:
            # the language of the acting user where the context has none
            # (installation, scheduled jobs)
            return message._translate(self.env.lang or self.env.user.lang or "en_US")
        return super()._creation_message()

    def _message_compute_author(
        self, author_id=None, email_from=None, raise_on_email=True
    ):
        if (
            author_id is None
            and not email_from
            and self._name.startswith("party.")
            and self.env.uid == SUPERUSER_ID
        ):
            system = self.env.ref("party_grid.partner_system", raise_if_not_found=False)
            # an e-mail of the system's line needs a sender: the server's
            # default one, the company's, or OdooBot's address, named 系统
            address = (
                self.env["ir.mail_server"]._get_default_from_address()
                or self.env.company.email
                or self.env.ref("base.partner_root").email
            )
            if system and address:
                author_id = system.id
                email_from = formataddr((system.name, address))
        return super()._message_compute_author(
            author_id=author_id, email_from=email_from, raise_on_email=raise_on_email
        )
