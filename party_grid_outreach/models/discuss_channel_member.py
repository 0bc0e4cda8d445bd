# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    readable_name,
)

# context value that marks the members created by the sync itself: an object,
# so that no client can send it (a JSON context holds no Python objects)
SYNC_TOKEN = object()


class DiscussChannelMember(models.Model):
    _inherit = "discuss.channel.member"

    party_origin = fields.Selection(
        [("sync", "Register"), ("manual", "Invited")],
        string="Membership Origin",
        default="manual",
        readonly=True,
        help="Register: added by the synchronisation with the register and removed "
        "by it when the person leaves the grid. Invited: added by hand, within the "
        "grid's scope.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        if self.env.context.get("party_channel_sync") is not SYNC_TOKEN:
            self._party_check_scope(vals_list)
            for vals in vals_list:
                vals.pop("party_origin", None)
        return super().create(vals_list)

    def write(self, vals):
        if "party_origin" in vals and (
            self.env.context.get("party_channel_sync") is not SYNC_TOKEN
        ):
            vals = dict(vals)
            vals.pop("party_origin")
        return super().write(vals)

    @api.model
    def _party_check_scope(self, vals_list):
        """Refuse a person outside the grid's scope in a group of the tower: the
        group's members are those the register puts there, and people responsible
        for the grid or a grid above it."""
        by_channel = defaultdict(set)
        for vals in vals_list:
            if vals.get("channel_id") and vals.get("partner_id"):
                by_channel[vals["channel_id"]].add(vals["partner_id"])
        if not by_channel:
            return
        # sudo: the grid of the channel and the register behind it decide, not
        # what the inviting user may read
        channels = (
            self.env["discuss.channel"]
            .sudo()
            .browse(by_channel)
            .filtered("party_grid_id")
        )
        if not channels:
            return
        desired = channels._party_desired_partners()
        for channel in channels:
            extra = (
                self.env["res.partner"]
                .sudo()
                .browse(by_channel[channel.id] - desired.get(channel.id, set()))
            )
            for partner in extra:
                users = partner.user_ids
                if users and any(
                    user._party_grid_is_admin()
                    or user._party_grid_covers(channel.party_grid_id)
                    for user in users
                ):
                    continue
                raise ValidationError(
                    self.env._(
                        "%(person)s is outside the scope of grid “%(grid)s” and "
                        "cannot join its group: the group holds the people the "
                        "register puts in the grid, and those responsible for it "
                        "or for a grid above it.",
                        person=readable_name(self.env, partner, "name"),
                        grid=readable_name(
                            self.env, channel.party_grid_id, "complete_name"
                        ),
                    )
                )
