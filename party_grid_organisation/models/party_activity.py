# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_contact_link import _in_subtree


class PartyActivity(models.Model):
    _inherit = "party.activity"

    team_id = fields.Many2one(
        "party.service.team",
        string="Service Team",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The service team whose volunteer activity this is.",
    )
    station_id = fields.Many2one(
        "party.volunteer.station",
        string="Volunteer Station",
        index=True,
        ondelete="restrict",
    )

    @api.constrains("team_id", "station_id", "grid_id")
    def _check_team_id(self):
        # sudo: the team's grid may be above the user's scope
        for activity in self.sudo():
            team = activity.team_id
            if team and not _in_subtree(activity.grid_id, team.grid_id):
                raise ValidationError(
                    self.env._(
                        "Activity “%(activity)s” of “%(grid)s” cannot be recorded "
                        "for service team “%(team)s” of another grid.",
                        activity=activity.name,
                        grid=activity.grid_id.complete_name,
                        team=team.name,
                    )
                )
            station = activity.station_id
            if station and not _in_subtree(activity.grid_id, station.grid_id):
                raise ValidationError(
                    self.env._(
                        "Activity “%(activity)s” of “%(grid)s” cannot be recorded "
                        "at volunteer station “%(station)s” of another grid.",
                        activity=activity.name,
                        grid=activity.grid_id.complete_name,
                        station=station.name,
                    )
                )

    @api.onchange("team_id")
    def _onchange_team_id(self):
        if self.team_id:
            self.grid_id = self.grid_id or self.team_id.grid_id
            self.station_id = self.station_id or self.team_id.station_id

    def action_fill_team_attendance(self):
        """Add an attendance line (present) for every team member who has none
        yet; the hours are then entered per person."""
        self.ensure_one()
        members = self.team_id.member_ids - self.attendance_ids.member_id
        self.env["party.activity.attendance"].create(
            [
                {"activity_id": self.id, "member_id": member.id, "state": "present"}
                for member in members
            ]
        )
        return True


class PartyActivityAttendance(models.Model):
    _inherit = "party.activity.attendance"

    team_id = fields.Many2one(
        related="activity_id.team_id", store=True, index=True, string="Service Team"
    )
