# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The resident's path in headless Chromium on a phone-sized screen:
submit → follow (add information) → rate. The tours check that the pages
speak Chinese; the checks of what they did are here."""

import unittest

from odoo.tests import common, tagged

from .common import PortalCommon


@tagged("post_install", "-at_install")
class TestPortalTour(PortalCommon):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        # checked before Odoo tries, so that the reason is said in words
        if common.websocket is None:
            raise unittest.SkipTest(
                "the Python module websocket-client is missing: Odoo drives the "
                "headless browser through it"
            )
        try:
            common._find_executable()
        except unittest.SkipTest:
            raise unittest.SkipTest(
                "no Chrome/Chromium browser found on PATH: on Debian/Ubuntu run "
                "`apt-get install -y chromium`"
            ) from None
        super().setUpClass()
        if cls.page_lang != "zh_CN":
            raise unittest.SkipTest(
                "the tour reads the Chinese pages: install with --load-language zh_CN"
            )

    def test_submit_follow_rate(self):
        before = self.Ticket.search([])
        self.start_tour(
            f"/party/grid/{self.group.portal_token}", "party_grid_portal_submit_tour"
        )
        self.env.invalidate_all()
        ticket = self.Ticket.search([]) - before
        self.assertEqual(len(ticket), 1, "the tour sent one request")
        self.assertEqual(ticket.source, "online")
        self.assertEqual(ticket.grid_id, self.group)
        self.assertEqual(ticket.category_id, self.category)
        self.assertEqual(ticket.partner_id.name, "王秀英")
        messages = ticket._portal_messages()
        self.assertEqual(len(messages.attachment_ids), 1, "the photo")
        self.assertEqual(messages.attachment_ids.mimetype, "image/png")
        self.assertIn("第三根灯杆", messages[-1].body)
        # the grid handles and closes it
        ticket.with_user(self.user_worker).action_claim()
        ticket._op_submit("已更换灯泡，路灯恢复照明")
        ticket.action_verify()
        ticket._op_close(None, "已更换灯泡，已电话告知王秀英")
        self.start_tour(self.track_url(ticket), "party_grid_portal_rate_tour")
        self.env.invalidate_all()
        self.assertEqual(ticket.stage_code, "closed")
        self.assertEqual(ticket.satisfaction, "satisfied")
        self.assertEqual(ticket.rating_ids.rating, 5)
        self.assertIn("修得很及时", ticket.satisfaction_comment)
