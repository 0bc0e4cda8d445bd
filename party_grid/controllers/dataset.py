# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read-your-writes with a read replica (``--db_replica_host``).

Odoo sends the web client's read-only calls (``@api.readonly``: web_read,
web_search_read, web_read_group, the product's smart buttons and figures) to
the replica, which replays the primary's changes a moment later. A user who
has just logged a visit, claimed a ticket or imported a ledger would then read
the screen before their own change: the list without the visit, the ticket
still unclaimed.

So, when a call of a session wrote something, the primary's WAL position after
its commit is kept in the session; that session's read-only calls go to the
primary until the replica has replayed that position, and then to the replica
again. Other sessions are not held back. Without a replica configured nothing
is recorded and nothing is asked.
"""

import logging

from odoo import http
from odoo.http import request
from odoo.tools import config

from odoo.addons.web.controllers import dataset

_logger = logging.getLogger(__name__)

# the session key: the primary's WAL position (pg_lsn as text) after the last write
WRITE_LSN = "party_grid_write_lsn"


def _replica_configured():
    return config["db_replica_host"] is not False


def _remember_write():
    """After a read/write call: when its transaction wrote, keep the WAL
    position that includes its commit in the session (once committed: the
    position is only known then, after the dispatcher has saved the session,
    so the session is saved once more)."""
    if not _replica_configured() or request.env.cr.readonly:
        return
    cr = request.env.cr
    cr.flush()
    cr.execute("SELECT txid_current_if_assigned() IS NOT NULL")
    if not cr.fetchone()[0]:
        return  # nothing written (onchange, a refused call, ...)
    session = request.session

    @cr.postcommit.add
    def _keep_lsn():
        # after the commit: the insert position is at or past its commit record
        cr.execute("SELECT pg_current_wal_insert_lsn()::text")
        session[WRITE_LSN] = cr.fetchone()[0]
        # the dispatcher saved the session before the commit: save it again
        http.root.session_store.save(session)


def _replica_has_replayed(lsn):
    """Whether the replica has replayed the primary's WAL up to ``lsn``
    (True when the read-only cursor is not on a standby at all)."""
    with request.registry.cursor(readonly=True) as cr:
        cr.execute(
            "SELECT NOT pg_is_in_recovery()"
            " OR coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, false)",
            [lsn],
        )
        return cr.fetchone()[0]


class DataSet(dataset.DataSet):
    def _party_grid_call_kw_readonly(self):
        """The platform's decision (``@api.readonly``), except that a session
        whose last write the replica has not replayed yet reads the primary."""
        readonly = self._call_kw_readonly()
        lsn = request.session.get(WRITE_LSN)
        if readonly and lsn and _replica_configured():
            if not _replica_has_replayed(lsn):
                _logger.debug("replica behind %s: read on the primary", lsn)
                return False
            request.session.pop(WRITE_LSN, None)
        return readonly

    @http.route(readonly=_party_grid_call_kw_readonly)
    def call_kw(self, model, method, args, kwargs, path=None):
        result = super().call_kw(model, method, args, kwargs, path=path)
        _remember_write()
        return result

    @http.route(readonly=_party_grid_call_kw_readonly)
    def call_button(self, model, method, args, kwargs, path=None):
        result = super().call_button(model, method, args, kwargs, path=path)
        _remember_write()
        return result
