# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from lxml import html as lxml_html

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger
from odoo.tools.image import base64_to_image

from odoo.addons.party_grid_reports.tests.common import (  # pylint: disable=import-error
    ReportsCommon,
)

PREFIX = "data:image/png;base64,"


def modules(png_base64):
    """The black and white modules of a QR code image (the image itself
    differs from one drawing to the next in its grey edges)."""
    image = base64_to_image(png_base64).convert("L")
    return bytes(pixel < 128 for pixel in image.getdata())


def qr_codes(html):
    """[(QR code's modules, the address it stands for)] of a report."""
    return [
        (modules(img.get("src").removeprefix(PREFIX)), img.get("data-url"))
        for img in lxml_html.fromstring(html).xpath("//img[@data-url]")
        if img.get("src", "").startswith(PREFIX)
    ]


@tagged("post_install", "-at_install")
class TestReportQr(ReportsCommon, HttpCase):
    """The residents' QR code of each grid on the contact cards and notice
    board that party_grid_reports prints: the code of the card's own grid,
    which opens that grid's submit page."""

    def assertSameCodes(self, codes, expected, msg=None):
        """The same QR codes in any order: the same addresses, and images
        that differ at most in a few pixels of the modules' grey edges (a
        pixel near mid-grey may fall either side from one drawing to the
        next; two different codes differ in far more)."""
        self.assertEqual(len(codes), len(expected), msg)
        for (pixels, url), (want, want_url) in zip(
            sorted(codes, key=lambda code: code[1]),
            sorted(expected, key=lambda code: code[1]),
            strict=True,
        ):
            self.assertEqual(url, want_url, msg)
            self.assertEqual(len(pixels), len(want), msg)
            differing = sum(a != b for a, b in zip(pixels, want, strict=True))
            self.assertLess(differing, len(want) // 200, msg or url)

    def _html(self, report, records, user=None):
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(user or self.user_township)
            .with_context(lang="zh_CN")
            ._render_qweb_html(f"party_grid_reports.{report}", records.ids)
        )
        return html.decode()

    def _expected(self, grid):
        """The grid's submit page and the QR code of exactly that address."""
        grid = grid.sudo()
        url = grid.portal_url
        self.assertTrue(url.endswith(f"/party/grid/{grid.portal_token}"))
        png = self.env["ir.actions.report"].barcode("QR", url, width=300, height=300)
        return modules(base64.b64encode(png)), url

    def test_contact_cards_carry_their_grid_qr(self):
        # V1's cards: G1's two households and G2's one, each with its own grid
        html = self._html("contact_card_report", self.v1)
        codes = qr_codes(html)
        self.assertEqual(len(codes), 3, "one code per card")
        self.assertEqual(html.count("扫码反映诉求"), 3)
        self.assertNotIn("Scan to send a request", html)
        g1, g2 = self._expected(self.g1), self._expected(self.g2)
        self.assertSameCodes(codes, [g1, g1, g2])
        self.assertNotEqual(g1[0], g2[0])
        # the code leads to the resident's page of that grid
        response = self.url_open(
            g1[1].replace(self.env["party.grid"].get_base_url(), "")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("V1 / G1", response.text)

    def test_new_token_new_code(self):
        """A new QR code (a card fell into the wrong hands): the cards
        printed afterwards carry the new one."""
        before = qr_codes(self._html("contact_card_report", self.g1))[0]
        self.g1.with_user(self.user_head).action_portal_reset_token()
        after = qr_codes(self._html("contact_card_report", self.g1))[0]
        self.assertNotEqual(before, after)
        self.assertSameCodes([after], [self._expected(self.g1)])

    def test_notice_board(self):
        html = self._html("notice_board_a4_report", self.g1, user=self.user_head)
        self.assertSameCodes(qr_codes(html), [self._expected(self.g1)])
        self.assertIn("扫码反映诉求", html)
        self.assertIn("公示牌", html)

    def test_worker_prints_cards(self):
        """A grid worker prints the cards of their grid, QR included,
        although the token is not theirs to change."""
        html = self._html("contact_card_report", self.g1, user=self.user_worker)
        expected = self._expected(self.g1)
        self.assertSameCodes(qr_codes(html), [expected, expected], "both of G1's cards")

    def test_pdf(self):
        """Through wkhtmltopdf where it is usable (the HTML above is what
        is printed otherwise)."""
        state = self.env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.skipTest(f"wkhtmltopdf is not usable here (state {state!r})")
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        Report = (
            self.env["ir.actions.report"]
            .with_user(self.user_head)
            .with_context(lang="zh_CN", force_report_rendering=True)
        )
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = Report._render_qweb_pdf(
                "party_grid_reports.contact_card_report", self.g1.ids
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertIn(b"/Image", pdf, "the QR code is printed")
