# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PNG, PortalCommon

MAX_QUERIES = 15


@tagged("post_install", "-at_install")
class TestPortalFollow(PortalCommon):
    """The private tracking page of one request: what the resident sees,
    adds and rates, and that nobody reaches another resident's request."""

    def test_page(self):
        ticket = self.submit_ok()
        ticket.with_user(self.user_worker).action_claim()
        ticket.message_post(
            body="内部备注：该户有纠纷记录",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        # the worker (no e-mail address) replies through 回复群众
        self.user_worker.partner_id.email = False
        self.env["party.ticket.reply.wizard"].with_user(self.user_worker).create(
            {"ticket_id": ticket.id, "body": "您好，电工明天上午到现场。<b>x</b>"}
        ).action_send()
        page = self.url_open(self.track_url(ticket))
        self.assertEqual(page.status_code, 200)
        text = page.text
        self.assertIn(ticket.name, text)
        self.assertIn("第一小组", text)
        self.assertIn("党小组", text, "the level handling it")
        promised = ticket.with_user(self.public)._portal_date(ticket.date_deadline)
        self.assertIn(promised, text, "the promised date, in China's time")
        self.assertIn("pg-state-accepted", text)
        self.assertIn("电工明天上午到现场", text, "a message to the resident")
        self.assertIn("&lt;b&gt;x", text, "escaped")
        self.assertNotIn("内部备注", text, "internal notes stay internal")
        self.assertNotIn(self.user_worker.name, text, "the handling log stays internal")

    def test_reply_needs_access(self):
        """Only a user who may change the ticket replies to its resident."""
        ticket = self.submit_ok()
        outsider = new_test_user(
            self.env, "pg_p_outsider", groups="party_grid.party_grid_group_worker"
        )
        count = len(ticket.message_ids)
        wizard = self.env["party.ticket.reply.wizard"].with_user(outsider)
        with self.assertRaises(AccessError):
            wizard.create(
                {"ticket_id": ticket.id, "body": "冒充网格回复"}
            ).action_send()
        self.assertEqual(len(ticket.message_ids), count)

    def test_enumeration(self):
        """Only the exact pair (id, token) opens a request; every other try
        gets the same 404 as a request that does not exist."""
        mine = self.submit_ok()
        other = self.submit_ok(phone="13800000001", name="李四")
        self.assertNotEqual(mine.access_token, other.access_token)
        tries = [
            self.track_url(mine, token=other.access_token),
            self.track_url(other, token=mine.access_token),
            f"/my/requests/{mine.id}",
            f"/my/requests/{mine.id}?access_token=",
            self.track_url(mine, token=mine.access_token[:-1]),
            self.track_url(mine, token=mine.access_token.upper()),
            self.track_url(mine, token=str(uuid.uuid4())),
            f"/my/requests/{other.id + 1000}?access_token={mine.access_token}",
        ]
        tries += [
            f"/my/requests/{ticket_id}?access_token={mine.access_token}"
            for ticket_id in range(1, other.id + 3)
            if ticket_id != mine.id
        ]
        bodies = set()
        for url in tries:
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertNotIn("李四", response.text)
            self.assertNotIn(other.name, response.text)
            bodies.add(len(response.text))
        self.assertEqual(self.url_open(self.track_url(mine)).status_code, 200)
        # posting with a wrong token changes nothing
        before = len(other.message_ids)
        response, _page = self.post_on(
            other, "info", {"text": "冒充补充"}, token=mine.access_token
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(len(other.message_ids), before)

    def test_add_information(self):
        ticket = self.submit_ok()
        response, _page = self.post_on(
            ticket,
            "info",
            {"text": "补充：灯杆编号 <b>17</b>"},
            photos=[("c.png", PNG)],
        )
        self.assertEqual(response.status_code, 303)
        message = ticket._portal_messages()[-1]
        self.assertEqual(message.author_id, ticket.partner_id)
        self.assertIn("&lt;b&gt;17", message.body)
        self.assertEqual(len(message.attachment_ids), 1)
        # the photo is served with the ticket's token only
        photo = f"/my/requests/{ticket.id}/photo/{message.attachment_ids.id}"
        self.assertEqual(
            self.url_open(photo + f"?access_token={ticket.access_token}").status_code,
            200,
        )
        self.assertEqual(self.url_open(photo).status_code, 404)
        other = self.submit_ok(phone="13800000001")
        self.assertEqual(
            self.url_open(
                f"/my/requests/{other.id}/photo/{message.attachment_ids.id}"
                f"?access_token={other.access_token}"
            ).status_code,
            404,
            "a photo of another request",
        )
        # an attachment of an internal note is not the resident's
        note = ticket.message_post(
            body="内部照片",
            subtype_xmlid="mail.mt_note",
            attachments=[("internal.png", PNG)],
        )
        self.assertEqual(
            self.url_open(
                f"/my/requests/{ticket.id}/photo/{note.attachment_ids.id}"
                f"?access_token={ticket.access_token}"
            ).status_code,
            404,
        )
        # refused: empty text, a file that is no picture; nothing is saved
        count = len(ticket.message_ids)
        response, _page = self.post_on(ticket, "info", {"text": " "})
        self.assertEqual(response.status_code, 400)
        response, _page = self.post_on(
            ticket, "info", {"text": "见附件"}, photos=[("x.png", b"MZ\x90\x00")]
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(len(ticket.message_ids), count)

    def test_rate_satisfied(self):
        ticket = self.done_ticket()
        page = self.url_open(self.track_url(ticket)).text
        self.assertIn("pg-portal-rate", page, "the rating form is offered")
        response, _page = self.post_on(
            ticket, "rate", {"satisfaction": "satisfied", "comment": "修得很快"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.stage_code, "closed")
        self.assertEqual(ticket.satisfaction, "satisfied")
        self.assertIn("修得很快", ticket.satisfaction_comment)
        rating = ticket.rating_ids
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.rating, 5)
        self.assertEqual(rating.partner_id, ticket.partner_id)
        self.assertTrue(
            ticket.log_ids.filtered(lambda log: log.operation == "return_visit")
        )
        # once only
        response, _page = self.post_on(
            ticket, "rate", {"satisfaction": "unsatisfied", "comment": "x"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(ticket.satisfaction, "satisfied")
        self.assertNotIn("pg-portal-rate", self.url_open(self.track_url(ticket)).text)

    def test_rate_refused(self):
        ticket = self.submit_ok()
        response, _page = self.post_on(ticket, "rate", {"satisfaction": "satisfied"})
        self.assertEqual(response.status_code, 400, "not closed yet")
        self.assertFalse(ticket.satisfaction)
        ticket = self.done_ticket()
        for data in (
            {"satisfaction": "excellent"},
            {"satisfaction": "unsatisfied"},  # needs a comment
            {"satisfaction": "basic", "comment": "长" * 501},
        ):
            response, _page = self.post_on(ticket, "rate", data)
            self.assertEqual(response.status_code, 400, data)
        self.assertEqual(ticket.stage_code, "done")
        self.assertFalse(ticket.rating_ids)

    def test_rate_unsatisfied_reopen(self):
        """不满意: the grid head is asked to decide; reopening (返工) is his
        operation, not the resident's."""
        ticket = self.done_ticket()
        response, _page = self.post_on(
            ticket, "rate", {"satisfaction": "unsatisfied", "comment": "路灯又不亮了"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.satisfaction, "unsatisfied")
        self.assertEqual(ticket.rating_ids.rating, 1)
        self.assertEqual(ticket.stage_code, "closed", "not reopened by the resident")
        todo = ticket.activity_ids.filtered(lambda a: a.user_id == self.user_head)
        self.assertTrue(todo.filtered(lambda a: ticket.name in (a.summary or "")))
        ticket.with_user(self.user_head)._op_reopen("居民反映路灯又不亮")
        self.assertEqual(ticket.stage_code, "in_progress")
        self.assertEqual(ticket.reopen_count, 1)
        page = self.url_open(self.track_url(ticket)).text
        self.assertIn("pg-state-in_progress", page)

    def test_back_office_return_visit_is_a_rating(self):
        ticket = self.done_ticket()
        ticket._op_return_visit("basic", "电话回访")
        self.assertEqual(ticket.rating_ids.rating, 3)

    def test_query_count(self):
        ticket = self.submit_ok(photos=[("a.png", PNG)])
        ticket.message_post(body="已受理", subtype_xmlid="mail.mt_comment")
        count, queries = self.count_queries(self.track_url(ticket))
        self.assertLessEqual(count, MAX_QUERIES, "\n".join(queries))
