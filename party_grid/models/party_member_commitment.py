# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyMemberCommitment(models.Model):
    _name = "party.member.commitment"
    _description = "Party Member Service Commitment"
    _order = "member_id, date desc, id"

    member_id = fields.Many2one(
        "party.member",
        string="Party Member",
        required=True,
        index=True,
        ondelete="cascade",
    )
    name = fields.Char(string="Commitment", required=True)
    date = fields.Date(default=fields.Date.context_today)
    is_fulfilled = fields.Boolean(string="Fulfilled")
