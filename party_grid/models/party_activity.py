# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# activities are planned at most this far ahead; dates before 2000 are typos
ACTIVITY_MAX_DAYS_AHEAD = 730
EARLIEST_DATE = datetime(2000, 1, 1)

ACTIVITY_TYPE_SELECTION = [
    ("branch_meeting", "Branch Members' Meeting"),
    ("committee_meeting", "Branch Committee Meeting"),
    ("group_meeting", "Party Group Meeting"),
    ("party_lecture", "Party Lecture"),
    ("party_day", "Themed Party Day"),
    ("life_meeting", "Organisational Life Meeting"),
    ("evaluation", "Democratic Evaluation of Members"),
    ("volunteer", "Volunteer Service"),
    ("cultural", "Cultural Activity"),
    ("training", "Training"),
]
ATTENDANCE_STATE_SELECTION = [
    ("present", "Present"),
    ("absent", "Absent"),
    ("excused", "Excused"),
]


def _member_in_subtree(member, grid):
    """Whether ``member`` belongs to ``grid`` or one of its sub-grids."""
    return (member.grid_id.parent_path or "").startswith(grid.parent_path or "")


class PartyActivity(models.Model):
    _name = "party.activity"
    _description = "Party Activity"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Topic", required=True, tracking=True)
    activity_type = fields.Selection(
        ACTIVITY_TYPE_SELECTION,
        string="Type",
        required=True,
        default="branch_meeting",
        tracking=True,
    )
    grid_id = fields.Many2one(
        "party.grid",
        string="Organisation",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The grid whose party organisation holds the activity; its members "
        "and those of its sub-grids may attend.",
    )
    date_start = fields.Datetime(
        string="Start", required=True, index=True, default=fields.Datetime.now
    )
    date_stop = fields.Datetime(
        string="End",
        required=True,
        default=lambda self: fields.Datetime.now() + timedelta(hours=2),
    )
    place = fields.Char()
    host_id = fields.Many2one("party.member", index=True, ondelete="restrict")
    description = fields.Html(string="Content and Minutes")
    attendance_ids = fields.One2many(
        "party.activity.attendance", "activity_id", copy=False
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_activity_attachment_rel",
        "activity_id",
        "attachment_id",
        string="Documents",
    )
    expected_count = fields.Integer(
        compute="_compute_attendance_figures", string="Expected"
    )
    present_count = fields.Integer(
        compute="_compute_attendance_figures", string="Present"
    )
    attendance_rate = fields.Float(
        compute="_compute_attendance_figures",
        string="Attendance Rate (%)",
        digits=(16, 1),
    )
    volunteer_hours = fields.Float(compute="_compute_attendance_figures")

    def _compute_attendance_figures(self):
        groups = self.env["party.activity.attendance"]._read_group(
            [("activity_id", "in", self._origin.ids)],
            ["activity_id", "state"],
            ["__count", "hours:sum"],
        )
        counts = defaultdict(lambda: defaultdict(float))
        for activity, state, count, hours in groups:
            counts[activity.id][state] += count
            counts[activity.id]["hours"] += hours
        for activity in self:
            count = counts[activity._origin.id]
            expected = int(
                sum(count[state] for state, _label in ATTENDANCE_STATE_SELECTION)
            )
            activity.expected_count = expected
            activity.present_count = int(count["present"])
            activity.attendance_rate = (
                100.0 * count["present"] / expected if expected else 0.0
            )
            activity.volunteer_hours = count["hours"]

    @api.constrains("date_start", "date_stop")
    def _check_dates(self):
        latest = fields.Datetime.now() + timedelta(days=ACTIVITY_MAX_DAYS_AHEAD)
        for activity in self:
            if activity.date_start < EARLIEST_DATE or activity.date_start > latest:
                raise ValidationError(
                    self.env._(
                        "Activity “%(activity)s” is dated %(date)s: enter a date "
                        "from 2000 to two years from now.",
                        activity=activity.name,
                        date=fields.Date.to_string(activity.date_start.date()),
                    )
                )
            if activity.date_stop < activity.date_start:
                raise ValidationError(
                    self.env._(
                        "Activity “%(activity)s” cannot end before it starts.",
                        activity=activity.name,
                    )
                )

    @api.constrains("grid_id", "host_id")
    def _check_grid_id(self):
        # sudo: members of sub-grids may be outside the user's scope
        activities = self.sudo()
        activities.attendance_ids._check_member_id()
        for activity in activities:
            if activity.host_id and not _member_in_subtree(
                activity.host_id, activity.grid_id
            ):
                raise ValidationError(
                    self.env._(
                        "Host %(member)s does not belong to the organisation "
                        "“%(grid)s” of activity “%(activity)s” or one of its "
                        "sub-grids.",
                        member=activity.host_id.name,
                        grid=activity.grid_id.complete_name,
                        activity=activity.name,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # activities may be moved only within the grids the user manages
            self.check_access("write")
        return res

    def action_fill_attendance(self):
        """Add an attendance line (present) for every active member of the
        organisation's subtree who has none yet."""
        self.ensure_one()
        members = self.env["party.member"].search(
            [
                ("grid_id", "child_of", self.grid_id.id),
                ("id", "not in", self.attendance_ids.member_id.ids),
            ]
        )
        self.env["party.activity.attendance"].create(
            [
                {"activity_id": self.id, "member_id": member.id, "state": "present"}
                for member in members
            ]
        )
        return True


class PartyActivityAttendance(models.Model):
    _name = "party.activity.attendance"
    _description = "Party Activity Attendance"
    _order = "activity_id, member_id"
    _rec_name = "member_id"

    activity_id = fields.Many2one(
        "party.activity", required=True, index=True, ondelete="cascade"
    )
    member_id = fields.Many2one(
        "party.member", required=True, index=True, ondelete="restrict"
    )
    state = fields.Selection(
        ATTENDANCE_STATE_SELECTION, required=True, default="present"
    )
    hours = fields.Float(
        help="Hours of service, for volunteer service activities.",
    )
    note = fields.Char()
    grid_id = fields.Many2one(
        related="activity_id.grid_id", store=True, index=True, string="Organisation"
    )
    member_grid_id = fields.Many2one(
        related="member_id.grid_id", string="Member's Grid"
    )
    activity_type = fields.Selection(
        related="activity_id.activity_type", store=True, string="Type"
    )
    date = fields.Datetime(related="activity_id.date_start", store=True)

    @api.constrains("activity_id", "member_id")
    def _check_member_id(self):
        # sudo: members of sub-grids may be outside the user's scope
        lines = self.sudo()
        for line in lines:
            if not _member_in_subtree(line.member_id, line.activity_id.grid_id):
                raise ValidationError(
                    self.env._(
                        "%(member)s belongs to grid “%(member_grid)s”, outside the "
                        "organisation “%(grid)s” of activity “%(activity)s” and its "
                        "sub-grids.",
                        member=line.member_id.name,
                        member_grid=line.member_id.grid_id.complete_name,
                        grid=line.activity_id.grid_id.complete_name,
                        activity=line.activity_id.name,
                    )
                )
        duplicates = lines._read_group(
            [("activity_id", "in", lines.activity_id.ids)],
            ["activity_id", "member_id"],
            having=[("__count", ">", 1)],
        )
        if duplicates:
            activity, member = duplicates[0]
            raise ValidationError(
                self.env._(
                    "%(member)s is listed twice in the attendance of activity "
                    "“%(activity)s”.",
                    member=member.name,
                    activity=activity.name,
                )
            )

    @api.constrains("hours")
    def _check_hours(self):
        for line in self:
            if line.hours < 0:
                raise ValidationError(
                    self.env._(
                        "The service hours of %(member)s in activity “%(activity)s” "
                        "cannot be negative.",
                        member=line.member_id.name,
                        activity=line.activity_id.name,
                    )
                )
