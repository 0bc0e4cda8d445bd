# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PartyMemberPost(models.Model):
    _name = "party.member.post"
    _description = "Party Member Post and Duty"
    _order = "member_id, sequence, id"

    member_id = fields.Many2one(
        "party.member",
        string="Party Member",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Post", required=True)
    duty = fields.Text(string="Duties")
