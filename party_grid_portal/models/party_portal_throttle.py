# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
from datetime import timedelta

from psycopg2.extensions import ISOLATION_LEVEL_READ_COMMITTED

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

        Counted in a short transaction of its own, READ COMMITTED and
        committed at once: concurrent requests for the same key wait for
        each other (an advisory lock) and each then sees the hits of those
        it waited for, so that a burst from one phone or address cannot slip
        past the count (the request's own transaction is REPEATABLE READ: its
        snapshot, taken before the wait, would not see them). A hit stays
        counted if the submission then fails. Under tests, whose requests
        share the test's transaction, it is counted in the request's."""
        if self.env.registry.in_test_mode():
            return self._hit_in(self.env.cr, limits)
        with self.env.registry.cursor() as cr:
            cr.connection.set_isolation_level(ISOLATION_LEVEL_READ_COMMITTED)
            return self._hit_in(cr, limits)

    @api.model
    def _hit_in(self, cr, limits):
        now = fields.Datetime.now()
        limits = sorted(
            (self._key(kind, value), kind, count, now - timedelta(seconds=seconds))
            for kind, value, count, seconds in limits
        )
        keys = [key for key, _kind, _count, _since in limits]
        # the locks in one statement, in the keys' order (no deadlock between
        # two requests sharing two keys); the counts in one grouped query
        cr.execute(
            SQL(
                "SELECT pg_advisory_xact_lock(hashtext(k)) "
                "FROM unnest(%s::varchar[]) WITH ORDINALITY AS l(k, n) ORDER BY n",
                keys,
            )
        )
        cr.execute(
            SQL(
                "SELECT t.key, count(*) FROM party_portal_throttle t "
                "JOIN unnest(%s::varchar[], %s::timestamp[]) AS l(key, since) "
                "ON t.key = l.key AND t.date > l.since GROUP BY t.key",
                keys,
                [since for _key, _kind, _count, since in limits],
            )
        )
        hits = dict(cr.fetchall())
        for key, kind, count, _since in limits:
            if hits.get(key, 0) >= count:
                return kind
        cr.execute(
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
