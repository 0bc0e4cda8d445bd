# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError


class DiscussChannel(models.Model):
    """A group of the three-level group tower: one channel per grid whose level
    has a tier, its members kept in step with the register by the sync."""

    _inherit = "discuss.channel"

    party_grid_id = fields.Many2one(
        "party.grid",
        string="Grid",
        index=True,
        ondelete="restrict",
        readonly=True,
        help="The grid whose group this is; its members follow the register.",
    )
    party_channel_tier = fields.Selection(
        string="Tier",
        related="party_grid_id.level_id.channel_tier",
        store=True,
    )
    party_sync_needed = fields.Boolean(
        string="Membership to Refresh",
        index=True,
        copy=False,
        readonly=True,
        help="Set when the register changed in a way that may change the members; "
        "the scheduled sync clears it.",
    )
    party_synced_at = fields.Datetime(
        string="Members Synchronised", copy=False, readonly=True
    )

    _sql_constraints = [
        (
            "party_grid_uniq",
            "unique(party_grid_id)",
            "A grid has one group of the group tower.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("party_grid_id") for vals in vals_list) and not (
            self.env.su or self.env.user._party_grid_is_admin()
        ):
            raise AccessError(
                self.env._(
                    "The groups of the group tower are created by the "
                    "synchronisation with the register."
                )
            )
        return super().create(vals_list)

    def write(self, vals):
        if "party_grid_id" in vals and not (
            self.env.su or self.env.user._party_grid_is_admin()
        ):
            raise AccessError(
                self.env._("The grid of a group of the group tower cannot be changed.")
            )
        return super().write(vals)

    def _party_mark_dirty(self):
        """Flag channels for the next sync (sudo: a register change by any user
        must be able to flag the groups it affects)."""
        todo = self.sudo().filtered(lambda channel: not channel.party_sync_needed)
        if todo:
            todo.write({"party_sync_needed": True})

    @api.model
    def _party_trigger_sync(self):
        """Ask the scheduler to run the sync soon, once per transaction (an
        import of thousands of members triggers it once)."""
        data = self.env.cr.precommit.data
        if data.get("party_grid_outreach.sync_triggered"):
            return
        data["party_grid_outreach.sync_triggered"] = True
        cron = self.env.ref(
            "party_grid_outreach.ir_cron_party_channel_sync", raise_if_not_found=False
        )
        if cron:
            cron.sudo()._trigger()

    @api.readonly
    def action_view_party_grid(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.grid",
            "res_id": self.party_grid_id.id,
            "view_mode": "form",
        }
