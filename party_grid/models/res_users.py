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

    party_grid_subtree_ids = fields.Many2many(
        "party.grid",
        compute="_compute_party_grid_subtree_ids",
        context={"active_test": False},
        string="Grids of the Subtrees",
        help="The grids of the user's scope and every grid below them (archived "
        "ones included, as child_of has them).",
    )
    party_grid_member_ids = fields.Many2many(
        "party.member",
        compute="_compute_party_grid_member_partner_ids",
        string="Own Party Members",
        help="The party member records of this login.",
    )

    party_grid_member_partner_ids = fields.Many2many(
        "res.partner",
        compute="_compute_party_grid_member_partner_ids",
        string="Own Member Records",
        help="The partners of the party member records of this login.",
    )

    def _compute_party_grid_member_partner_ids(self):
        # sudo: feeds the record rules of res.partner, households and visits,
        # computed without them
        members = self.env["party.member"].sudo().with_context(active_test=False)
        by_user = {
            user.id: (partner_ids, member_ids, actives)
            for user, partner_ids, member_ids, actives in members._read_group(
                [("user_id", "in", self.ids)],
                ["user_id"],
                ["partner_id:array_agg", "id:array_agg", "active:array_agg"],
            )
        }
        for user in self:
            partner_ids, member_ids, actives = by_user.get(user.id, ([], [], []))
            user.party_grid_member_partner_ids = self.env["res.partner"].browse(
                partner_ids
            )
            # active members only, as ('contact_member_id.user_id', '=', uid)
            # finds them in the rules' default context
            user.party_grid_member_ids = self.env["party.member"].browse(
                sorted(
                    mid
                    for mid, active in zip(member_ids, actives, strict=True)
                    if active
                )
            )

    def _compute_party_grid_subtree_ids(self):
        """The scope's subtrees as grid ids, for the record rules of the
        high-volume models (households, visits, tickets): a rule that ORs a
        literal id list with another indexed condition is an index scan, where
        ORed ``child_of`` subqueries scan the whole table. The rules are cached
        per user, so every write that changes a subtree (a grid created or
        moved, a scope changed) drops that cache (_party_grid_scope_changed)."""
        # sudo: the grids of the scope feed the record rules, computed without
        grids = self.env["party.grid"].sudo().with_context(active_test=False)
        for user in self:
            scope = user.sudo().party_grid_scope_ids
            if not scope:
                user.party_grid_subtree_ids = grids
                continue
            user.party_grid_subtree_ids = grids.search(
                [("id", "child_of", scope.ids)], order="id"
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
            [
                "party_grid_scope_ids",
                "party_grid_subtree_ids",
                "party_grid_member_ids",
                "party_grid_member_partner_ids",
            ]
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
