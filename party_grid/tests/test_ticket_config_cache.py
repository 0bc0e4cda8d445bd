# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import tagged

from .ticket_common import PartyTicketCommon


@tagged("post_install", "-at_install")
class TestTicketConfigCache(PartyTicketCommon):
    """The stages and time limits a new ticket is given are looked up once
    per server process and kept: what the administrator changes in the
    configuration applies to the next ticket all the same."""

    def _queries_on(self, tables, func):
        """The queries ``func`` sends that read one of ``tables``."""
        seen = []
        real_execute = type(self.env.cr).execute

        def execute(cr, query, params=None, log_exceptions=True):
            text = str(query.code if hasattr(query, "code") else query)
            if any(f'FROM "{table}"' in text for table in tables):
                seen.append(text)
            return real_execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", execute):
            func()
        return seen

    def test_new_ticket_reads_no_configuration_twice(self):
        self._ticket()
        self.env.invalidate_all()
        queries = self._queries_on(
            ["party_ticket_stage", "party_ticket_time_limit"],
            lambda: self._ticket(title="Second light"),
        )
        # the stage and the limits are read for their values (one query
        # each, as any record), never searched again
        self.assertFalse([q for q in queries if '"code" =' in q], queries)
        self.assertLessEqual(len(queries), 2, queries)

    def test_new_ticket_is_inserted_whole(self):
        """Its stored computed fields go into the INSERT: no UPDATE of the
        ticket right after it was created."""
        self._ticket()
        updates = []
        real_execute = type(self.env.cr).execute

        def execute(cr, query, params=None, log_exceptions=True):
            text = str(query.code if hasattr(query, "code") else query)
            if text.lstrip().startswith('UPDATE "party_ticket"'):
                updates.append(text)
            return real_execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", execute):
            ticket = self._ticket(title="Third light")
            self.env.flush_all()
        self.assertFalse(updates)
        self.assertEqual(ticket.stage_code, "new")
        self.assertFalse(ticket.is_closed)
        self.assertEqual(ticket.level_id, self.level_group)
        self.assertEqual(ticket.deadline_signal, "on_time")
        self.assertFalse(ticket.closed_on_time)
        self.assertFalse(ticket.resolution_scope)

    def test_stage_changes_apply_to_the_next_ticket(self):
        new = self.stage["new"]
        self.assertEqual(self._ticket().stage_id, new)
        # the administrator puts a stage of the same kind before it
        intake = self.env["party.ticket.stage"].create(
            {"name": "Intake", "code": "new", "sequence": 0}
        )
        self.assertEqual(self._ticket(title="Second").stage_id, intake)
        intake.active = False
        self.assertEqual(self._ticket(title="Third").stage_id, new)
        # an archived stage is never chosen, even by a caller who asks for
        # archived records too
        Ticket = self.env["party.ticket"].with_context(active_test=False)
        self.assertEqual(Ticket._get_stage("new"), new)

    def test_limit_changes_apply_to_the_next_ticket(self):
        limit = self.env["party.ticket.time.limit"].search(
            [("handling_type", "=", "promised"), ("level_id", "=", self.level_group.id)]
        )
        with freeze_time("2026-03-02 08:00:00"):
            self.assertEqual(self._ticket().date_deadline, datetime(2026, 3, 5, 8, 0))
            limit.write({"finish_warning": 12, "finish_limit": 24})
            self.assertEqual(
                self._ticket(title="Second").date_deadline, datetime(2026, 3, 3, 8, 0)
            )
            # without the group's own limit: the data's limit for every
            # level, as at the township, which has no limit of its own
            limit.unlink()
            ticket = self._ticket(title="Third")
            township = self._ticket(grid=self.t1, user=self.user_township)
            self.assertTrue(ticket.date_deadline)
            self.assertEqual(ticket.date_deadline, township.date_deadline)
            self.assertNotEqual(ticket.date_deadline, datetime(2026, 3, 3, 8, 0))

    def test_deleted_level_takes_its_limits_along(self):
        level = self.env["party.grid.level"].create(
            {"name": "Street", "code": "T_STREET", "sequence": 160}
        )
        limit = self.env["party.ticket.time.limit"].create(
            {"handling_type": "promised", "level_id": level.id, "finish_limit": 5}
        )
        self._ticket()
        self.assertIn(limit, self.env["party.ticket.time.limit"]._get_limits().values())
        level.unlink()
        self.assertFalse(limit.exists())
        self.assertNotIn(
            limit.id,
            [id_ for _key, id_ in self.env["party.ticket.time.limit"]._limit_ids()],
        )
        self.assertTrue(self._ticket(title="Second").date_deadline)

    def test_configuration_is_the_managers(self):
        """Stages, time limits and grid levels are the manager's: every other
        role's create, write and unlink, as RPC calls them, is refused and
        saves nothing, and the next ticket is as before; what the manager
        changes applies to the next ticket."""
        limit = self.env["party.ticket.time.limit"].search(
            [("handling_type", "=", "promised"), ("level_id", "=", self.level_group.id)]
        )
        cases = [
            (
                self.stage["new"],
                {"name": "Intake", "code": "new", "sequence": 0},
                {"sequence": 0},
            ),
            (limit, {"handling_type": "joint"}, {"finish_limit": 1}),
            (self.level_member, {"name": "Street", "code": "T_ST"}, {"sequence": 1}),
        ]
        before = {record: record.read(list(vals))[0] for record, _new, vals in cases}
        counts = {
            record._name: record.search_count([]) for record, _new, _vals in cases
        }
        for user in (
            self.user_worker,
            self.user_head,
            self.user_township,
            self.user_county,
            self.user_instructor,
            self.user_office,
            self.user_outsider,
        ):
            for record, new, vals in cases:
                with self.subTest(user=user.login, model=record._name):
                    with self.assertRaises(AccessError):
                        record.with_user(user).create(new)
                    with self.assertRaises(AccessError):
                        record.with_user(user).write(vals)
                    with self.assertRaises(AccessError):
                        record.with_user(user).unlink()
        self.env.invalidate_all()
        for record, _new, vals in cases:
            self.assertTrue(record.exists())
            self.assertEqual(record.read(list(vals))[0], before[record])
            self.assertEqual(record.search_count([]), counts[record._name])
        with freeze_time("2026-03-02 08:00:00"):
            ticket = self._ticket()
            self.assertEqual(ticket.stage_id, self.stage["new"])
            self.assertEqual(ticket.date_deadline, datetime(2026, 3, 5, 8, 0))
            # the manager changes them: the next ticket follows
            manager = self.user_manager
            limit.with_user(manager).write({"finish_warning": 12, "finish_limit": 24})
            intake = (
                self.env["party.ticket.stage"]
                .with_user(manager)
                .create({"name": "Intake", "code": "new", "sequence": 0})
            )
            ticket = self._ticket(title="Second")
            self.assertEqual(ticket.stage_id, intake)
            self.assertEqual(ticket.date_deadline, datetime(2026, 3, 3, 8, 0))
