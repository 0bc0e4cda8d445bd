# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each role lands on its own start screen: the home action of the product's
users follows their group, and is kept in step when the group changes. A home
action an administrator chose by hand (not one of these) is left alone, and so
are the technical administrators and portal users."""

from odoo import api, models

# the first group of the user (in this order) decides the start screen
HOME_ACTIONS = [
    ("party_grid.party_grid_group_county", "party_grid.party_grid_action_home_figures"),
    (
        "party_grid.party_grid_group_township",
        "party_grid.party_grid_action_home_figures",
    ),
    ("party_grid.party_grid_group_head", "party_grid.party_grid_action_today_head"),
    ("party_grid.party_grid_group_worker", "party_grid.party_grid_action_today"),
    (
        "party_grid.party_grid_group_instructor",
        "party_grid.party_grid_action_home_figures",
    ),
    ("party_grid.party_grid_group_office", "party_grid.party_ticket_action"),
]
GROUP_FIELD_PREFIXES = ("groups_id", "in_group_", "sel_groups_")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._party_grid_sync_home_action()
        return users

    def write(self, vals):
        res = super().write(vals)
        if any(key.startswith(GROUP_FIELD_PREFIXES) for key in vals):
            self._party_grid_sync_home_action()
        return res

    @api.model
    def _party_grid_home_actions(self):
        """[(group, home action)] in the order of precedence."""
        pairs = []
        for group_xmlid, action_xmlid in HOME_ACTIONS:
            group = self.env.ref(group_xmlid, raise_if_not_found=False)
            action = self.env.ref(action_xmlid, raise_if_not_found=False)
            if group and action:
                pairs.append((group, action))
        return pairs

    def _party_grid_sync_home_action(self):
        """Give each user of ``self`` the start screen of their role."""
        pairs = self._party_grid_home_actions()
        if not pairs:
            return
        managed = {action.id for _group, action in pairs}
        system = self.env.ref("base.group_system")
        # sudo: the home action is set by the product, whoever changed the
        # groups (a township officer may not write users' home actions)
        for user in self.sudo().with_context(active_test=False):
            if user.share or system in user.groups_id:
                continue
            if user.action_id and user.action_id.id not in managed:
                continue
            target = next(
                (action for group, action in pairs if group in user.groups_id),
                self.env["ir.actions.actions"],
            )
            if user.action_id.id != target.id:
                user.write({"action_id": target.id})

    @api.model
    def _party_grid_sync_all_home_actions(self):
        """Install, update (and the reports addon's install): every user."""
        self.with_context(active_test=False).search(
            [("share", "=", False)]
        )._party_grid_sync_home_action()


class ResGroups(models.Model):
    _inherit = "res.groups"

    def write(self, vals):
        if "users" not in vals and "implied_ids" not in vals:
            return super().write(vals)
        # the users who were in these groups and those who are now
        before = self.with_context(active_test=False).users
        res = super().write(vals)
        (
            before | self.with_context(active_test=False).users
        )._party_grid_sync_home_action()
        return res
