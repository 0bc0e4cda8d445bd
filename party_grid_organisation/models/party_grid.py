# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter, defaultdict

from odoo import api, fields, models

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    window_action,
)

from .res_config_settings import sign_deadline


def _path_ids(parent_path):
    return [int(x) for x in (parent_path or "").split("/") if x]


class PartyGrid(models.Model):
    _inherit = "party.grid"

    full_time_count = fields.Integer(
        compute="_compute_worker_team", string="Full-time Grid Workers"
    )
    part_time_count = fields.Integer(
        compute="_compute_worker_team", string="Part-time Grid Workers"
    )
    volunteer_count = fields.Integer(
        compute="_compute_worker_team", string="Grid Volunteers"
    )
    worker_team_summary = fields.Char(
        compute="_compute_worker_team",
        string="Grid Team",
        help="The standard grid team (科右前旗): full-time grid workers + part-time "
        "grid workers + X grid volunteers, from the grid's roles.",
    )
    service_team_ids = fields.One2many(
        "party.service.team", "grid_id", string="Service Teams"
    )
    sign_central_count = fields.Integer(
        compute="_compute_sign_figures",
        string="Central Households",
        help="Central households and model posts of the subtree.",
    )
    sign_installed_count = fields.Integer(
        compute="_compute_sign_figures",
        string="Sign Plates Installed in Time",
        help="Central households of the subtree whose sign plate was installed by "
        "the deadline (settings).",
    )
    sign_missing_count = fields.Integer(
        compute="_compute_sign_figures",
        string="Sign Plates Missing",
        help="Central households of the subtree without a sign plate installed by "
        "the deadline.",
    )
    sign_done = fields.Boolean(
        compute="_compute_sign_figures",
        string="All Sign Plates Installed",
    )
    sign_deadline = fields.Date(
        compute="_compute_sign_figures", string="Sign Plate Deadline"
    )

    @api.depends_context("lang")
    def _compute_worker_team(self):
        """Roles of each grid itself in one grouped query."""
        counts = defaultdict(Counter)
        # sudo: the figure is the grid's own, whoever may read the roles
        for grid, role, count in (
            self.env["party.grid.role"]
            .sudo()
            ._read_group(
                [
                    ("grid_id", "in", self._origin.ids),
                    ("role", "in", ("full_time", "part_time", "volunteer")),
                ],
                ["grid_id", "role"],
                ["__count"],
            )
        ):
            counts[grid.id][role] = count
        for grid in self:
            count = counts[grid._origin.id]
            grid.full_time_count = count["full_time"]
            grid.part_time_count = count["part_time"]
            grid.volunteer_count = count["volunteer"]
            grid.worker_team_summary = self.env._(
                "%(full)s full-time grid workers + %(part)s part-time grid workers "
                "+ %(volunteer)s grid volunteers",
                full=count["full_time"],
                part=count["part_time"],
                volunteer=count["volunteer"],
            )

    def _compute_sign_figures(self):
        """Sign plates of the central households of the subtrees, in two
        grouped queries (seed 004: all installed by the end of September)."""
        deadline = sign_deadline(self.env)
        ids = set(self._origin.ids)
        counts = defaultdict(Counter)
        if ids:
            Member = self.env["party.member"]
            domain = [
                ("grid_id", "child_of", list(ids)),
                ("is_central_household", "=", True),
            ]
            for key, extra in (
                ("central", []),
                ("installed", [("sign_installed_date", "<=", deadline)]),
            ):
                for grid, count in Member._read_group(
                    domain + extra, ["grid_id"], ["__count"]
                ):
                    for ancestor in set(_path_ids(grid.parent_path)) & ids:
                        counts[ancestor][key] += count
        for grid in self:
            count = counts[grid._origin.id]
            grid.sign_central_count = count["central"]
            grid.sign_installed_count = count["installed"]
            grid.sign_missing_count = count["central"] - count["installed"]
            grid.sign_done = count["central"] == count["installed"]
            grid.sign_deadline = deadline

    @api.readonly
    def action_view_contact_chain(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_organisation.party_contact_chain_action",
            domain=[("grid_id", "child_of", self.id)],
        )

    @api.readonly
    def action_view_contact_load(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_organisation.party_contact_load_action",
            domain=[("grid_id", "child_of", self.id)],
        )

    @api.readonly
    def action_view_service_teams(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_organisation.party_service_team_action",
            domain=[("grid_id", "child_of", self.id)],
            context={"default_grid_id": self.id},
        )

    def _grid_history_fields(self):
        return super()._grid_history_fields() + [
            ("party.contact.link", "grid_id"),
            ("party.service.team", "grid_id"),
            ("party.volunteer.station", "grid_id"),
            ("party.reserve.cadre", "grid_id"),
        ]
