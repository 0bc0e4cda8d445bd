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

    def _op_extend_request(self, deadline, reason=None):
        """延期: ask the next level for a later deadline."""
        self.ensure_one()
        self._check_open()
        if self.user_id != self.env.user:
            self._check_covers(self.grid_id, self.env._("extend"))
        reason = self._require(
            reason, self.env._("Say why the deadline must be extended.")
        )
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
        if self.extension_state == "requested":
            raise UserError(
                self.env._("An extension of this ticket is already waiting.")
            )
        self._apply(
            "extend_request",
            {"extension_state": "requested", "extension_deadline": deadline},
            reason,
        )
        self._notify_user(
            self.grid_id.sudo().parent_id.head_id,
            self.env._("Extension to approve: %(title)s", title=self.title),
        )
        return True

    def action_extend_approve(self):
        self.ensure_one()
        if self.extension_state != "requested":
            raise UserError(self.env._("No extension of this ticket is waiting."))
        self._check_next_level(self.env._("approve the extension of"))
        self._apply(
            "extend_approve",
            {
                "extension_state": "approved",
                "date_deadline": self.extension_deadline,
                "date_warning": False,
                "extension_count": self.extension_count + 1,
                "deadline_state": "normal",
                "reminder_state": "normal",
            },
        )
        return True

    def _op_extend_refuse(self, reason=None):
        self.ensure_one()
        if self.extension_state != "requested":
            raise UserError(self.env._("No extension of this ticket is waiting."))
        self._check_next_level(self.env._("refuse the extension of"))
        reason = self._require(reason, self.env._("Say why the extension is refused."))
        self._apply("extend_refuse", {"extension_state": "refused"}, reason)
        return True

    def _op_supervise(self, card, reason=None):
        """督办: a higher level shows a yellow or red card."""
        self.ensure_one()
        self._check_open()
        self._check_next_level(self.env._("supervise"))
        if card not in ("yellow", "red"):
            raise UserError(self.env._("Choose a yellow or a red card."))
        reason = self._require(reason, self.env._("Say what is being supervised."))
        self._apply("supervise", {"supervision_card": card}, reason)
        self._notify_user(
            self.user_id or self.grid_id.sudo().head_id,
            self.env._("Supervised ticket: %(title)s", title=self.title),
        )
        return True

    def action_mark_urgent(self):
        """加急."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("mark urgent"))
        if self.priority == "1":
            raise UserError(self.env._("This ticket is already urgent."))
        self._apply("urgent", {"priority": "1"})
        return True

    def _op_park(self, reason=None):
        """挂账: park what cannot be solved now."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("park"))
        if not self.env.user.has_group("party_grid.party_grid_group_head"):
            raise UserError(self.env._("Only grid heads and above park tickets."))
        reason = self._require(reason, self.env._("Say why the ticket is parked."))
        now = fields.Datetime.now()
        self._apply(
            "park",
            {
                "stage_id": self._get_stage("parked").id,
                "park_reason": reason,
                # the clock stops: what is left of the time limit is kept
                "date_parked": now,
            },
            reason,
        )
        return True

    def action_resume(self):
        self.ensure_one()
        if self.stage_code != "parked":
            raise UserError(self.env._("Only parked tickets are resumed."))
        self._check_covers(self.grid_id, self.env._("resume"))
        vals = {"stage_id": self._get_stage("in_progress").id, "date_parked": False}
        if self.date_parked:
            # the clock goes on with the time that was left when it was parked
            paused = fields.Datetime.now() - self.date_parked
            for fname in (
                "date_deadline",
                "date_warning",
                "date_accept_deadline",
                "date_accept_warning",
            ):
                if self[fname]:
                    vals[fname] = self[fname] + paused
        self._apply("resume", vals)
        return True

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
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("merge"))
        if not original or original == self or original.merged_into_id:
            raise UserError(
                self.env._("Choose another ticket, not merged itself, as the original.")
            )
        original.check_access("write")
        reason = reason or self.env._("Duplicate of %(ticket)s", ticket=original.name)
        self._merge_thread_into(original)
        self._apply(
            "merge",
            {
                "merged_into_id": original.id,
                "stage_id": self._get_stage("closed").id,
                "date_closed": fields.Datetime.now(),
                "active": False,
            },
            reason,
        )
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
        return True
