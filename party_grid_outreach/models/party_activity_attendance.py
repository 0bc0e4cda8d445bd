# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

ATTENDANCE_MODE_SELECTION = [
    ("offline", "In Person"),
    ("online", "Online"),
]


class PartyActivityAttendance(models.Model):
    """Away members take part in party life online (seed 000: 以微信视频的形式
    让在外党员参加党内组织生活)."""

    _inherit = "party.activity.attendance"

    attendance_mode = fields.Selection(
        ATTENDANCE_MODE_SELECTION,
        string="Mode",
        required=True,
        default="offline",
        help="In person, or online (video call, the grid group) for members who "
        "are away.",
    )
    member_is_away = fields.Boolean(related="member_id.is_away", string="Away")

    @api.model_create_multi
    def create(self, vals_list):
        # an away member attends online unless said otherwise
        member_ids = {
            vals["member_id"]
            for vals in vals_list
            if vals.get("member_id") and "attendance_mode" not in vals
        }
        if member_ids:
            # sudo: the away flag of members the attendance line names
            away = set(
                self.env["party.member"]
                .sudo()
                .search([("id", "in", list(member_ids)), ("is_away", "=", True)])
                .ids
            )
            for vals in vals_list:
                if "attendance_mode" not in vals and vals.get("member_id") in away:
                    vals["attendance_mode"] = "online"
        return super().create(vals_list)


class PartyActivity(models.Model):
    _inherit = "party.activity"

    online_link = fields.Char(
        string="Online Meeting",
        help="Link or group through which away members join the activity.",
    )
    online_count = fields.Integer(
        compute="_compute_online_count", string="Attended Online"
    )

    def _compute_online_count(self):
        counts = dict(
            self.env["party.activity.attendance"]._read_group(
                [
                    ("activity_id", "in", self._origin.ids),
                    ("attendance_mode", "=", "online"),
                    ("state", "=", "present"),
                ],
                ["activity_id"],
                ["__count"],
            )
        )
        for activity in self:
            activity.online_count = counts.get(activity._origin, 0)
