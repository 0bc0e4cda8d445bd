# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from collections import defaultdict
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .party_grid_tools import readable_name, window_action

STATUS_SELECTION = [
    ("full", "Full Member"),
    ("probationary", "Probationary Member"),
    ("activist", "Activist"),
    ("applicant", "Applicant"),
]
# the statuses of party members proper (activists and applicants are not yet)
PARTY_MEMBER_STATUSES = ("full", "probationary")
# the date field stamped when a member reaches a status
STATUS_DATE_FIELD = {
    "applicant": "application_date",
    "activist": "activist_date",
    "probationary": "probation_date",
    "full": "full_date",
}
LEAVE_REASON_SELECTION = [
    ("transfer", "Transferred Out"),
    ("deceased", "Deceased"),
    ("expelled", "Expelled or Removed"),
    ("other", "Other"),
]
ID_NUMBER_RE = re.compile(r"^\d{17}[\dX]$")
ID_NUMBER_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_NUMBER_CHECK = "10X98765432"


def id_number_is_valid(number):
    """GB 11643-1999: 18 characters, a date of birth that exists (not before
    1900, not in the future) and the ISO 7064 MOD 11-2 check digit."""
    if not ID_NUMBER_RE.match(number or ""):
        return False
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= birth <= date.today():
        return False
    total = sum(
        int(digit) * weight
        for digit, weight in zip(number[:17], ID_NUMBER_WEIGHTS, strict=True)
    )
    return ID_NUMBER_CHECK[total % 11] == number[17]


CENTRAL_HOUSEHOLD_MAX = 10


class PartyMember(models.Model):
    _name = "party.member"
    _description = "Party Member"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _inherits = {"res.partner": "partner_id"}
    _rec_names_search = ["name", "id_number"]
    _order = "grid_id, id"

    partner_id = fields.Many2one(
        "res.partner",
        required=True,
        index=True,
        ondelete="restrict",
        help="Name, phone, photo and address of the member.",
    )
    id_number = fields.Char(
        string="ID Number",
        index=True,
        copy=False,
        tracking=True,
        help="Citizen identity number (18 characters).",
    )
    user_id = fields.Many2one(
        "res.users",
        index=True,
        copy=False,
        help="The login of the member, if they use the system.",
    )
    status = fields.Selection(
        STATUS_SELECTION, required=True, default="full", tracking=True
    )
    application_date = fields.Date()
    activist_date = fields.Date(string="Activist Since")
    probation_date = fields.Date(string="Admitted as Probationary Member")
    full_date = fields.Date(string="Full Membership Date")
    status_history_ids = fields.One2many(
        "party.member.status.history",
        "member_id",
    )
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The grid of the member's party organisation.",
    )
    post_ids = fields.One2many(
        "party.member.post", "member_id", string="Posts and Duties"
    )
    commitment_ids = fields.One2many(
        "party.member.commitment", "member_id", string="Service Commitments"
    )
    speciality_ids = fields.Many2many(
        "party.member.speciality",
        "party_member_speciality_rel",
        "member_id",
        "speciality_id",
        string="Specialities",
    )
    is_central_household = fields.Boolean(
        string="Central Household",
        tracking=True,
        help="A central household coordinates 5 to 10 party members.",
    )
    central_household_id = fields.Many2one(
        "party.member",
        string="Coordinated by",
        index=True,
        ondelete="restrict",
        domain="[('is_central_household', '=', True), ('id', '!=', id)]",
    )
    coordinated_member_ids = fields.One2many(
        "party.member", "central_household_id", string="Coordinated Members"
    )
    coordinated_count = fields.Integer(
        compute="_compute_coordinated_count", string="Coordinated Member Count"
    )
    is_in_service = fields.Boolean(
        string="In-service Member",
        help="Double registration: the member works in a unit and also registers "
        "with the community where they live.",
    )
    work_unit = fields.Char()
    residential_grid_id = fields.Many2one("party.grid", index=True, ondelete="restrict")
    is_away = fields.Boolean(
        string="Away", help="The member lives or works away from the grid."
    )
    away_place = fields.Char(string="Away At")
    away_contact = fields.Char(
        string="Contact While Away", help="How the member is reached while away."
    )
    household_ids = fields.One2many(
        "party.household", "contact_member_id", string="Linked Households"
    )
    household_count = fields.Integer(
        compute="_compute_household_count", string="Linked Household Count"
    )
    visit_ids = fields.One2many("party.visit", "member_id", string="Visits")
    visit_count = fields.Integer(compute="_compute_visit_count")
    duty_household_count = fields.Integer(
        compute="_compute_duty",
        string="Households Due",
        help="Linked households the member must contact this month.",
    )
    duty_contacted_count = fields.Integer(
        compute="_compute_duty",
        string="Households Contacted",
        help="Linked households the member has contacted as often as required this "
        "month. Visits to households not linked to the member do not count.",
    )
    duty_uncontacted_count = fields.Integer(
        compute="_compute_duty",
        string="Not Yet Contacted",
        help="Linked households the member has not yet contacted as often as "
        "required this month.",
    )
    duty_contact_rate = fields.Float(
        compute="_compute_duty",
        string="Contact Rate (%)",
        digits=(16, 1),
        help="Share of the linked households contacted as required this month.",
    )
    attendance_ids = fields.One2many("party.activity.attendance", "member_id")
    attendance_count = fields.Integer(
        compute="_compute_attendance",
        string="Activities Expected",
        help="Party activities the member was expected to attend.",
    )
    attendance_present_count = fields.Integer(
        compute="_compute_attendance", string="Activities Attended"
    )
    attendance_rate = fields.Float(
        compute="_compute_attendance",
        string="Attendance Rate (%)",
        digits=(16, 1),
        help="Activities attended out of the activities the member was expected "
        "to attend (excused absences count as expected).",
    )
    leave_reason = fields.Selection(LEAVE_REASON_SELECTION, tracking=True)
    leave_date = fields.Date()
    leave_note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("id_number_uniq", "unique(id_number)", "The ID number must be unique."),
        (
            "user_uniq",
            "unique(user_id)",
            "A user can be linked to one party member only.",
        ),
    ]

    def _compute_coordinated_count(self):
        counts = dict(
            self._read_group(
                [("central_household_id", "in", self.ids)],
                ["central_household_id"],
                ["__count"],
            )
        )
        for member in self:
            member.coordinated_count = counts.get(member, 0)

    def _compute_household_count(self):
        counts = dict(
            self.env["party.household"]._read_group(
                [("contact_member_id", "in", self.ids)],
                ["contact_member_id"],
                ["__count"],
            )
        )
        for member in self:
            member.household_count = counts.get(member, 0)

    def _compute_visit_count(self):
        counts = dict(
            self.env["party.visit"]._read_group(
                [("member_id", "in", self._origin.ids)], ["member_id"], ["__count"]
            )
        )
        for member in self:
            member.visit_count = counts.get(member._origin, 0)

    def _compute_duty(self):
        """Monthly contact duty of a batch of members in two grouped queries."""
        Household = self.env["party.household"]
        domain = [("contact_member_id", "in", self._origin.ids)]
        due = dict(Household._read_group(domain, ["contact_member_id"], ["__count"]))
        open_ = dict(
            Household._read_group(
                domain + [("is_contact_due", "=", True)],
                ["contact_member_id"],
                ["__count"],
            )
        )
        for member in self:
            total = due.get(member._origin, 0)
            uncontacted = open_.get(member._origin, 0)
            member.duty_household_count = total
            member.duty_uncontacted_count = uncontacted
            member.duty_contacted_count = total - uncontacted
            member.duty_contact_rate = (
                100.0 * (total - uncontacted) / total if total else 0.0
            )

    def _compute_attendance(self):
        groups = self.env["party.activity.attendance"]._read_group(
            [("member_id", "in", self._origin.ids)],
            ["member_id", "state"],
            ["__count"],
        )
        counts = defaultdict(lambda: defaultdict(int))
        for member, state, count in groups:
            counts[member.id][state] += count
        for member in self:
            count = counts[member._origin.id]
            expected = sum(count.values())
            member.attendance_count = expected
            member.attendance_present_count = count["present"]
            member.attendance_rate = (
                100.0 * count["present"] / expected if expected else 0.0
            )

    @api.model
    def _search_display_name(self, operator, value):
        # an ID number is looked up on its own index (an import resolves each
        # household's contact member this way), not ORed with the partner's
        # name across the _inherits join (a full scan per row)
        if (
            operator in ("=", "ilike", "=ilike")
            and isinstance(value, str)
            and ID_NUMBER_RE.match(value.strip().upper())
        ):
            return [("id_number", "=", value.strip().upper())]
        return super()._search_display_name(operator, value)

    @api.constrains("id_number")
    def _check_id_number(self):
        for member in self:
            if member.id_number and not id_number_is_valid(member.id_number):
                raise ValidationError(
                    self.env._(
                        "The ID number %(number)s of %(member)s is not valid: a "
                        "citizen identity number has 18 characters (17 digits and "
                        "a digit or X), a real date of birth and a correct check "
                        "digit (GB 11643).",
                        number=member.id_number,
                        member=member.name,
                    )
                )

    @api.constrains("central_household_id", "is_central_household")
    def _check_central_household_id(self):
        # sudo: coordinated members may belong to grids outside the user's scope
        members = self.sudo()
        centrals = members | members.central_household_id
        for member in members:
            central = member.central_household_id
            if central == member:
                raise ValidationError(
                    self.env._(
                        "%(member)s cannot coordinate themselves.", member=member.name
                    )
                )
            if central and not central.is_central_household:
                raise ValidationError(
                    self.env._(
                        "%(central)s is not a central household and cannot "
                        "coordinate %(member)s.",
                        central=readable_name(self.env, central, "name"),
                        member=member.name,
                    )
                )
        for central in centrals:
            if not central.is_central_household and central.coordinated_member_ids:
                raise ValidationError(
                    self.env._(
                        "%(central)s still coordinates party members and must stay "
                        "a central household.",
                        central=central.name,
                    )
                )
            if len(central.coordinated_member_ids) > CENTRAL_HOUSEHOLD_MAX:
                raise ValidationError(
                    self.env._(
                        "A central household coordinates at most %(max)s party "
                        "members; %(central)s would coordinate %(count)s.",
                        max=CENTRAL_HOUSEHOLD_MAX,
                        central=central.name,
                        count=len(central.coordinated_member_ids),
                    )
                )

    @api.constrains("grid_id")
    def _check_grid_id(self):
        # households linked to the member must stay in the member's subtree,
        # including those the user does not see
        self.sudo().household_ids._check_contact_member_id()

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._normalize_id_number(vals)
        self._check_id_number_unique([vals.get("id_number") for vals in vals_list])
        members = super().create(vals_list)
        if any(vals.get("user_id") for vals in vals_list):
            self.env["res.users"]._party_grid_scope_changed()
        return members

    def write(self, vals):
        user_ids = (
            {member.id: member.user_id.id for member in self}
            if ("user_id" in vals)
            else {}
        )
        self._normalize_id_number(vals)
        if vals.get("id_number"):
            self._check_id_number_unique([vals["id_number"]] * len(self), exclude=self)
        if vals.get("active"):
            vals.update(leave_reason=False, leave_date=False, leave_note=False)
        history = []
        if "status" in vals:
            today = fields.Date.context_today(self)
            date_field = STATUS_DATE_FIELD[vals["status"]]
            for member in self.filtered(lambda m: m.status != vals["status"]):
                history.append(
                    {
                        "member_id": member.id,
                        "date": today,
                        "old_status": member.status,
                        "new_status": vals["status"],
                    }
                )
                if not member[date_field] and date_field not in vals:
                    member[date_field] = today
        res = super().write(vals)
        if history:
            self.env["party.member.status.history"].create(history)
        if "user_id" in vals and any(
            member.user_id.id != (user_ids.get(member.id) or False) for member in self
        ):
            self.env["res.users"]._party_grid_scope_changed()
        if "grid_id" in vals and not self.env.su:
            # members may be moved only within the grids the user manages
            self.check_access("write")
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        used = self._get_members_with_history()
        if used:
            raise UserError(
                self.env._(
                    "Party member %(member)s is referenced by households, grid "
                    "roles, status history or coordinated members and cannot be "
                    "deleted. Use “Leave” to archive the member instead.",
                    member=used[0].name,
                )
            )

    def action_leave(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Leave the Party Organisation"),
            "res_model": "party.member.leave.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_member_id": self.id},
        }

    @api.readonly
    def action_view_households(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_household_action",
            domain=[("contact_member_id", "=", self.id)],
            context={
                "default_contact_member_id": self.id,
                "default_grid_id": self.grid_id.id,
            },
        )

    @api.readonly
    def action_view_uncontacted_households(self):
        self.ensure_one()
        action = self.action_view_households()
        action["domain"] = [
            ("contact_member_id", "=", self.id),
            ("is_contact_due", "=", True),
        ]
        return action

    @api.readonly
    def action_view_visits(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_visit_action",
            domain=[("member_id", "=", self.id)],
            context={"default_member_id": self.id},
        )

    @api.readonly
    def action_view_attendance(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_activity_attendance_action",
            domain=[("member_id", "=", self.id)],
        )

    @api.model
    @api.readonly
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Party Members"),
                "template": "/party_grid/static/xlsx/party_member_import_template.xlsx",
            }
        ]

    @api.model
    def _normalize_id_number(self, vals):
        if "id_number" in vals:
            vals["id_number"] = (vals["id_number"] or "").strip().upper() or False

    def _check_id_number_unique(self, numbers, exclude=None):
        numbers = [number for number in numbers if number]
        seen = set()
        for number in numbers:
            if number in seen:
                raise ValidationError(
                    self.env._("The ID number %(number)s is used twice.", number=number)
                )
            seen.add(number)
        if not seen:
            return
        domain = [("id_number", "in", list(seen))]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        # members out of the user's scope (or archived) still own their number
        duplicate = self.sudo().with_context(active_test=False).search(domain, limit=1)
        if duplicate:
            raise ValidationError(
                self.env._(
                    "The ID number %(number)s is already registered for party "
                    "member %(member)s.",
                    number=duplicate.id_number,
                    member=readable_name(self.env, duplicate, "name"),
                )
            )

    def _get_members_with_history(self):
        """Return the members of ``self`` that must not be deleted. Addons that
        attach history to members (visits, points…) extend this."""
        # records out of the user's scope still count as history
        env = self.sudo().with_context(active_test=False).env
        used = self.browse()
        for model, fname in (
            ("party.household", "contact_member_id"),
            ("party.grid.role", "member_id"),
            ("party.member.status.history", "member_id"),
            ("party.member", "central_household_id"),
            ("party.visit", "member_id"),
            ("party.activity.attendance", "member_id"),
            ("party.activity", "host_id"),
        ):
            groups = env[model]._read_group([(fname, "in", self.ids)], [fname])
            used |= self.browse(member.id for (member,) in groups)
        return used
