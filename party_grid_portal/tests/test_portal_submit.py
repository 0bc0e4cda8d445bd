# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import JPEG, PNG, PortalCommon

MAX_QUERIES = 15
# a submission (POST), everything the request does: 29 on the demo database
# (warm caches); here also the cold caches and the working-time deadline
# of the category's time limit (the calendar's days and leaves)
MAX_SUBMIT_QUERIES = 55


@tagged("post_install", "-at_install")
class TestPortalSubmit(PortalCommon):
    """A resident scans the grid's QR code and sends a request, without a
    login; what arrives on the grid's board, and what is refused."""

    def test_page_names_grid_and_station(self):
        response = self.url_open(f"/party/grid/{self.group.portal_token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("测试村 / 第一小组", response.text)
        # a party group has no station of its own: the village's serves it
        self.assertIn("测试村便民服务站", response.text)
        self.assertIn("0318-5551234", response.text)
        self.assertIn(self.page_text(self.category, "name"), response.text)

    def test_unknown_token(self):
        for token in ("x", self.group.portal_token[:-1], "demo", "a" * 65, "..%2F"):
            response = self.url_open(f"/party/grid/{token}")
            self.assertEqual(response.status_code, 404, token)

    def test_submit(self):
        partners = self.env["res.partner"].search_count([])
        ticket = self.submit_ok(photos=[("a.png", PNG), ("b.jpg", JPEG)])
        self.assertEqual(ticket.source, "online")
        self.assertEqual(ticket.grid_id, self.group)
        self.assertEqual(ticket.origin_grid_id, self.group)
        self.assertEqual(ticket.category_id, self.category)
        self.assertEqual(ticket.stage_id.code, "new")
        self.assertFalse(ticket.user_id, "unassigned: the grid claims it")
        self.assertTrue(ticket.title.startswith(self.page_text(self.category, "name")))
        self.assertIn("路灯坏了", ticket.title)
        self.assertEqual(ticket.partner_id.name, "王秀英")
        self.assertEqual(ticket.requester_phone, "13912345678")
        self.assertEqual(self.env["res.partner"].search_count([]), partners + 1)
        # the resident's phone is seen within the grid's scope only
        self.assertEqual(ticket.partner_id.party_grid_id, self.group)
        outsider = new_test_user(
            self.env, "pg_p_outsider2", groups="party_grid.party_grid_group_worker"
        )
        Partner = self.env["res.partner"]
        self.assertFalse(
            Partner.with_user(outsider).search([("id", "=", ticket.partner_id.id)])
        )
        self.assertTrue(
            Partner.with_user(self.user_worker).search(
                [("id", "=", ticket.partner_id.id)]
            )
        )
        self.assertTrue(ticket.date_deadline, "the time limits apply as to any ticket")
        # the token: random, long, one per ticket
        self.assertGreaterEqual(len(ticket.access_token), 32)
        self.assertNotIn(
            ticket.partner_id, ticket.message_partner_ids, "no e-mail, not a follower"
        )
        public = self.env.ref("base.public_partner")
        self.assertNotIn(public, ticket.message_partner_ids)
        photos = self.env["ir.attachment"].search(
            [("res_model", "=", "party.ticket"), ("res_id", "=", ticket.id)]
        )
        self.assertEqual(sorted(photos.mapped("mimetype")), ["image/jpeg", "image/png"])
        self.assertEqual(ticket._portal_messages().attachment_ids, photos)
        # on the grid's board, unassigned like any new ticket; the log has it
        self.assertIn(
            ticket,
            self.Ticket.with_user(self.user_worker).search(
                [("grid_id", "=", self.group.id), ("stage_code", "=", "new")]
            ),
        )
        self.assertEqual(ticket.log_ids.operation, "create")
        # done by the resident, named so on the grid's log, not as the public user
        line = ticket.log_ids.with_user(self.user_worker)
        self.assertEqual(line.user_id, self.env.ref("base.public_user"))
        self.assertEqual(line.by_name, f"{ticket.partner_id.name} (resident)")
        self.assertEqual(
            line.with_context(lang="zh_CN").by_name, f"{ticket.partner_id.name}（群众）"
        )
        # the resident sees the reference on the page they are sent to
        page = self.url_open(self.track_url(ticket) + "&submitted=1")
        self.assertEqual(page.status_code, 200)
        self.assertIn(ticket.name, page.text)

    def test_receipt_by_email(self):
        ticket = self.submit_ok(email="wxy@example.com")
        Mail = self.env["mail.mail"]
        domain = [("recipient_ids", "in", ticket.partner_id.ids)]
        # not while the resident waits: the scheduled action is due at once
        self.assertTrue(ticket.portal_receipt_due)
        self.assertFalse(Mail.search(domain))
        cron = self.env.ref("party_grid_portal.ir_cron_portal_receipts")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.assertTrue(triggers, "the receipt is due shortly")
        self.assertLessEqual(
            max(triggers.mapped("call_at")),
            fields.Datetime.now() + timedelta(minutes=1),
            "due within the minute, found on the cron workers' next round",
        )
        Ticket = self.env["party.ticket"].with_context(lang=self.page_lang)
        self.assertEqual(Ticket._cron_portal_receipts(), 1)
        mail = Mail.search(domain)
        self.assertEqual(len(mail), 1)
        self.assertIn(ticket.name, mail.body_html)
        self.assertIn(f"access_token={ticket.access_token}", mail.body_html)
        self.assertIn(
            self.in_page_lang("Follow it here", "查看办理进度"), mail.body_html
        )
        self.assertEqual(mail.state, "outgoing", "queued, not sent by the cron")
        self.assertIn(
            ticket.partner_id, ticket.message_partner_ids, "follows by e-mail"
        )
        self.assertFalse(ticket.portal_receipt_due)
        # a second run sends nothing twice
        self.assertEqual(Ticket._cron_portal_receipts(), 0)
        self.assertEqual(len(Mail.search(domain)), 1)

    def test_reply_before_the_receipt(self):
        """The grid replies before the scheduled action ran: the receipt is
        sent first, and the reply reaches the resident as a follower."""
        ticket = self.submit_ok(email="wxy@example.com")
        ticket.with_user(self.user_worker).action_claim()
        self.env["party.ticket.reply.wizard"].with_user(self.user_worker).create(
            {"ticket_id": ticket.id, "body": "电工明天上午到现场。"}
        ).action_send()
        self.assertFalse(ticket.portal_receipt_due)
        self.assertIn(ticket.partner_id, ticket.message_partner_ids)
        receipt = self.env["mail.mail"].search(
            [("recipient_ids", "in", ticket.partner_id.ids)]
        )
        self.assertIn(ticket.access_token, receipt.body_html)
        # the reply went out by e-mail to the resident (sent at once, as
        # message_post does for a few recipients)
        reply = ticket.message_ids.filtered(lambda m: "电工明天上午到现场" in m.body)
        self.assertEqual(
            reply.notification_ids.filtered(
                lambda n: n.res_partner_id == ticket.partner_id
            ).notification_type,
            "email",
        )

    def test_no_receipt_without_email(self):
        ticket = self.submit_ok()
        self.assertFalse(ticket.portal_receipt_due)
        self.env["party.ticket"]._cron_portal_receipts()
        self.assertFalse(
            self.env["mail.mail"].search(
                [("recipient_ids", "in", ticket.partner_id.ids)]
            )
        )

    def _refused(self, status, message, **kwargs):
        tickets = self.Ticket.search_count([])
        partners = self.env["res.partner"].search_count([])
        attachments = self.env["ir.attachment"].search_count([])
        response = self.submit(**kwargs)
        self.assertEqual(response.status_code, status, response.text[:500])
        if message:
            self.assertIn(message, response.text)
        self.assertEqual(self.Ticket.search_count([]), tickets, "nothing saved")
        self.assertEqual(self.env["res.partner"].search_count([]), partners)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        return response

    def test_bad_inputs(self):
        self._refused(400, "", category_id="")
        self._refused(400, "", category_id="999999")
        self._refused(400, "", category_id="1 OR 1=1")
        self._refused(400, "", description="坏")
        self._refused(400, "", description="长" * 2001)
        self._refused(400, "", name="")
        self._refused(400, "", phone="12345")
        self._refused(400, "", phone="<b>139</b>")
        self._refused(400, "", email="not-an-address")
        # the form keeps what the resident typed
        response = self._refused(400, "", phone="12345", description="路灯坏了很久了")
        self.assertIn("路灯坏了很久了", response.text)

    def test_archived_category(self):
        self.category.active = False
        self._refused(400, "")

    def test_photos(self):
        self._refused(400, "", photos=[(f"{i}.png", PNG) for i in range(4)])
        # a script or a PDF renamed to .jpg is no picture
        self._refused(400, "", photos=[("x.jpg", b"<script>alert(1)</script>")])
        self._refused(400, "", photos=[("x.jpg", b"%PDF-1.4 ...")])
        # oversized: one byte more than 5 MB
        self._refused(400, "", photos=[("big.png", PNG + b"\x00" * (5 * 1024 * 1024))])

    def test_too_large_request(self):
        """More than 3 photos at the maximum size in one request: refused by
        the server before the form is read."""
        tickets = self.Ticket.search_count([])
        photo = PNG + b"\x00" * (5 * 1024 * 1024 - len(PNG))
        response = self.submit(photos=[(f"{i}.png", photo) for i in range(4)])
        self.assertEqual(response.status_code, 413)
        self.assertEqual(self.Ticket.search_count([]), tickets)

    def test_script_in_text(self):
        script = "<script>alert('x')</script><img src=x onerror=alert(1)>"
        ticket = self.submit_ok(description="路灯坏了" + script, name="王<b>秀英</b>")
        self.assertNotIn("<script", ticket.description)
        self.assertIn("&lt;script&gt;", ticket.description)
        self.assertEqual(ticket.partner_id.name, "王<b>秀英</b>", "kept as text")
        page = self.url_open(self.track_url(ticket)).text
        self.assertNotIn("<script>alert", page)
        self.assertNotIn("<img src=x", page)
        self.assertNotIn("<b>秀英</b>", page)
        self.assertIn("&lt;script&gt;", page)

    def test_fifty_from_one_phone(self):
        """50 submissions from one phone within a minute: the first 5 of the
        hour are taken, the others refused in words, and nothing of them is
        saved."""
        tickets = self.Ticket.search_count([])
        statuses = []
        for index in range(50):
            response = self.submit(description=f"第{index}次反映路灯坏了")
            statuses.append(response.status_code)
        self.assertEqual(statuses.count(303), 5)
        self.assertEqual(statuses.count(429), 45)
        self.assertEqual(statuses[:5], [303] * 5)
        self.assertEqual(self.Ticket.search_count([]) - tickets, 5)
        self.assertIn(self.in_page_lang("phone number", "电话号码"), response.text)
        # another resident is not affected
        self.submit_ok(phone="13800000000")

    def test_limit_per_address(self):
        self.env["ir.config_parameter"].set_param(
            "party_grid_portal.limit_ip_per_hour", "3"
        )
        for index in range(3):
            self.submit_ok(phone=f"1380000000{index}")
        response = self._refused(429, "", phone="13800000009")
        self.assertIn(self.in_page_lang("network", "网络"), response.text)

    def test_query_count(self):
        count, queries = self.count_queries(f"/party/grid/{self.group.portal_token}")
        self.assertLessEqual(count, MAX_QUERIES, "\n".join(queries))

    def test_submission_query_count(self):
        """A submission with a photo and an e-mail address: what the
        resident waits for only (the receipt and the follower are the
        scheduled action's), in a bounded number of queries."""
        url = f"/party/grid/{self.group.portal_token}"
        self.submit_ok(phone="13800000001", email="a@example.com")
        data = self._form(
            csrf_token=self._csrf(url), phone="13800000002", email="b@example.com"
        )
        self.env.flush_all()
        queries = []
        real_execute = type(self.cr).execute

        def execute(cr, query, params=None, log_exceptions=True):
            text = str(query.code if hasattr(query, "code") else query)
            if not text.lstrip().upper().startswith(("SAVEPOINT", "RELEASE")):
                queries.append(text)
            return real_execute(cr, query, params, log_exceptions)

        with patch.object(type(self.cr), "execute", execute):
            response = self.url_open(
                url,
                data=data,
                files=[("photos", ("a.png", PNG, "image/png"))],
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 303)
        self.assertLessEqual(len(queries), MAX_SUBMIT_QUERIES, "\n".join(queries))
        self.assertFalse(
            [q for q in queries if "mail_followers" in q or "mail_mail" in q],
            "no follower and no e-mail while the resident waits",
        )
        # the ticket is inserted with its computed fields, and its stage
        # and time limits come from the process's cache
        self.assertFalse(
            [q for q in queries if q.lstrip().startswith('UPDATE "party_ticket"')]
        )
        self.assertFalse([q for q in queries if '"party_ticket_stage"."code" =' in q])
        self.assertFalse(
            [q for q in queries if 'SELECT "party_ticket_time_limit"."id" FROM' in q]
        )

    def test_portal_user(self):
        """A resident with a portal login: the request is theirs, listed
        under 我的诉求, and nobody else's."""
        resident = new_test_user(
            self.env, "pg_p_resident", groups="base.group_portal", name="赵大妈"
        )
        neighbour = new_test_user(
            self.env, "pg_p_neighbour", groups="base.group_portal", name="钱大爷"
        )
        other = self.submit_ok()  # another resident's, without a login
        self.authenticate("pg_p_resident", "pg_p_resident")
        page = self.url_open(f"/party/grid/{self.group.portal_token}").text
        self.assertIn("赵大妈", page, "the form is filled with their name")
        mine = self.submit_ok(name="赵大妈", phone="13700000000")
        self.assertEqual(mine.partner_id, resident.partner_id)
        listing = self.url_open("/my/requests")
        self.assertEqual(listing.status_code, 200)
        self.assertIn(mine.name, listing.text)
        self.assertNotIn(other.name, listing.text)
        self.assertEqual(self.url_open(f"/my/requests/{mine.id}").status_code, 200)
        self.assertEqual(self.url_open(f"/my/requests/{other.id}").status_code, 404)
        home = self.url_open("/my/home")
        self.assertIn("/my/requests", home.text)
        self.authenticate("pg_p_neighbour", "pg_p_neighbour")
        self.assertEqual(self.url_open(f"/my/requests/{mine.id}").status_code, 404)
        self.assertNotIn(mine.name, self.url_open("/my/requests").text)
        self.assertTrue(neighbour)

    def test_qr_code(self):
        """The grid's form shows the page's address and its QR code; a new
        code makes the old address stop working."""
        grid = self.group.with_user(self.user_worker)
        self.assertTrue(
            grid.portal_url.endswith(f"/party/grid/{self.group.portal_token}")
        )
        self.assertTrue(grid.portal_qr)
        # the poster for the notice board
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.user_worker)
            ._render_qweb_html("party_grid_portal.party_grid_qr_report", self.group.ids)
        )
        html = html.decode()
        self.assertIn("测试村 / 第一小组", html)
        self.assertIn("data:image/png;base64,", html)
        self.assertIn(f"/party/grid/{self.group.portal_token}", html)
        old = self.group.portal_token
        self.group.with_user(self.user_head).action_portal_reset_token()
        self.assertNotEqual(self.group.portal_token, old)
        self.assertEqual(self.url_open(f"/party/grid/{old}").status_code, 404)
        self.assertNotEqual(self.village.portal_token, self.group.portal_token)

    def test_token_and_receipt_flag_cannot_be_forged(self):
        """A grid worker who handles the ticket cannot set its private link's
        token or the receipt owed, by a write or by a new ticket's values or
        context defaults; nothing is saved."""
        ticket = self.submit_ok()
        token = ticket.access_token
        as_worker = ticket.with_user(self.user_worker)
        for vals in ({"access_token": "forged-token"}, {"portal_receipt_due": True}):
            with self.assertRaises(UserError):
                as_worker.write(vals)
        self.env.invalidate_all()
        self.assertEqual(
            (ticket.access_token, ticket.portal_receipt_due), (token, False)
        )
        Ticket = self.Ticket.with_user(self.user_worker).sudo(False)
        before = self.Ticket.search_count([])
        with self.assertRaises(UserError):
            Ticket.create(
                {"title": "x", "grid_id": self.group.id, "access_token": "forged"}
            )
        self.assertEqual(self.Ticket.search_count([]), before)
        made = Ticket.with_context(
            default_access_token="forged", default_portal_receipt_due=True
        ).create({"title": "Street light", "grid_id": self.group.id})
        self.assertNotEqual(made.sudo().access_token, "forged")
        self.assertFalse(made.sudo().portal_receipt_due)
