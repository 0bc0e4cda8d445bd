# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import uuid
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

# what a resident may send (also the limits the page states)
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 5 * 1024 * 1024
NAME_MAX = 40
DESCRIPTION_MIN = 5
DESCRIPTION_MAX = 2000
TITLE_CHARS = 30
# the image types accepted, recognised by their first bytes (the type the
# browser declares is not trusted)
IMAGE_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
PHONE_RE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
EMAIL_RE = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
# receipts the scheduled action sends per batch (committed after each)
RECEIPT_BATCH = 100
# seconds after a submission its receipt is due (see _portal_submit)
RECEIPT_DELAY = 30
# the stage of a ticket in a resident's words
RESIDENT_STATES = [
    ("received", "Received"),
    ("accepted", "Accepted"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("rejected", "Cannot Be Done"),
    ("parked", "Postponed"),
]
STAGE_TO_RESIDENT = {
    "new": "received",
    "accepted": "accepted",
    "in_progress": "in_progress",
    "verify": "in_progress",
    "done": "done",
    "closed": "done",
    "rejected": "rejected",
    "parked": "parked",
}


class PartyTicket(models.Model):
    """The resident's side of a ticket: submitted through the grid's QR
    page, followed and rated with the ticket's private link (portal.mixin's
    access token, scoped to this one ticket)."""

    _name = "party.ticket"
    _inherit = ["party.ticket", "portal.mixin"]

    resident_state = fields.Selection(
        RESIDENT_STATES,
        string="Stage for the Resident",
        compute="_compute_resident_state",
    )
    portal_receipt_due = fields.Boolean(
        string="Receipt to Send",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The resident gave an e-mail address: the scheduled action sends "
        "them the reference and the private link, and makes them a follower.",
    )

    @api.model
    def _party_protected_fields(self):
        # the resident's private link and the receipt owed them are the
        # portal's own: a client could otherwise publish a ticket under a
        # token of its choosing or send a requester mail
        return super()._party_protected_fields() | {
            "access_token",
            "portal_receipt_due",
        }

    def _compute_access_url(self):
        res = super()._compute_access_url()
        for ticket in self:
            ticket.access_url = f"/my/requests/{ticket.id}"
        return res

    @api.depends("stage_code")
    def _compute_resident_state(self):
        for ticket in self:
            ticket.resident_state = STAGE_TO_RESIDENT.get(ticket.stage_code, "received")

    # ------------------------------------------------------------------ checks

    @api.model
    def _portal_check_photos(self, photos):
        """``photos``: [(filename, bytes)]; returns [(name, bytes, mimetype)]
        or raises a UserError saying what is wrong."""
        photos = [(name, data) for name, data in photos if data]
        if len(photos) > MAX_PHOTOS:
            raise UserError(
                self.env._("Send at most %(count)s photos.", count=MAX_PHOTOS)
            )
        checked = []
        for index, (_name, data) in enumerate(photos, start=1):
            if len(data) > MAX_PHOTO_BYTES:
                raise UserError(
                    self.env._(
                        "Photo %(index)s is larger than %(size)s MB.",
                        index=index,
                        size=MAX_PHOTO_BYTES // (1024 * 1024),
                    )
                )
            kind = next(
                (sig for sig in IMAGE_SIGNATURES if data.startswith(sig[0])), None
            )
            if not kind:
                raise UserError(
                    self.env._(
                        "Photo %(index)s is not a JPEG or PNG picture.", index=index
                    )
                )
            checked.append((f"photo-{index}.{kind[2]}", data, kind[1]))
        return checked

    @api.model
    def _portal_clean_text(self, text, maximum, message, minimum=1):
        text = (text or "").strip()
        if not (minimum <= len(text) <= maximum):
            raise UserError(message)
        return text

    @api.model
    def _portal_prepare_vals(self, grid, values, partner=None):
        """The ticket values of a resident's submission, from the form's
        ``values`` (strings, all client input), checked one by one; raises a
        UserError in words for the first wrong one."""
        # sudo: the categories are configuration the public page lists; an
        # archived one is not found (what the ticket reads of it, in the
        # same query)
        category = (
            self.env["party.ticket.category"]
            .sudo()
            .search_fetch(
                [("id", "=", int(values["category_id"]))],
                ["name", "default_handling_type"],
                limit=1,
            )
            if re.fullmatch(r"[0-9]{1,9}", str(values.get("category_id") or ""))
            else None
        )
        if not category:
            raise UserError(self.env._("Choose what the matter is about."))
        description = self._portal_clean_text(
            values.get("description"),
            DESCRIPTION_MAX,
            self.env._(
                "Describe the matter in %(min)s to %(max)s characters.",
                min=DESCRIPTION_MIN,
                max=DESCRIPTION_MAX,
            ),
            minimum=DESCRIPTION_MIN,
        )
        name = self._portal_clean_text(
            values.get("name"),
            NAME_MAX,
            self.env._("Give your name (at most %(max)s characters).", max=NAME_MAX),
        )
        phone = re.sub(r"[\s()（）]", "", values.get("phone") or "")
        if not PHONE_RE.match(phone):
            raise UserError(
                self.env._(
                    "Give a phone number where the grid can reach you: an 11-digit "
                    "mobile number or a landline with its area code."
                )
            )
        email = (values.get("email") or "").strip()
        if email and (len(email) > 100 or not EMAIL_RE.match(email)):
            raise UserError(self.env._("The e-mail address is not valid."))
        first_line = " ".join(description.split())
        title = f"{category.name}：{first_line[:TITLE_CHARS]}"
        if len(first_line) > TITLE_CHARS:
            title += "…"
        return {
            "grid_id": grid.id,
            "category_id": category.id,
            "title": title,
            # plain text from the resident, escaped into HTML
            "description": plaintext2html(description),
            "source": "online",
            "requester_phone": phone,
            "_partner": {"name": name, "phone": phone, "email": email or False},
        }

    # ------------------------------------------------------------------ submit

    @api.model
    def _portal_submit(self, grid, values, photos, user=None):
        """Create the ticket of a resident's submission. ``self`` is sudo:
        the caller found ``grid`` by its QR token and passes the form as
        it came; only the values checked here reach the ticket.

        Only what the resident waits for happens here (the partner, the
        ticket, their message with the photos); the e-mail receipt and the
        follower are left to the scheduled action, due 30 seconds later."""
        assert self.env.su, "the portal creates tickets as the superuser"
        vals = self._portal_prepare_vals(grid, values)
        photos = self._portal_check_photos(photos)
        partner_vals = vals.pop("_partner")
        if user and not user._is_public():
            partner = user.partner_id
        else:
            # registered in the grid: the record rules of party_grid keep the
            # resident's phone within the grid's scope
            partner = (
                self.env["res.partner"]
                .with_context(mail_create_nolog=True, tracking_disable=True)
                .create(
                    {
                        "name": partner_vals["name"],
                        "mobile": partner_vals["phone"],
                        "email": partner_vals["email"],
                        "company_id": False,
                        "party_grid_id": grid.id,
                        # what the compute would find (no user): spares it
                        "partner_share": True,
                    }
                )
            )
        vals["partner_id"] = partner.id
        # the token with the ticket (portal.mixin's form of it), not after
        vals["access_token"] = str(uuid.uuid4())
        vals["portal_receipt_due"] = bool(partner.email)
        ticket = self.with_context(
            mail_create_nosubscribe=True, tracking_disable=True
        ).create(vals)
        message = ticket._portal_post(
            partner,
            Markup("<p>%s</p>")
            % self.env._("Request received through the grid's QR page."),
            photos,
        )
        # nobody is notified one by one: the request waits on the grid's
        # board to be claimed, as every unassigned ticket does
        if ticket.portal_receipt_due:
            # shortly, not at once: a trigger due now wakes the cron workers
            # with a NOTIFY over a new database connection each time (Odoo
            # pools none for it); a little later, the cron workers find it on
            # their next round (every minute), and a burst's receipts go out
            # in one run
            self.env.ref("party_grid_portal.ir_cron_portal_receipts")._trigger(
                fields.Datetime.now() + timedelta(seconds=RECEIPT_DELAY)
            )
        return ticket, message

    def _portal_post(self, partner, body, photos):
        """A message of the resident on the ticket (visible to them and to
        the grid), with their photos. Nobody is notified (the grid's board
        shows the request; the followers of a ticket are its requester and
        the people the grid added), so the message is written as it is,
        without mail.thread's notification machinery."""
        self.ensure_one()
        attachments = self.env["ir.attachment"]
        if photos:
            # sudo: the resident's checked photos, on this ticket only
            attachments = attachments.sudo().create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype,
                        "res_model": self._name,
                        "res_id": self.id,
                    }
                    for name, data, mimetype in photos
                ]
            )
        # sudo: the message of the token holder or requester, checked by the
        # caller; mail.thread's own log helpers create it the same way
        return self.sudo()._message_create(
            [
                {
                    "model": self._name,
                    "res_id": self.id,
                    "body": body,
                    "author_id": partner.id,
                    "email_from": partner.email_formatted or False,
                    "message_type": "comment",
                    "subtype_id": self.env["ir.model.data"]._xmlid_to_res_id(
                        "mail.mt_comment"
                    ),
                    "is_internal": False,
                    "attachment_ids": [Command.set(attachments.ids)],
                    # never e-mailed (nobody is notified): no reply address
                    # to look up through the mail aliases
                    "reply_to": False,
                }
            ]
        )

    def _portal_send_receipt(self, partner):
        """The reference and the private link, by e-mail (queued)."""
        self.ensure_one()
        url = self.get_base_url() + self.get_portal_url()
        body = Markup("<p>%s</p><p>%s <a href='%s'>%s</a></p>") % (
            self.env._(
                "Your request %(ticket)s has been received by %(grid)s.",
                ticket=self.name,
                grid=self.grid_id.name,
            ),
            self.env._("Follow it here:"),
            url,
            url,
        )
        self.with_context(mail_notify_force_send=False).message_notify(
            partner_ids=partner.ids,
            body=body,
            subject=self.env._("Request %(ticket)s received", ticket=self.name),
            author_id=self.env.company.partner_id.id,
            email_layout_xmlid="mail.mail_notification_light",
        )

    def _portal_send_due_receipts(self):
        """The receipt of each of these tickets still owed one, and the
        requester as a follower (sudo: called by the scheduled action, and
        before a reply to the resident, which must reach them)."""
        for ticket in self.sudo().filtered("portal_receipt_due"):
            partner = ticket.partner_id
            if partner.email:
                ticket.message_subscribe(partner_ids=partner.ids)
                ticket.with_context(lang=partner.lang or "zh_CN")._portal_send_receipt(
                    partner
                )
            ticket.portal_receipt_due = False

    @api.model
    def _cron_portal_receipts(self, batch_size=RECEIPT_BATCH):
        """Send the receipts of the residents' submissions (reference and
        private link, queued in mail.mail) and make the residents followers,
        so that the grid's replies reach them. One batch per call: ir.cron
        commits and calls again while ``_notify_progress`` reports tickets
        left; a sent receipt is marked in the same transaction, so a stopped
        run goes on where it stopped and sends nothing twice."""
        domain = [("portal_receipt_due", "=", True)]
        total = self.search_count(domain)
        tickets = self.search(domain, limit=batch_size, order="id")
        tickets._portal_send_due_receipts()
        self.env["ir.cron"]._notify_progress(
            done=len(tickets), remaining=max(total - len(tickets), 0)
        )
        return len(tickets)

    # ------------------------------------------------------------------ follow

    def _portal_messages(self):
        """The messages a resident sees: comments (theirs and those the
        grid sends them); notes, tracking and the handling log stay
        internal."""
        self.ensure_one()
        comment = self.env["ir.model.data"]._xmlid_to_res_id("mail.mt_comment")
        return self.env["mail.message"].search(
            [
                ("model", "=", self._name),
                ("res_id", "=", self.id),
                ("message_type", "in", ("comment", "email")),
                ("subtype_id", "=", comment),
            ],
            order="date, id",
        )

    def _portal_add_info(self, text, photos):
        """The resident adds information or photos (sudo, token checked by
        the caller)."""
        self.ensure_one()
        assert self.env.su, "called by the portal after the token check"
        text = self._portal_clean_text(
            text,
            DESCRIPTION_MAX,
            self.env._(
                "Write what you want to add (at most %(max)s characters).",
                max=DESCRIPTION_MAX,
            ),
        )
        photos = self._portal_check_photos(photos)
        message = self._portal_post(self.partner_id, plaintext2html(text), photos)
        self._notify_user(
            self.user_id or self.grid_id._portal_head(),
            self.env._("The resident added information: %(title)s", title=self.title),
        )
        return message

    @api.model
    def _portal_date(self, value):
        """A datetime in the user's time, China's for a resident without a
        login."""
        if not value:
            return ""
        tz = self.env.context.get("tz") or "Asia/Shanghai"
        local = fields.Datetime.context_timestamp(self.with_context(tz=tz), value)
        return local.strftime("%Y-%m-%d %H:%M")
