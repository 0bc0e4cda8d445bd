# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields, models
from odoo.exceptions import UserError

from .party_ticket_handling import (
    EXTENSION_MAX_DAYS,
)


class PartyTicket(models.Model):
    """Follow-up operations of a ticket: extensions, supervision by the level
    above, urgency, parking and resuming, merging duplicates."""

    _inherit = "party.ticket"

    def _check_next_level(self, what):
        """Operations of the next level up (approve an extension, supervise)."""
        parent = self.grid_id.sudo().parent_id
        if self.env.su or self.env.user.has_group("party_grid.party_grid_group_county"):
            return
        if not parent or not self._covers(parent):
            raise UserError(
                self.env._(
                    "Only the level above grid “%(grid)s” can %(what)s ticket "
                    "%(ticket)s.",
                    grid=self.grid_id.sudo().complete_name,
                    what=what,
                    ticket=self.name,
                )
            )

    def _ready_extend_request(self):
        if self.extension_state == "requested":
            return self.env._("An extension of this ticket is already waiting.")
        return None

    def _op_extend_request(self, deadline, reason=None):
        return self._run_operation("extend_request", deadline=deadline, reason=reason)

    def _do_extend_request(self, deadline=None, reason=None):
        """延期: ask the next level for a later deadline."""
        if not deadline or (self.date_deadline and deadline <= self.date_deadline):
            raise UserError(
                self.env._("The new deadline must be later than the current one.")
            )
        if deadline > fields.Datetime.now() + timedelta(days=EXTENSION_MAX_DAYS):
            raise UserError(
                self.env._(
                    "An extension gives at most %(days)s more days from today; "
                    "park the ticket if it cannot be solved within that time.",
                    days=EXTENSION_MAX_DAYS,
                )
            )
        return {"extension_state": "requested", "extension_deadline": deadline}

    def _ready_extension_waiting(self):
        if self.extension_state != "requested":
            return self.env._("No extension of this ticket is waiting.")
        return None

    def action_extend_approve(self):
        return self._run_operation("extend_approve")

    def _do_extend_approve(self):
        return {
            "extension_state": "approved",
            "date_deadline": self.extension_deadline,
            "date_warning": False,
            "extension_count": self.extension_count + 1,
            "deadline_state": "normal",
            "deadline_limit": False,
            "reminder_state": "normal",
        }

    def _op_extend_refuse(self, reason=None):
        return self._run_operation("extend_refuse", reason=reason)

    def _op_supervise(self, card, reason=None):
        return self._run_operation("supervise", card=card, reason=reason)

    def _do_supervise(self, card=None, reason=None):
        """督办: a higher level shows a yellow or red card."""
        if card not in ("yellow", "red"):
            raise UserError(self.env._("Choose a yellow or a red card."))
        return {"supervision_card": card}

    def _ready_urgent(self):
        if self.priority == "1":
            return self.env._("This ticket is already urgent.")
        return None

    def action_mark_urgent(self):
        """加急."""
        return self._run_operation("urgent")

    def _op_park(self, reason=None):
        return self._run_operation("park", reason=reason)

    def _do_park(self, reason=None):
        """挂账: park what cannot be solved now; the clock stops and what is
        left of the time limits is kept."""
        return {
            "stage_id": self._get_stage("parked").id,
            "park_reason": reason,
            "date_parked": fields.Datetime.now(),
        }

    def action_resume(self):
        return self._run_operation("resume")

    def _do_resume(self):
        vals = {"stage_id": self._get_stage("in_progress").id, "date_parked": False}
        vals.update(self._paused_vals(self.date_parked))
        return vals

    def _ready_wait_documents(self):
        if self.date_waiting:
            return self.env._(
                "Ticket %(ticket)s is already waiting for the requester's documents.",
                ticket=self.name,
            )
        return None

    def _op_wait_documents(self, missing_documents, reason=None):
        return self._run_operation(
            "wait_documents", missing_documents=missing_documents, reason=reason
        )

    def _do_wait_documents(self, missing_documents=None, reason=None):
        """补办件: the requester is told once and in full what is missing; the
        accept and finish clocks stop until the documents are in."""
        return {
            "handling_type": "missing",
            "missing_documents": missing_documents,
            "date_waiting": fields.Datetime.now(),
        }

    def _ready_documents_received(self):
        if not self.date_waiting:
            return self.env._(
                "Ticket %(ticket)s is not waiting for documents.", ticket=self.name
            )
        return None

    def action_documents_received(self):
        return self._run_operation("documents_received")

    def _do_documents_received(self):
        vals = {"date_waiting": False}
        vals.update(self._paused_vals(self.date_waiting))
        return vals

    def _paused_vals(self, since):
        """The clock goes on with the time that was left when it was paused
        at ``since`` (parked, or waiting for documents); the pause counts in
        the paused hours that the figures leave out."""
        if not since:
            return {}
        now = fields.Datetime.now()
        hours = (now - since).total_seconds() / 3600
        vals = self.env["party.ticket.time.limit"]._shift(self, since, now)
        vals["paused_hours"] = self.paused_hours + hours
        if not self.date_accepted:
            vals["accept_paused_hours"] = self.accept_paused_hours + hours
        return vals

    def _merge_thread_into(self, original):
        """What the duplicate gathered goes to the original (as OCA's
        helpdesk_mgmt_merge does): its messages, attachments, followers and
        open activities. Its handling log stays with it."""
        self.ensure_one()
        # sudo: the user may write both tickets (checked by the caller); the
        # chatter's records are moved from one ticket to the other only
        where = [("res_id", "=", self.id)]
        self.env["mail.message"].sudo().search(
            [("model", "=", self._name), *where]
        ).write({"res_id": original.id})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), *where]
        ).write({"res_id": original.id})
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", self._name), *where]
        ).write({"res_id": original.id})
        partners = self.sudo().message_partner_ids - original.sudo().message_partner_ids
        if partners:
            original.sudo().message_subscribe(partner_ids=partners.ids)

    def _op_merge(self, original, reason=None):
        """Merge this duplicate into ``original``."""
        return self._run_operation("merge", original_id=original, reason=reason)

    def _do_merge(self, original_id=None, reason=None):
        original = original_id
        if not original or original == self or original.merged_into_id:
            raise UserError(
                self.env._("Choose another ticket, not merged itself, as the original.")
            )
        original.check_access("write")
        self._merge_thread_into(original)

        def tell_original():
            original._apply(
                "merge",
                {},
                self.env._(
                    "Ticket %(ticket)s (%(title)s) merged into this one.",
                    ticket=self.name,
                    title=self.title,
                ),
            )
            if self.partner_id and self.partner_id not in original.message_partner_ids:
                original.message_subscribe(partner_ids=self.partner_id.ids)

        return {
            "merged_into_id": original.id,
            "stage_id": self._get_stage("closed").id,
            "date_closed": fields.Datetime.now(),
            "active": False,
            "_reason": reason
            or self.env._("Duplicate of %(ticket)s", ticket=original.name),
            "_then": tell_original,
        }
