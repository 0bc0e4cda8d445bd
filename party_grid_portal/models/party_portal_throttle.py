# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# how long the counters are kept (the longest window below)
KEEP_HOURS = 24


class PartyPortalThrottle(models.Model):
    """Counters of what residents sent through the portal, per phone, per
    address (IP) and per ticket, to refuse floods. Only a hash of the phone
    or address is kept, and only for a day: these are counters, not history,
    and the scheduled clean-up deletes them."""

    _name = "party.portal.throttle"
    _description = "Portal Rate Limit Counter"
    _log_access = False
    _order = "id desc"

    key = fields.Char(required=True, index=True, readonly=True)
    date = fields.Datetime(
        required=True, index=True, readonly=True, default=fields.Datetime.now
    )

    @api.model
    def _key(self, kind, value):
        digest = hashlib.sha256(f"{kind}:{value}".encode()).hexdigest()
        return f"{kind}:{digest[:40]}"

    @api.model
    def _hit(self, limits):
        """``limits``: [(kind, value, count, seconds)]. Count one hit for
        each key unless one of them already has ``count`` hits within
        ``seconds``; returns the kind that is over its limit, or False.

        Concurrent requests for the same key wait for each other (a
        transaction-level advisory lock). Known limit: Odoo's transactions
        are REPEATABLE READ, so the count does not see the hits committed
        by the requests it waited for; a burst of simultaneous requests from
        one phone or address can pass the limit (10 at once with a limit of
        5 all passed on a served instance). Requests one after another are
        counted exactly (the test sends 50 from one phone)."""
        now = fields.Datetime.now()
        limits = sorted(
            (self._key(kind, value), kind, count, now - timedelta(seconds=seconds))
            for kind, value, count, seconds in limits
        )
        keys = [key for key, _kind, _count, _since in limits]
        # the locks in one statement, in the keys' order (no deadlock between
        # two requests sharing two keys); the counts in one grouped query
        self.env.cr.execute(
            SQL(
                "SELECT pg_advisory_xact_lock(hashtext(k)) "
                "FROM unnest(%s::varchar[]) WITH ORDINALITY AS l(k, n) ORDER BY n",
                keys,
            )
        )
        self.env.cr.execute(
            SQL(
                "SELECT t.key, count(*) FROM party_portal_throttle t "
                "JOIN unnest(%s::varchar[], %s::timestamp[]) AS l(key, since) "
                "ON t.key = l.key AND t.date > l.since GROUP BY t.key",
                keys,
                [since for _key, _kind, _count, since in limits],
            )
        )
        hits = dict(self.env.cr.fetchall())
        for key, kind, count, _since in limits:
            if hits.get(key, 0) >= count:
                return kind
        self.env.cr.execute(
            SQL(
                "INSERT INTO party_portal_throttle (key, date) "
                "SELECT unnest(%s::varchar[]), %s",
                keys,
                now,
            )
        )
        return False

    @api.model
    def _cron_clean(self):
        """Delete the counters older than the longest window."""
        self.env.cr.execute(
            SQL(
                "DELETE FROM party_portal_throttle WHERE date < %s",
                fields.Datetime.now() - timedelta(hours=KEEP_HOURS),
            )
        )
        self.env["ir.cron"]._notify_progress(done=self.env.cr.rowcount, remaining=0)
