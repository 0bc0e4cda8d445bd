# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError


class ResUsers(models.Model):
    _inherit = "res.users"

    party_grid_extra_ids = fields.Many2many(
        "party.grid",
        "party_grid_extra_user_rel",
        "user_id",
        "grid_id",
        string="Additional Grids",
        help="Grids this user is responsible for besides those where they are "
        "head, deputy, instructor or hold a role (e.g. township officers).",
    )
    party_grid_scope_ids = fields.Many2many(
        "party.grid",
        compute="_compute_party_grid_scope_ids",
        string="Responsible for Grids",
        help="The grids whose subtrees this user works on: as head, deputy head, "
        "instructor, grid role or additional grid.",
    )

    party_grid_member_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_party_grid_member_partner_ids",
        string="Own Member Records",
        help="The partners of the party member records of this login.",
    )

    def _compute_party_grid_member_partner_ids(self):
        # sudo: feeds the record rule of res.partner, computed without it
        members = self.env["party.member"].sudo().with_context(active_test=False)
        by_user = {
            user.id: partner_ids
            for user, partner_ids in members._read_group(
                [("user_id", "in", self.ids)], ["user_id"], ["partner_id:array_agg"]
            )
        }
        for user in self:
            user.party_grid_member_partner_ids = self.env["res.partner"].browse(
                by_user.get(user.id, [])
            )

    def _compute_party_grid_scope_ids(self):
        # sudo: the scope feeds the record rules of party.grid, so it must be
        # computed without them (and without recursing into them)
        grids = self.env["party.grid"].sudo()
        scope = defaultdict(set)
        for fname in ("head_id", "deputy_ids", "instructor_ids"):
            for user, grid_ids in grids._read_group(
                [(fname, "in", self.ids)], [fname], ["id:array_agg"]
            ):
                scope[user.id].update(grid_ids)
        for user, grid_ids in (
            self.env["party.grid.role"]
            .sudo()
            ._read_group(
                [("user_id", "in", self.ids), ("grid_id.active", "=", True)],
                ["user_id"],
                ["grid_id:array_agg"],
            )
        ):
            scope[user.id].update(grid_ids)
        for user in self:
            extra = user.sudo().party_grid_extra_ids.filtered("active")
            user.party_grid_scope_ids = grids.browse(
                sorted(scope[user.id] | set(extra.ids))
            )

    @api.model
    def _party_grid_scope_snapshot(self, records, fnames):
        """The values of ``fnames`` that put ``records`` in users' scopes,
        to compare after a write (sudo: what the rules depend on)."""
        fnames = [fname for fname in fnames if fname in records._fields]
        if not fnames or not records:
            return None
        records = records.sudo().with_context(active_test=False)
        return {
            record.id: tuple(
                frozenset(record[fname].ids)
                if record._fields[fname].type in ("many2one", "many2many", "one2many")
                else record[fname]
                for fname in fnames
            )
            for record in records
        }

    @api.model
    def _party_grid_scope_changed_since(self, records, fnames, before):
        """Drop the scope caches only when a write really changed a scope."""
        if before is None:
            return
        if before != self._party_grid_scope_snapshot(records, fnames):
            self._party_grid_scope_changed()

    @api.model
    def _party_grid_scope_changed(self):
        """Grids of some users changed: record rules are ormcached per user
        with the scope evaluated, so drop that cache and the computed scope."""
        self.env.registry.clear_cache()
        self.env["res.users"].invalidate_model(
            ["party_grid_scope_ids", "party_grid_member_partner_ids"]
        )

    def _party_grid_is_admin(self):
        """Administrator of the product: not bound to a scope. (``env.user``
        is a superuser record, so callers check their own ``env.su``.)"""
        return self.with_user(self).env.user.has_group(
            "party_grid.party_grid_group_manager"
        )

    def _party_grid_covers(self, grids):
        """Whether every grid of ``grids`` lies in the subtree of one of the
        user's grids, as the scope stands now (before any pending write)."""
        self.ensure_one()
        if self._party_grid_is_admin():
            return True
        # sudo: grid paths and the user's own scope, which feed the record rules
        paths = [
            path for path in self.sudo().party_grid_scope_ids.mapped("parent_path")
        ]
        return all(
            any((grid.parent_path or "").startswith(path) for path in paths)
            for grid in grids.sudo()
        )

    def _party_grid_check_covers(self, grids):
        """Refuse, without naming them, grids outside the user's scope."""
        self.ensure_one()
        if not self._party_grid_covers(grids):
            raise AccessError(
                self.env._(
                    "You can only work on grids you are responsible for and the "
                    "grids below them. Ask the level above you for this change."
                )
            )

    def write(self, vals):
        res = super().write(vals)
        if "party_grid_extra_ids" in vals:
            self._party_grid_scope_changed()
        return res
