# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

import psycopg2
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .party_grid_tools import readable_name

# an extension asks for at most this many days from today
EXTENSION_MAX_DAYS = 90


class PartyTicket(models.Model):
    """Handling operations of a ticket: claim, moves between levels and
    offices, extensions, supervision, parking, merging; each writes its
    handling-log line."""

    _inherit = "party.ticket"

    # ------------------------------------------------------------------ helpers

    def _covers(self, grid, user=None):
        """Whether ``user`` (default: the current user) works on ``grid``: the
        grid is in the subtree of one of their grids, or they are county
        leaders (or the superuser)."""
        user = user or self.env.user
        if not grid:
            return False
        if (user == self.env.user and self.env.su) or user.has_group(
            "party_grid.party_grid_group_county"
        ):
            return True
        path = grid.sudo().parent_path or ""
        # sudo: reading the user's own scope, which feeds the record rules
        return any(
            path.startswith(scope.parent_path)
            for scope in user.sudo().party_grid_scope_ids
        )

    @api.model
    def _works_within(self, user, grid, top):
        """Whether ``user`` works on ``grid`` through a grid of the subtree of
        ``top`` (a person one may assign a ticket of ``top`` down to)."""
        top_path = top.sudo().parent_path
        path = grid.sudo().parent_path
        return any(
            scope.parent_path.startswith(top_path)
            and path.startswith(scope.parent_path)
            for scope in user.sudo().party_grid_scope_ids
        )

    def _check_covers(self, grid, what):
        if not self._covers(grid):
            raise UserError(
                self.env._(
                    "You cannot %(what)s ticket %(ticket)s: grid “%(grid)s” is not "
                    "among the grids you work on.",
                    what=what,
                    ticket=self.name,
                    grid=grid.sudo().complete_name,
                )
            )

    def _check_open(self):
        for ticket in self:
            if ticket.is_closed or ticket.stage_code == "parked":
                raise UserError(
                    self.env._(
                        "Ticket %(ticket)s is %(stage)s: this operation needs an "
                        "open ticket.",
                        ticket=ticket.name,
                        stage=ticket.stage_id.name,
                    )
                )

    @staticmethod
    def _require(text, message):
        if not (text or "").strip():
            raise UserError(message)
        return text.strip()

    def _operation_label(self, operation):
        labels = dict(
            self.env["party.ticket.log"]
            ._fields["operation"]
            ._description_selection(self.env)
        )
        return labels[operation]

    def _apply(self, operation, vals=None, reason=None, moved=False):
        """Write the handling log line of ``operation`` (from the ticket's
        current grid/user/office/stage to those in ``vals``), post it in the
        chatter, then apply ``vals``. A move resets the deadlines from now."""
        self.ensure_one()
        vals = dict(vals or {})
        new_grid = self.env["party.grid"].browse(vals.get("grid_id", self.grid_id.id))
        new_user = (
            self.env["res.users"].browse(vals["user_id"])
            if "user_id" in vals
            else self.user_id
        )
        new_office = (
            self.env["party.ticket.office"].browse(vals["office_id"])
            if "office_id" in vals
            else self.office_id
        )
        new_stage = (
            self.env["party.ticket.stage"].browse(vals["stage_id"])
            if "stage_id" in vals
            else self.stage_id
        )
        now = fields.Datetime.now()
        # the operation is the user's own change of the ticket: their access
        # rights and record rules apply, before anything is written
        self.check_access("write")
        # sudo: users have no create right on the handling log; the operation
        # writes its own line, in the acting user's name
        log = (
            self.env["party.ticket.log"]
            .sudo()
            .create(
                {
                    "user_id": self.env.uid,
                    "ticket_id": self.id,
                    "operation": operation,
                    "date": now,
                    "from_grid_id": self.grid_id.id,
                    "to_grid_id": new_grid.id,
                    "from_user_id": self.user_id.id,
                    "to_user_id": new_user.id,
                    "from_office_id": self.office_id.id,
                    "to_office_id": new_office.id,
                    "from_stage_id": self.stage_id.id,
                    "to_stage_id": new_stage.id,
                    "reason": reason,
                }
            )
        )
        self._post_log(log)
        if moved:
            vals.update(self._fresh_deadlines(vals, now))
        # sudo: the operation fields are refused to users' writes (see
        # write()); the checks of the operation and check_access above allow it.
        # The new assignee is told by the operation's own to-do (_notify_user)
        ticket = self.sudo().with_context(mail_auto_subscribe_no_notify=True)
        ticket.write(vals)
        # a flag about the accept limit goes once the ticket is accepted
        ticket.write(self._deadline_state_vals(now))
        return log

    def _fresh_deadlines(self, vals, now=None):
        """The time limits of a ticket that arrives somewhere (``vals``: its
        new grid, handling type): they start afresh from now."""
        now = now or fields.Datetime.now()
        grid = self.env["party.grid"].browse(vals.get("grid_id", self.grid_id.id))
        fresh = {
            "date_assigned": now,
            "deadline_state": "normal",
            "deadline_limit": False,
            "reminder_state": "normal",
            **self.env["party.ticket.time.limit"]._deadlines(
                vals.get("handling_type", self.handling_type),
                grid.sudo().level_id,
                now,
            ),
        }
        if self.extension_state == "requested":
            fresh["extension_state"] = "none"
        return fresh

    def _post_log(self, log):
        self.ensure_one()
        parts = []
        for label, old, new in (
            (self.env._("Grid"), log.from_grid_id, log.to_grid_id),
            (self.env._("Assignee"), log.from_user_id, log.to_user_id),
            (self.env._("Office"), log.from_office_id, log.to_office_id),
            (self.env._("Stage"), log.from_stage_id, log.to_stage_id),
        ):
            if old != new:
                parts.append(
                    Markup("%s: %s → %s")
                    % (
                        label,
                        old.sudo().display_name or "-",
                        new.sudo().display_name or "-",
                    )
                )
        body = Markup("<b>%s</b>") % self._operation_label(log.operation)
        if parts:
            body += Markup("<br/>") + Markup("<br/>").join(parts)
        if log.reason:
            body += Markup("<br/>%s %s") % (self.env._("Why:"), log.reason)
        # a note in the acting user's name that sends no e-mail, so that a
        # grid worker without an e-mail address can handle tickets
        self._message_log(body=body)

    def _notify_user(self, user, summary):
        """A to-do for ``user``, notified in their inbox (and by e-mail where
        they have one) even when the acting user has no e-mail address."""
        if not user:
            return
        activity = self.with_context(mail_activity_quick_update=True).activity_schedule(  # pylint: disable=no-member
            "party_grid.mail_activity_type_ticket_handling",
            summary=summary,
            user_id=user.id,
        )
        if user == self.env.user:
            return
        if self.env.user.email:
            activity.action_notify()
        else:
            # sudo: Odoo refuses a notification whose author has no e-mail
            # address; the activity itself was created with the user's rights.
            # Queued, not sent now: the mail server's default sender sends it
            activity.sudo().with_context(mail_notify_force_send=False).action_notify()

    # ------------------------------------------------------------------ operations
    # the table of operations (party_ticket_operation.py) runs them; here what
    # is specific to each: the state it needs and what it writes

    def _ready_claim(self):
        if self.user_id:
            return self.env._(
                "Ticket %(ticket)s has already been claimed by %(user)s.",
                ticket=self.name,
                user=readable_name(self.env, self.user_id),
            )
        return None

    def action_claim(self):
        """认领: take an unassigned ticket of a grid one works on."""
        return self._run_operation("claim")

    def _do_claim(self):
        """Two users claiming at once: the row lock decides, and the second
        one is told so in words (in or outside a web request), not by a
        database error."""
        self.check_access("write")
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(
                    SQL(
                        "SELECT user_id FROM party_ticket WHERE id = %s "
                        "FOR UPDATE NOWAIT",
                        self.id,
                    ),
                    log_exceptions=False,
                )
                (holder,) = self.env.cr.fetchone()
        except (
            psycopg2.errors.LockNotAvailable,
            psycopg2.errors.SerializationFailure,
        ):
            raise UserError(
                self.env._(
                    "Someone else is claiming or changing ticket %(ticket)s at "
                    "this very moment; reload the board.",
                    ticket=self.name,
                )
            ) from None
        if holder:
            self.invalidate_recordset(["user_id"])
            raise UserError(self._ready_claim())
        vals = {"user_id": self.env.uid}
        if self.stage_code == "new":
            vals["stage_id"] = self._get_stage("accepted").id
        if not self.date_accepted:
            vals["date_accepted"] = fields.Datetime.now()
        return vals

    def action_start(self):
        return self._run_operation("start")

    def _op_assign(self, grid, user, reason=None):
        return self._run_operation(
            "assign", target_grid_id=grid, target_user_id=user, reason=reason
        )

    def _do_assign(self, target_grid_id=None, target_user_id=None, reason=None):
        """交办: hand the ticket down to a grid of its subtree and/or a person
        who works there."""
        grid = target_grid_id or self.grid_id
        user = target_user_id or self.env["res.users"]
        if not grid.sudo().parent_path.startswith(self.grid_id.sudo().parent_path):
            raise UserError(
                self.env._(
                    "Grid “%(grid)s” is not within grid “%(current)s”: tickets are "
                    "assigned down only.",
                    grid=readable_name(self.env, grid, "complete_name"),
                    current=self.grid_id.sudo().complete_name,
                )
            )
        if user and not self._works_within(user, grid, self.grid_id):
            raise UserError(
                self.env._(
                    "%(user)s does not work on grid “%(grid)s” or above it within "
                    "this ticket's subtree: assign the ticket to someone of the "
                    "subtree.",
                    user=user.name,
                    grid=readable_name(self.env, grid, "complete_name"),
                )
            )
        if grid == self.grid_id and user == self.user_id:
            raise UserError(
                self.env._("Choose another grid or another person to assign to.")
            )
        vals = {
            "grid_id": grid.id,
            "user_id": user.id,
            "stage_id": self._get_stage("accepted" if user else "new").id,
        }
        if user and not self.date_accepted:
            vals["date_accepted"] = fields.Datetime.now()
        return vals

    def _ready_report(self):
        if not self.grid_id.sudo().parent_id:
            return self.env._(
                "Grid “%(grid)s” is the top of the grid tree: there is no "
                "higher level to report ticket %(ticket)s to.",
                grid=self.grid_id.sudo().complete_name,
                ticket=self.name,
            )
        return None

    def _op_report(self, grid=None, reason=None):
        return self._run_operation("report", target_grid_id=grid, reason=reason)

    def _do_report(self, target_grid_id=None, reason=None):
        """上报: move the ticket to the parent grid (or, where the category
        allows it, further up)."""
        parent = self.grid_id.sudo().parent_id
        grid = (target_grid_id or parent).sudo()
        if grid != parent:
            ancestors = self.grid_id.sudo().parent_path.split("/")
            if str(grid.id) not in ancestors or grid == self.grid_id.sudo():
                raise UserError(
                    self.env._(
                        "Grid “%(grid)s” is not above grid “%(current)s”.",
                        grid=readable_name(self.env, grid, "complete_name"),
                        current=self.grid_id.sudo().complete_name,
                    )
                )
            if not self.category_id.allow_skip_level:
                raise UserError(
                    self.env._(
                        "Tickets of category “%(category)s” are reported level by "
                        "level: report to “%(parent)s” first.",
                        category=self.category_id.name or self.env._("none"),
                        parent=parent.complete_name,
                    )
                )
        vals = {
            "grid_id": grid.id,
            "user_id": False,
            "stage_id": self._get_stage("new").id,
        }
        if self.handling_type in ("immediate", "promised"):
            vals["handling_type"] = "report"
        return vals

    def _ready_office(self):
        if self.office_id:
            return self.env._(
                "Ticket %(ticket)s is already with %(office)s.",
                ticket=self.name,
                office=self.office_id.sudo().name,
            )
        return None

    def _op_office(self, office, reason=None):
        return self._run_operation("office", office_id=office, reason=reason)

    def _do_office(self, office_id=None, reason=None):
        """联办: hand the ticket to a named office for joint handling."""
        return {
            "office_id": office_id.id,
            "handling_type": "joint",
            "stage_id": self._get_stage("in_progress").id,
        }

    def _ready_office_return(self):
        if not self.office_id:
            return self.env._("Ticket %(ticket)s is with no office.", ticket=self.name)
        return None

    def _op_office_return(self, reason=None):
        """The office gives the ticket back, with what it did."""
        return self._run_operation("office_return", reason=reason)

    def _arrival(self):
        """The log line of the ticket's arrival at its grid from below."""
        return self.env["party.ticket.log"].search(
            [
                ("ticket_id", "=", self.id),
                ("operation", "in", ("report", "assign")),
                ("to_grid_id", "=", self.grid_id.id),
                ("from_grid_id", "!=", self.grid_id.id),
            ],
            order="date desc, id desc",
            limit=1,
        )

    def _ready_send_back(self):
        if self.stage_code != "verify" and not self._arrival():
            return self.env._(
                "Ticket %(ticket)s was received at grid “%(grid)s”: there is "
                "no lower level to send it back to.",
                ticket=self.name,
                grid=self.grid_id.sudo().complete_name,
            )
        return None

    def _op_send_back(self, reason=None):
        return self._run_operation("send_back", reason=reason)

    def _do_send_back(self, reason=None):
        """回退: back to the lower level it came from or, when waiting for
        verification, back to handling."""
        if self.stage_code == "verify":
            return {
                "stage_id": self._get_stage("in_progress").id,
                "is_verified": False,
                "resolved_grid_id": False,
                "resolved_level_id": False,
                "_tell": False,
            }
        arrival = self._arrival()
        user = arrival.from_user_id
        # a move down: the time limits start afresh at the lower level
        vals = {
            "grid_id": arrival.from_grid_id.id,
            "user_id": user.id,
            "stage_id": self._get_stage("in_progress" if user else "new").id,
        }
        vals.update(self._fresh_deadlines(vals))
        return vals
