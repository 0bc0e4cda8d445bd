# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

AWAY_REACH_SELECTION = [
    ("wechat", "Grid WeChat Group"),
    ("phone", "Phone"),
    ("email", "E-mail"),
    ("letter", "Letter by Post"),
    ("video", "Video Call"),
    ("other", "Other"),
]


class PartyMember(models.Model):
    """Away and flowing members (在外党员 / 流动党员): where they are, how
    they are reached and the group of the tower they belong to."""

    _inherit = "party.member"

    away_reach = fields.Selection(
        AWAY_REACH_SELECTION,
        string="Reached By",
        help="How the member is reached while away.",
    )
    away_since = fields.Date()
    party_channel_id = fields.Many2one(
        "discuss.channel",
        compute="_compute_party_channel_id",
        string="Group",
        help="The nearest group of the tower above the member's grid (the group "
        "of the member's own grid where it has one).",
    )
    party_in_channel = fields.Boolean(
        compute="_compute_party_channel_id",
        string="In the Group",
        help="The member has a login and is a member of that group.",
    )

    @api.depends("grid_id", "user_id")
    def _compute_party_channel_id(self):
        # sudo: the groups are read to name the member's group on their form
        grids = self.grid_id.sudo()
        path_ids = {
            gid
            for grid in grids
            for gid in (int(x) for x in (grid.parent_path or "").split("/") if x)
        }
        channels = (
            self.env["discuss.channel"]
            .sudo()
            .search_fetch([("party_grid_id", "in", list(path_ids))], ["party_grid_id"])
        )
        by_grid = {channel.party_grid_id.id: channel for channel in channels}
        partner_ids = self.user_id.partner_id.ids
        joined = {
            (member.channel_id.id, member.partner_id.id)
            for member in self.env["discuss.channel.member"]
            .sudo()
            .search_fetch(
                [
                    ("channel_id", "in", channels.ids),
                    ("partner_id", "in", partner_ids),
                ],
                ["channel_id", "partner_id"],
            )
        }
        for member in self:
            channel = False
            path = [
                int(x)
                for x in (member.grid_id.sudo().parent_path or "").split("/")
                if x
            ]
            for gid in reversed(path):
                if gid in by_grid:
                    channel = by_grid[gid]
                    break
            member.party_channel_id = channel.sudo(False) if channel else False
            member.party_in_channel = bool(
                channel
                and member.user_id
                and (channel.id, member.user_id.partner_id.id) in joined
            )
