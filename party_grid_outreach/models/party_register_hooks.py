# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Register changes that change who belongs in the groups of the tower."""

from odoo import api, models


def _grids_of(records):
    # sudo: the grids behind a change, whether the user reads them or not
    return records.sudo().with_context(active_test=False).grid_id


class PartyMember(models.Model):
    _inherit = "party.member"

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            self.env["discuss.channel"]._party_mark_grids_dirty(
                _grids_of(members.filtered("user_id"))
            )
        return members

    def write(self, vals):
        watched = {"grid_id", "user_id", "active"} & set(vals)
        before = _grids_of(self) if watched else None
        res = super().write(vals)
        if watched:
            self.env["discuss.channel"]._party_mark_grids_dirty(
                before | _grids_of(self)
            )
        return res


class PartyGridRole(models.Model):
    _inherit = "party.grid.role"

    @api.model_create_multi
    def create(self, vals_list):
        roles = super().create(vals_list)
        if roles.filtered("user_id"):
            self.env["discuss.channel"]._party_mark_grids_dirty(
                _grids_of(roles.filtered("user_id"))
            )
        return roles

    def write(self, vals):
        watched = {"grid_id", "user_id", "member_id"} & set(vals)
        before = _grids_of(self) if watched else None
        res = super().write(vals)
        if watched:
            self.env["discuss.channel"]._party_mark_grids_dirty(
                before | _grids_of(self)
            )
        return res

    def unlink(self):
        grids = _grids_of(self.filtered("user_id"))
        res = super().unlink()
        if grids:
            self.env["discuss.channel"]._party_mark_grids_dirty(grids)
        return res


class PartyHousehold(models.Model):
    _inherit = "party.household"

    @api.model_create_multi
    def create(self, vals_list):
        households = super().create(vals_list)
        with_login = households.sudo().filtered(lambda h: h.partner_id.user_ids)
        if with_login:
            self.env["discuss.channel"]._party_mark_grids_dirty(_grids_of(with_login))
        return households

    def write(self, vals):
        watched = {"grid_id", "partner_id", "active"} & set(vals)
        before = _grids_of(self) if watched else None
        res = super().write(vals)
        if watched:
            self.env["discuss.channel"]._party_mark_grids_dirty(
                before | _grids_of(self)
            )
        return res


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
