# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# fields of party.grid that change who belongs in the groups of the tower
CHANNEL_FIELDS = ("head_id", "deputy_ids", "instructor_ids", "level_id", "active")


class PartyGrid(models.Model):
    _inherit = "party.grid"

    party_channel_ids = fields.One2many(
        "discuss.channel", "party_grid_id", string="Groups"
    )
    party_channel_id = fields.Many2one(
        "discuss.channel",
        compute="_compute_party_channel_id",
        string="Group",
        help="The group of this grid in the three-level group tower.",
    )
    party_channel_member_count = fields.Integer(
        compute="_compute_party_channel_id", string="Group Members"
    )

    def _compute_party_channel_id(self):
        # sudo: the group of a grid the user reads is named on the grid's form
        # even where the user is not a member of it
        channels = (
            self.env["discuss.channel"]
            .sudo()
            .search_fetch(
                [("party_grid_id", "in", self._origin.ids)], ["party_grid_id"]
            )
        )
        by_grid = {channel.party_grid_id.id: channel for channel in channels}
        counts = dict(
            self.env["discuss.channel.member"]
            .sudo()
            ._read_group(
                [("channel_id", "in", channels.ids)], ["channel_id"], ["__count"]
            )
        )
        for grid in self:
            channel = by_grid.get(grid._origin.id)
            grid.party_channel_id = channel.sudo(False) if channel else False
            grid.party_channel_member_count = counts.get(channel, 0) if channel else 0

    def write(self, vals):
        moved = "parent_id" in vals
        before = self.browse()
        if moved:
            before = self.sudo().parent_id
        res = super().write(vals)
        if moved or any(fname in vals for fname in CHANNEL_FIELDS):
            Channel = self.env["discuss.channel"]
            Channel._party_mark_grids_dirty(self | before, subtree=moved)
        return res

    def action_sync_party_channels(self):
        """Refresh now the groups of this grid's subtree (grid heads and above,
        for the grids they manage); creates the missing groups."""
        self.ensure_one()
        self.check_access("write")
        Channel = self.env["discuss.channel"].sudo()
        Channel._party_ensure_channels(grid_ids=self.ids)
        channels = Channel.search([("party_grid_id", "child_of", self.id)])
        if not channels:
            raise UserError(
                self.env._(
                    "No level of this grid's subtree has a tier of the group "
                    "tower: set the tiers under Configuration › Grid Levels."
                )
            )
        added, removed = channels._party_sync_members()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s groups refreshed: %(added)s members added, "
                    "%(removed)s removed.",
                    count=len(channels),
                    added=added,
                    removed=removed,
                ),
            },
        }

    @api.readonly
    def action_view_party_channel(self):
        self.ensure_one()
        channel = self.party_channel_id
        if not channel:
            raise UserError(self.env._("This grid has no group yet."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "discuss.channel",
            "res_id": channel.id,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref("party_grid_outreach.discuss_channel_view_form").id,
                    "form",
                )
            ],
        }
