# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..models.party_member import LEAVE_REASON_SELECTION


class PartyMemberLeaveWizard(models.TransientModel):
    _name = "party.member.leave.wizard"
    _description = "Party Member Leave"

    member_id = fields.Many2one("party.member", string="Party Member", required=True)
    leave_reason = fields.Selection(LEAVE_REASON_SELECTION, required=True)
    leave_date = fields.Date(required=True, default=fields.Date.context_today)
    leave_note = fields.Text()

    def action_confirm(self):
        self.ensure_one()
        member = self.member_id
        member.write(
            {
                "leave_reason": self.leave_reason,
                "leave_date": self.leave_date,
                "leave_note": self.leave_note,
                "active": False,
            }
        )
        reason = dict(self._fields["leave_reason"]._description_selection(self.env))
        # a note that sends no e-mail: clerks often have no address
        member._message_log(
            body=self.env._(
                "Left the party organisation on %(date)s: %(reason)s",
                date=self.leave_date,
                reason=reason[self.leave_reason],
            )
        )
        return {"type": "ir.actions.act_window_close"}
