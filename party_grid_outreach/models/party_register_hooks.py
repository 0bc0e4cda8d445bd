# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Register changes that change who belongs in the groups of the tower."""

from odoo import api, models


def _grids_of(records):
    # sudo: the grids behind a change, whether the user reads them or not
    return records.sudo().with_context(active_test=False).grid_id


class PartyTowerSource(models.AbstractModel):
    """Register records that put people into the groups of their grid: a new
    or deleted record with a login, or a write to one of
    ``_party_tower_fields``, flags the grids before and after for the sync."""

    _name = "party.tower.source"
    _description = "Source of the Group Tower's Members"

    _party_tower_fields = frozenset()

    def _party_tower_relevant(self):
        """The records of ``self`` that bring a login into a group."""
        return self.filtered("user_id")

    def _party_tower_mark(self, grids):
        if grids:
            self.env["discuss.channel"]._party_mark_grids_dirty(grids)

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        # sudo: the logins and grids behind the change, readable or not
        self._party_tower_mark(_grids_of(records.sudo()._party_tower_relevant()))
        return records

    def write(self, vals):
        watched = self._party_tower_fields & set(vals)
        before = _grids_of(self) if watched else None
        res = super().write(vals)
        if watched:
            self._party_tower_mark(before | _grids_of(self))
        return res

    def unlink(self):
        # sudo: the logins and grids behind the change, readable or not
        grids = _grids_of(self.sudo()._party_tower_relevant())
        res = super().unlink()
        self._party_tower_mark(grids)
        return res


class PartyMember(models.Model):
    _name = "party.member"
    _inherit = ["party.member", "party.tower.source"]

    _party_tower_fields = frozenset({"grid_id", "user_id", "active"})


class PartyGridRole(models.Model):
    _name = "party.grid.role"
    _inherit = ["party.grid.role", "party.tower.source"]

    _party_tower_fields = frozenset({"grid_id", "user_id", "member_id"})


class PartyHousehold(models.Model):
    _name = "party.household"
    _inherit = ["party.household", "party.tower.source"]

    _party_tower_fields = frozenset({"grid_id", "partner_id", "active"})

    def _party_tower_relevant(self):
        return self.filtered(lambda h: h.partner_id.user_ids)


class ResUsers(models.Model):
    _inherit = "res.users"

    def write(self, vals):
        extra = "party_grid_extra_ids" in vals
        # sudo: the grids given to the users, to refresh their groups
        before = self.sudo().party_grid_extra_ids if extra else None
        res = super().write(vals)
        Channel = self.env["discuss.channel"]
        if extra:
            Channel._party_mark_grids_dirty(before | self.sudo().party_grid_extra_ids)
        if "active" in vals:
            # a login archived or restored: the groups where it is (or would be)
            channels = (
                self.env["discuss.channel.member"]
                .sudo()
                .search([("partner_id", "in", self.partner_id.ids)])
                .channel_id.filtered("party_grid_id")
            )
            channels._party_mark_dirty()
            Channel._party_trigger_sync()
        return res
