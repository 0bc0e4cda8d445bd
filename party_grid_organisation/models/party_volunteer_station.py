# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .party_contact_link import VILLAGE_ORGS, _in_subtree

STATION_KIND_SELECTION = [
    ("centre", "Township Volunteer Service Centre"),
    ("station", "Village Volunteer Service Station"),
]


class PartyVolunteerStation(models.Model):
    _name = "party.volunteer.station"
    _description = "Volunteer Service Centre or Station"
    _inherit = ["mail.thread"]
    _order = "kind, grid_id, id"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        STATION_KIND_SELECTION,
        required=True,
        default="station",
        help="The township party committee runs a volunteer service centre, each "
        "village party branch a volunteer service station (seed 004).",
    )
    grid_id = fields.Many2one(
        "party.grid", required=True, index=True, ondelete="restrict", tracking=True
    )
    place = fields.Char(required=True, tracking=True)
    opening_hours = fields.Char(
        required=True,
        help="E.g. 周一至周五 8:30-17:30",
    )
    contact_member_id = fields.Many2one(
        "party.member", string="Contact Person", index=True, ondelete="restrict"
    )
    phone = fields.Char()
    date_established = fields.Date(string="Established On", tracking=True)
    team_ids = fields.One2many("party.service.team", "station_id", string="Teams")
    team_count = fields.Integer(compute="_compute_team_count")
    note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)

    def _compute_team_count(self):
        counts = dict(
            self.env["party.service.team"]._read_group(
                [("station_id", "in", self._origin.ids)], ["station_id"], ["__count"]
            )
        )
        for station in self:
            station.team_count = counts.get(station._origin, 0)

    @api.constrains("kind", "grid_id", "contact_member_id", "active")
    def _check_grid_id(self):
        # sudo: the grid's parent and other grids' stations
        for station in self.sudo():
            grid = station.grid_id
            if station.kind == "centre" and not (
                grid.org_type == "committee" and grid.parent_id
            ):
                raise ValidationError(
                    self.env._(
                        "A volunteer service centre belongs to a township party "
                        "committee; “%(grid)s” is not one.",
                        grid=grid.complete_name,
                    )
                )
            if station.kind == "station" and grid.org_type not in VILLAGE_ORGS:
                raise ValidationError(
                    self.env._(
                        "A volunteer service station belongs to a village party "
                        "branch or general branch; “%(grid)s” is not one.",
                        grid=grid.complete_name,
                    )
                )
            member = station.contact_member_id
            if member and not _in_subtree(member.grid_id, grid):
                raise ValidationError(
                    self.env._(
                        "%(member)s does not belong to “%(grid)s” and cannot be the "
                        "contact of its volunteer station.",
                        member=member.name,
                        grid=grid.complete_name,
                    )
                )
            if station.active and station.search_count(
                [
                    ("grid_id", "=", grid.id),
                    ("active", "=", True),
                    ("id", "!=", station.id),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "“%(grid)s” already has a volunteer service centre or "
                        "station; archive it before opening another one.",
                        grid=grid.complete_name,
                    )
                )

    @api.onchange("contact_member_id")
    def _onchange_contact_member_id(self):
        if self.contact_member_id and not self.phone:
            self.phone = self.contact_member_id.phone or self.contact_member_id.mobile

    def write(self, vals):
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            self.check_access("write")
        return res
