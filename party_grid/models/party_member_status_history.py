# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .party_member import STATUS_SELECTION


class PartyMemberStatusHistory(models.Model):
    _name = "party.member.status.history"
    _description = "Party Member Status Change"
    _order = "date desc, id desc"

    member_id = fields.Many2one(
        "party.member",
        string="Party Member",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    old_status = fields.Selection(STATUS_SELECTION, string="Previous Status")
    new_status = fields.Selection(STATUS_SELECTION, required=True)
    user_id = fields.Many2one(
        "res.users", string="Changed by", default=lambda self: self.env.user
    )
    note = fields.Char()
