# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html


class PartyTicketReplyWizard(models.TransientModel):
    """回复群众: a message to the requester, shown on their tracking page
    (and e-mailed where they gave an address). Grid workers often have no
    e-mail address, which Odoo's own "Send message" requires of its author."""

    _name = "party.ticket.reply.wizard"
    _description = "Reply to the Resident"

    ticket_id = fields.Many2one("party.ticket", required=True, ondelete="cascade")
    body = fields.Text(string="Message", required=True)

    def action_send(self):
        self.ensure_one()
        ticket = self.ticket_id
        # the user's own rights: they may read the ticket and write on it
        ticket.check_access("write")
        body = (self.body or "").strip()
        if not body:
            raise UserError(self.env._("Write the message to the resident."))
        author = self.env.user.partner_id
        # without an e-mail address the message goes out from the company's
        # (Odoo refuses an author without one as the sender)
        email_from = (
            author.email_formatted
            or self.env.company.email_formatted
            or (self.env["ir.mail_server"]._get_default_from_address())
        )
        # a resident who just submitted follows once their receipt is sent
        # (scheduled action): sent now, so that this reply reaches them
        ticket._portal_send_due_receipts()
        ticket.with_context(mail_post_autofollow=False).message_post(
            body=plaintext2html(body),
            author_id=author.id,
            email_from=email_from or author.name,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"type": "ir.actions.act_window_close"}
