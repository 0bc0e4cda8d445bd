# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    window_action,
)

from .party_contact_link import _in_subtree


class PartyServiceTeamType(models.Model):
    _name = "party.service.team.type"
    _description = "Service Team Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    speciality_ids = fields.Many2many(
        "party.member.speciality",
        "party_service_team_type_speciality_rel",
        "type_id",
        "speciality_id",
        string="Suggested Specialities",
        help="Specialities new teams of this type look for.",
    )
    color = fields.Integer()
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "This service team type already exists."),
    ]


class PartyServiceTeam(models.Model):
    _name = "party.service.team"
    _description = "Service Team"
    _inherit = ["mail.thread"]
    _order = "grid_id, sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    type_id = fields.Many2one(
        "party.service.team.type",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    formed_by = fields.Selection(
        [("need", "By Need"), ("interest", "By Interest")],
        default="need",
        help="Teams are formed by the needs of the people served or by the "
        "members' interests (因需、因趣).",
    )
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The grid whose party organisation forms the team; its members and "
        "those of its sub-grids may join.",
    )
    leader_id = fields.Many2one(
        "party.member", index=True, ondelete="restrict", tracking=True
    )
    member_ids = fields.Many2many(
        "party.member",
        "party_service_team_member_rel",
        "team_id",
        "member_id",
        string="Team Members",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    speciality_ids = fields.Many2many(
        "party.member.speciality",
        "party_service_team_speciality_rel",
        "team_id",
        "speciality_id",
        string="Specialities Sought",
        compute="_compute_speciality_ids",
        store=True,
        readonly=False,
    )
    suggested_member_ids = fields.Many2many(
        "party.member",
        compute="_compute_suggested_member_ids",
        string="Suggested Members",
        help="Party members of the grid's subtree with a speciality the team "
        "seeks, not yet in the team.",
    )
    station_id = fields.Many2one(
        "party.volunteer.station",
        string="Volunteer Station",
        index=True,
        ondelete="restrict",
    )
    activity_ids = fields.One2many("party.activity", "team_id", string="Activities")
    activity_count = fields.Integer(compute="_compute_activity_figures")
    volunteer_hours = fields.Float(
        compute="_compute_activity_figures",
        string="Service Hours",
        help="Hours of service recorded in the attendance of the team's activities.",
    )
    description = fields.Text()
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("type_id")
    def _compute_speciality_ids(self):
        for team in self:
            if not team.speciality_ids:
                team.speciality_ids = team.type_id.speciality_ids

    def _compute_member_count(self):
        for team in self:
            team.member_count = len(team.member_ids)

    @api.depends("grid_id", "speciality_ids", "member_ids")
    def _compute_suggested_member_ids(self):
        """Members of each team's subtree who have a speciality it seeks: one
        search for the batch (under the user's record rules)."""
        teams = self.filtered(lambda t: t.grid_id and t.speciality_ids)
        candidates = self.env["party.member"]
        if teams:
            candidates = candidates.search_fetch(
                [
                    ("grid_id", "child_of", teams.grid_id.ids),
                    ("speciality_ids", "in", teams.speciality_ids.ids),
                ],
                ["grid_id", "speciality_ids"],
            )
        for team in self:
            if team not in teams:
                team.suggested_member_ids = False
                continue
            team.suggested_member_ids = candidates.filtered(
                lambda m, t=team: (
                    _in_subtree(m.grid_id, t.grid_id)
                    and m.speciality_ids & t.speciality_ids
                    and m not in t.member_ids
                )
            )

    def _compute_activity_figures(self):
        counts = dict(
            self.env["party.activity"]._read_group(
                [("team_id", "in", self._origin.ids)], ["team_id"], ["__count"]
            )
        )
        hours = defaultdict(float)
        for team, total in self.env["party.activity.attendance"]._read_group(
            [("team_id", "in", self._origin.ids)], ["team_id"], ["hours:sum"]
        ):
            hours[team.id] = total
        for team in self:
            team.activity_count = counts.get(team._origin, 0)
            team.volunteer_hours = hours[team._origin.id]

    @api.constrains("grid_id", "leader_id", "member_ids")
    def _check_members(self):
        # sudo: members of sub-grids may be outside the user's scope
        for team in self.sudo():
            outside = (team.member_ids | team.leader_id).filtered(
                lambda m, t=team: not _in_subtree(m.grid_id, t.grid_id)
            )
            if outside:
                raise ValidationError(
                    self.env._(
                        "%(member)s does not belong to grid “%(grid)s” or one of its "
                        "sub-grids and cannot join service team “%(team)s”.",
                        member=outside[0].name,
                        grid=team.grid_id.complete_name,
                        team=team.name,
                    )
                )
            if team.leader_id and team.leader_id not in team.member_ids:
                raise ValidationError(
                    self.env._(
                        "The leader of service team “%(team)s” must be one of its "
                        "members.",
                        team=team.name,
                    )
                )

    @api.constrains("station_id", "grid_id")
    def _check_station_id(self):
        for team in self.sudo():
            station = team.station_id
            if station and not (
                _in_subtree(team.grid_id, station.grid_id)
                or _in_subtree(station.grid_id, team.grid_id)
            ):
                raise ValidationError(
                    self.env._(
                        "Volunteer station “%(station)s” does not serve grid "
                        "“%(grid)s” of service team “%(team)s”.",
                        station=station.name,
                        grid=team.grid_id.complete_name,
                        team=team.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._add_leader(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._add_leader(vals)
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # teams may be moved only within the grids the user manages
            self.check_access("write")
        return res

    @api.model
    def _add_leader(self, vals):
        """The leader is a member of the team."""
        if vals.get("leader_id"):
            vals["member_ids"] = list(vals.get("member_ids") or []) + [
                Command.link(vals["leader_id"])
            ]

    def action_add_suggested(self):
        self.ensure_one()
        suggested = self.suggested_member_ids
        if not suggested:
            raise UserError(
                self.env._(
                    "No party member of the grid has a speciality this team seeks "
                    "and is not yet in it."
                )
            )
        self.member_ids = [Command.link(member_id) for member_id in suggested.ids]
        return True

    @api.readonly
    def action_view_activities(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_activity_action",
            domain=[("team_id", "=", self.id)],
            context={
                "default_team_id": self.id,
                "default_grid_id": self.grid_id.id,
                "default_activity_type": "volunteer",
            },
        )

    @api.readonly
    def action_view_hours(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_organisation.party_volunteer_hours_action",
            domain=[("team_id", "=", self.id)],
        )
