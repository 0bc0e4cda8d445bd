# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The residents' pages: the grid's QR page to submit a request (no login),
the private tracking page of one request (its access token) where the
resident adds information and rates the outcome, and "我的诉求" for
residents with a portal login.

Every route answers 404 alike for a ticket or grid that does not exist and
for a wrong token, so that ids and tokens cannot be told apart by trying."""

import re

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import MissingError, UserError
from odoo.http import request
from odoo.tools import consteq

from odoo.addons.portal.controllers.portal import CustomerPortal, pager

from ..models.party_ticket_portal import (
    DESCRIPTION_MAX,
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
)

# rate limits: (parameter, default count, seconds)
LIMITS = {
    "phone": ("party_grid_portal.limit_phone_per_hour", 5, 3600),
    "ip": ("party_grid_portal.limit_ip_per_hour", 30, 3600),
    "ticket": ("party_grid_portal.limit_ticket_per_day", 10, 86400),
}
# a request with 3 photos at the maximum size, and the text fields
MAX_CONTENT = MAX_PHOTOS * MAX_PHOTO_BYTES + 1024 * 1024
PAGE_SIZE = 20
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# what the submit page and a new ticket read of the grid
GRID_FIELDS = [
    "name",
    "complete_name",
    "org_name",
    "station_address",
    "station_phone",
    "parent_id",
    "level_id",
    "portal_token",
]


class PartyGridPortal(CustomerPortal):
    # ------------------------------------------------------------------ helpers

    def _party_lang(self):
        """The residents' pages speak Chinese where it is installed (a
        resident's phone may ask for anything, and has no user language)."""
        lang = request.env["res.lang"]._get_data(code="zh_CN")
        if lang and request.env.lang != "zh_CN":
            request.update_context(lang="zh_CN")
            request.lang = lang

    def _party_grid(self, token):
        if not TOKEN_RE.match(token or ""):
            raise NotFound()
        # sudo: the public page finds the grid by its QR token only; with
        # what the page and a new ticket read of it, in the same query
        grid = (
            request.env["party.grid"]
            .sudo()
            .search_fetch(
                [("portal_token", "=", token)],
                GRID_FIELDS,
                limit=1,
            )
        )
        if not grid:
            raise NotFound()
        return grid

    def _party_ticket(self, ticket_id, access_token):
        """The ticket (sudo) if the visitor holds its token, is its
        requester's portal user, or may read it in the back end."""
        # sudo: the token check needs the record; nothing is shown before
        # one of the checks below has passed
        ticket = request.env["party.ticket"].sudo().browse(ticket_id)
        try:
            token = ticket.access_token
        except MissingError:
            raise NotFound() from None
        user = request.env.user
        if access_token and token and consteq(token, str(access_token)):
            return ticket
        if not user._is_public():
            if ticket.partner_id == user.partner_id:
                return ticket
            if ticket.with_user(user).has_access("read"):
                return ticket
        raise NotFound()

    def _party_throttle(self, **values):
        """Count this request against the limits; the kind refused, or False."""
        params = request.env["ir.config_parameter"].sudo()
        limits = []
        for kind, value in values.items():
            param, default, seconds = LIMITS[kind]
            try:
                count = int(params.get_param(param, default))
            except ValueError:
                count = default
            limits.append((kind, value, count, seconds))
        # sudo: the counters have no access rights for anyone
        return request.env["party.portal.throttle"].sudo()._hit(limits)

    def _party_refused(self, kind):
        if kind == "phone":
            return request.env._(
                "This phone number has sent many requests in the last hour. Please "
                "wait a little, or call the service station."
            )
        return request.env._(
            "Many requests came from this network in a short time. Please try "
            "again later, or call the service station."
        )

    def _party_photos(self):
        files = request.httprequest.files.getlist("photos")
        photos = []
        for upload in files[: MAX_PHOTOS + 1]:
            # read one byte more than allowed: enough to refuse it
            data = upload.read(MAX_PHOTO_BYTES + 1)
            photos.append((upload.filename, data))
        return photos

    def _party_values(self, ticket, **extra):
        labels = dict(
            ticket._fields["resident_state"]._description_selection(request.env)
        )
        grid = ticket.grid_id
        values = {
            "ticket": ticket,
            "token": ticket.access_token,
            "state_label": labels.get(ticket.resident_state),
            "grid_label": grid.name,
            "level_label": grid.level_id.name,
            "office_label": ticket.office_id.name,
            "promised": ticket._portal_date(ticket.date_deadline),
            "received": ticket._portal_date(ticket.date_received),
            "messages": ticket._portal_messages(),
            "format_date": ticket._portal_date,
            "rating_labels": ticket._portal_rating_labels(),
            "max_photos": MAX_PHOTOS,
            "max_mb": MAX_PHOTO_BYTES // (1024 * 1024),
            "max_text": DESCRIPTION_MAX,
            "steps": [
                ("received", request.env._("Received")),
                ("accepted", request.env._("Accepted")),
                ("in_progress", request.env._("In Progress")),
                ("done", request.env._("Done")),
            ],
            "page_name": "party_request",
        }
        values.update(extra)
        return values

    # ------------------------------------------------------------------ submit

    @http.route(
        "/party/grid/<string:token>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def party_submit_page(self, token, **kw):
        self._party_lang()
        grid = self._party_grid(token)
        return self._party_render_submit(grid, {})

    def _party_render_submit(self, grid, values, error=None, status=200):
        user = request.env.user
        if not values and not user._is_public():
            values = {
                "name": user.partner_id.name,
                "phone": user.partner_id.mobile or user.partner_id.phone,
                "email": user.partner_id.email,
            }
        # sudo: the categories are configuration the public page lists
        categories = request.env["party.ticket.category"].sudo().search([])
        return request.render(
            "party_grid_portal.portal_submit",
            {
                "grid": grid,
                "categories": categories,
                "values": values,
                "error": error,
                "max_photos": MAX_PHOTOS,
                "max_mb": MAX_PHOTO_BYTES // (1024 * 1024),
                "max_text": DESCRIPTION_MAX,
                "page_name": "party_submit",
            },
            status=status,
        )

    @http.route(
        "/party/grid/<string:token>",
        type="http",
        auth="public",
        # not a frontend route: its page is always Chinese (_party_lang), so
        # the frontend's language lookup of every request is skipped
        methods=["POST"],
        sitemap=False,
        max_content_length=MAX_CONTENT,
    )
    def party_submit(self, token, **post):
        self._party_lang()
        grid = self._party_grid(token)
        values = {
            key: post.get(key, "")
            for key in ("category_id", "description", "name", "phone", "email")
        }
        Ticket = request.env["party.ticket"].sudo()
        try:
            phone = Ticket._portal_prepare_vals(grid, values)["requester_phone"]
            photos = self._party_photos()
            Ticket._portal_check_photos(photos)
        except UserError as error:
            return self._party_render_submit(grid, values, error.args[0], status=400)
        refused = self._party_throttle(
            phone=phone, ip=request.httprequest.remote_addr or "-"
        )
        if refused:
            return self._party_render_submit(
                grid, values, self._party_refused(refused), status=429
            )
        # sudo: a resident without a login creates the ticket of the grid
        # they scanned; _portal_submit takes only the checked values
        ticket, _message = Ticket._portal_submit(
            grid, values, photos, user=request.env.user
        )
        return request.redirect(
            f"{ticket.access_url}?access_token={ticket.access_token}&submitted=1"
        )

    # ------------------------------------------------------------------ follow

    @http.route(
        "/my/requests/<int:ticket_id>",
        type="http",
        auth="public",
        website=True,
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def party_request_page(self, ticket_id, access_token=None, **kw):
        self._party_lang()
        ticket = self._party_ticket(ticket_id, access_token)
        return request.render(
            "party_grid_portal.portal_request",
            self._party_values(ticket, submitted=bool(kw.get("submitted"))),
        )

    def _party_back(self, ticket, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return request.redirect(
            f"{ticket.access_url}?access_token={ticket.access_token}&{query}"
        )

    @http.route(
        "/my/requests/<int:ticket_id>/info",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
        max_content_length=MAX_CONTENT,
    )
    def party_request_info(self, ticket_id, access_token=None, **post):
        self._party_lang()
        ticket = self._party_ticket(ticket_id, access_token)
        try:
            photos = self._party_photos()
            ticket._portal_check_photos(photos)
            ticket._portal_clean_text(
                post.get("text"),
                DESCRIPTION_MAX,
                request.env._("Write what you want to add."),
            )
        except UserError as error:
            return self._party_render_error(ticket, error.args[0])
        refused = self._party_throttle(
            ticket=ticket.id, ip=request.httprequest.remote_addr or "-"
        )
        if refused:
            return self._party_render_error(ticket, self._party_refused(refused), 429)
        ticket._portal_add_info(post.get("text"), photos)
        return self._party_back(ticket, added=1)

    def _party_render_error(self, ticket, error, status=400):
        return request.render(
            "party_grid_portal.portal_request",
            self._party_values(ticket, error=error),
            status=status,
        )

    @http.route(
        "/my/requests/<int:ticket_id>/rate",
        type="http",
        auth="public",
        website=True,
        methods=["POST"],
        sitemap=False,
    )
    def party_request_rate(self, ticket_id, access_token=None, **post):
        self._party_lang()
        ticket = self._party_ticket(ticket_id, access_token)
        try:
            ticket._portal_rate(post.get("satisfaction"), post.get("comment"))
        except UserError as error:
            return self._party_render_error(ticket, error.args[0])
        return self._party_back(ticket, rated=1)

    @http.route(
        "/my/requests/<int:ticket_id>/photo/<int:attachment_id>",
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
        readonly=True,
    )
    def party_request_photo(self, ticket_id, attachment_id, access_token=None, **kw):
        ticket = self._party_ticket(ticket_id, access_token)
        attachment = ticket._portal_messages().attachment_ids.filtered(
            lambda att: att.id == attachment_id
        )
        if not attachment:
            raise NotFound()
        return request.env["ir.binary"]._get_stream_from(attachment).get_response()

    # ------------------------------------------------------------------ 我的诉求

    def _party_my_domain(self):
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "party_request_count" in counters:
            # sudo: a resident's own requests, by their partner
            values["party_request_count"] = (
                request.env["party.ticket"].sudo().search_count(self._party_my_domain())
            )
        return values

    @http.route(
        ["/my/requests", "/my/requests/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        readonly=True,
    )
    def party_my_requests(self, page=1, **kw):
        self._party_lang()
        # sudo: a resident's own requests, by their partner
        Ticket = request.env["party.ticket"].sudo()
        domain = self._party_my_domain()
        total = Ticket.search_count(domain)
        page_pager = pager(url="/my/requests", total=total, page=page, step=PAGE_SIZE)
        tickets = Ticket.search(
            domain,
            order="date_received desc, id desc",
            limit=PAGE_SIZE,
            offset=page_pager["offset"],
        )
        labels = dict(
            Ticket._fields["resident_state"]._description_selection(request.env)
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "tickets": tickets,
                "labels": labels,
                "pager": page_pager,
                "format_date": Ticket._portal_date,
                "page_name": "party_requests",
            }
        )
        return request.render("party_grid_portal.portal_my_requests", values)
