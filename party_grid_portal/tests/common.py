# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
import struct
import zlib
from unittest.mock import patch

from odoo.tests import HttpCase, new_test_user

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def make_png(width=8, height=8):
    """A small valid PNG."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = make_png()
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


class PortalCommon(HttpCase):
    """A village with its service station and a party group below it, the
    village head (no e-mail), a grid worker, and helpers that act as a
    resident's phone does: open the page, then post the form."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context))
        Level = cls.env["party.grid.level"]
        cls.level_village, cls.level_group = Level.create(
            [
                {"name": "村级", "code": "T_P_VILLAGE", "sequence": 130},
                {"name": "党小组", "code": "T_P_GROUP", "sequence": 140},
            ]
        )
        cls.user_head = new_test_user(
            cls.env, "pg_p_head", groups="party_grid.party_grid_group_head", email=False
        )
        cls.user_worker = new_test_user(
            cls.env, "pg_p_worker", groups="party_grid.party_grid_group_worker"
        )
        Grid = cls.env["party.grid"]
        cls.village = Grid.create(
            {
                "name": "测试村",
                "level_id": cls.level_village.id,
                "station_address": "测试村便民服务站",
                "station_phone": "0318-5551234",
                "head_id": cls.user_head.id,
            }
        )
        cls.group, cls.other = Grid.create(
            [
                {
                    "name": "第一小组",
                    "parent_id": cls.village.id,
                    "level_id": cls.level_group.id,
                },
                {
                    "name": "第二小组",
                    "parent_id": cls.village.id,
                    "level_id": cls.level_group.id,
                },
            ]
        )
        cls.env["party.grid.role"].create(
            {
                "grid_id": cls.group.id,
                "user_id": cls.user_worker.id,
                "role": "full_time",
            }
        )
        cls.category = cls.env.ref("party_grid.party_ticket_category_facility")
        # the pages speak Chinese where it is installed (the test database
        # of scripts/test.sh has it)
        cls.page_lang = "zh_CN" if cls.env["res.lang"]._lang_get("zh_CN") else "en_US"
        cls.public = cls.env.ref("base.public_user")
        cls.Ticket = cls.env["party.ticket"].with_context(active_test=False)

    def setUp(self):
        super().setUp()
        # every test starts with no counted submissions
        self.env["party.portal.throttle"].search([]).unlink()

    # ------------------------------------------------------------------ helpers

    def page_text(self, record, fname):
        """What the page shows of ``record.fname``, in the page's language."""
        return record.with_context(lang=self.page_lang)[fname]

    def in_page_lang(self, english, chinese):
        return chinese if self.page_lang == "zh_CN" else english

    def _csrf(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return CSRF_RE.search(response.text).group(1)

    def _form(self, **values):
        form = {
            "category_id": str(self.category.id),
            "description": "村东头路灯坏了三天，晚上看不见路。",
            "name": "王秀英",
            "phone": "13912345678",
        }
        form.update(values)
        return form

    def submit(self, grid=None, photos=(), headers=None, **values):
        """Submit the form of ``grid``'s QR page; the response (redirects
        not followed)."""
        url = f"/party/grid/{(grid or self.group).portal_token}"
        data = self._form(csrf_token=self._csrf(url), **values)
        files = [("photos", (name, content, "image/png")) for name, content in photos]
        return self.url_open(
            url,
            data=data,
            files=files or None,
            allow_redirects=False,
            headers=headers,
        )

    def submit_ok(self, **kwargs):
        """Submit and return the new ticket (sudo, as created)."""
        before = self.Ticket.search([])
        response = self.submit(**kwargs)
        self.assertEqual(response.status_code, 303, response.text[:2000])
        ticket = self.Ticket.search([]) - before
        self.assertEqual(len(ticket), 1)
        self.assertIn(
            f"/my/requests/{ticket.id}?access_token={ticket.access_token}",
            response.headers["Location"],
        )
        return ticket

    def track_url(self, ticket, token=None):
        return f"/my/requests/{ticket.id}?access_token={token or ticket.access_token}"

    def post_on(self, ticket, what, data, photos=(), token=None):
        """Post a form of ``ticket``'s tracking page (with ``token``)."""
        page = self.track_url(ticket, token=token)
        token = token or ticket.access_token
        csrf = self._csrf(self.track_url(ticket))
        files = [("photos", (name, content, "image/png")) for name, content in photos]
        return self.url_open(
            f"/my/requests/{ticket.id}/{what}?access_token={token}",
            data=dict(data, csrf_token=csrf),
            files=files or None,
            allow_redirects=False,
        ), page

    def count_queries(self, url):
        """SQL queries of one request, warm (the 2nd of two), as the
        request's test cursor runs them on the test's cursor; the test
        cursor's own savepoints are not counted."""
        self.url_open(url)
        self.env.flush_all()
        queries = []
        real_execute = type(self.cr).execute

        def execute(cr, query, params=None, log_exceptions=True):
            text = str(query.code if hasattr(query, "code") else query)
            if (
                not text.lstrip()
                .upper()
                .startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO"))
            ):
                queries.append(text)
            return real_execute(cr, query, params, log_exceptions)

        with patch.object(type(self.cr), "execute", execute):
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return len(queries), queries

    def done_ticket(self):
        """A ticket the resident submitted, handled and closed by the grid:
        waiting for the return visit."""
        ticket = self.submit_ok()
        # the grid worker claims it, and a result is submitted while handled
        ticket.with_user(self.user_worker).action_claim()
        ticket._op_submit("路灯已更换灯泡")
        ticket.action_verify()
        ticket._op_close(None, "已电话告知王秀英")
        self.assertEqual(ticket.stage_code, "done")
        return ticket
