# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

# the duty month is a calendar month in China Standard Time, whatever the
# timezone of the user who looks at it (DESIGN.md: one county, one clock)
DUTY_TZ = "Asia/Shanghai"
PARAM_CONTACTS = "party_grid.visit_monthly_contacts"
PARAM_CONTACTS_MUST_VISIT = "party_grid.visit_monthly_contacts_must_visit"
DEFAULT_CONTACTS = 1
DEFAULT_CONTACTS_MUST_VISIT = 2

TICKET_TITLE_LENGTH = 60
# dates before this are typing errors (1900, 0001…)
EARLIEST_DATE = datetime(2000, 1, 1)
METHOD_SELECTION = [
    ("home", "Home Visit"),
    ("phone", "Phone Call"),
    ("online", "Online / WeChat"),
    ("talk", "Heart-to-heart Talk"),
    ("meeting", "Group Meeting"),
]
KIND_SELECTION = [
    ("routine", "Routine Visit"),
    ("must_attend", "Must Attend"),
    ("must_report", "Must Report"),
    ("must_visit", "Must Visit"),
    ("return_visit", "Return Visit"),
]


def duty_month_start(day):
    """First day of the duty month of ``day`` (a date)."""
    return date(day.year, day.month, 1)


def duty_month_bounds(day):
    """(start, stop) naive UTC datetimes of the duty month containing ``day``."""
    tz = pytz.timezone(DUTY_TZ)
    first = duty_month_start(day)
    bounds = []
    for local_day in (first, first + relativedelta(months=1)):
        local = tz.localize(datetime.combine(local_day, time.min))
        bounds.append(local.astimezone(pytz.utc).replace(tzinfo=None))
    return tuple(bounds)


def duty_today():
    """Today in the duty timezone."""
    return datetime.now(pytz.timezone(DUTY_TZ)).date()


class PartyVisit(models.Model):
    _name = "party.visit"
    _description = "Visit Log Entry"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _rec_name = "household_id"

    member_id = fields.Many2one(
        "party.member",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        default=lambda self: self._default_member_id(),
        help="The party member who made the contact. A visit counts toward the "
        "member's monthly duty only when the household is one of the member's "
        "linked households; visits to other households are recorded but do not "
        "count.",
    )
    household_id = fields.Many2one(
        "party.household",
        string="Household or Object",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    grid_id = fields.Many2one(
        related="household_id.grid_id", store=True, index=True, string="Grid"
    )
    date = fields.Datetime(
        string="Date and Time",
        required=True,
        index=True,
        default=fields.Datetime.now,
        tracking=True,
    )
    method = fields.Selection(
        METHOD_SELECTION, required=True, default="home", tracking=True
    )
    kind = fields.Selection(
        KIND_SELECTION, required=True, default="routine", tracking=True
    )
    check_people = fields.Boolean(
        string="People Known", help="四清: who lives here is known."
    )
    check_facilities = fields.Boolean(
        string="Facilities Known", help="四清: the state of the facilities is known."
    )
    check_situation = fields.Boolean(
        string="Living Situation Known",
        help="四清: the living situation of the household is known.",
    )
    check_risks = fields.Boolean(
        string="Risks and Disputes Known",
        help="四清: hidden risks and disputes are known.",
    )
    notes = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_visit_attachment_rel",
        "visit_id",
        "attachment_id",
        string="Photos and Attachments",
    )
    latitude = fields.Float(
        digits=(10, 6),
        help="Where the visit was logged, from the phone's location when the "
        "member allowed it (never required).",
    )
    longitude = fields.Float(digits=(10, 6))
    location_accuracy = fields.Float(
        string="Location Accuracy (m)",
        digits=(16, 0),
        help="The radius, in metres, within which the phone placed itself.",
    )
    finding = fields.Text(
        string="Problem Found", help="A problem found during the visit (发现问题)."
    )
    needs_follow_up = fields.Boolean(
        tracking=True, help="The problem found needs follow-up."
    )
    ticket_id = fields.Many2one(
        "party.ticket",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The service ticket created from the problem found on this visit.",
    )
    is_duty_visit = fields.Boolean(
        string="Counts for Duty",
        compute="_compute_is_duty_visit",
        help="The household is linked to the member: the visit counts toward the "
        "member's monthly contact duty.",
    )
    is_own = fields.Boolean(
        compute="_compute_is_own",
        search="_search_is_own",
        string="My Visits",
    )

    @api.model
    def _default_member_id(self):
        return (
            self.env["party.member"]
            .search([("user_id", "=", self.env.uid)], limit=1)
            .id
        )

    def init(self):
        # the duty queries look up a household's visits by its member in a month
        tools.create_index(
            self.env.cr,
            "party_visit_household_member_date_index",
            self._table,
            ["household_id", "member_id", "date"],
        )

    @api.depends("member_id", "household_id.contact_member_id")
    def _compute_is_duty_visit(self):
        for visit in self:
            visit.is_duty_visit = bool(
                visit.member_id
                and visit.household_id.contact_member_id == visit.member_id
            )

    @api.depends("member_id.user_id", "create_uid")
    @api.depends_context("uid")
    def _compute_is_own(self):
        for visit in self:
            visit.is_own = self.env.uid in (
                visit.member_id.user_id.id,
                visit.create_uid.id,
            )

    def _search_is_own(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("“My Visits” is searched as true or false only.")
            )
        domain = [
            "|",
            ("member_id.user_id", "=", self.env.uid),
            ("create_uid", "=", self.env.uid),
        ]
        if (operator == "=") != value:
            domain = ["!", *domain]
        return domain

    @api.constrains("date")
    def _check_date(self):
        now = fields.Datetime.now()
        for visit in self:
            if visit.date < EARLIEST_DATE:
                raise ValidationError(
                    self.env._(
                        "The visit to %(household)s is dated before 2000: enter "
                        "the real date of the visit.",
                        household=visit.household_id.name,
                    )
                )
            if visit.date > now:
                raise ValidationError(
                    self.env._(
                        "The visit to %(household)s is dated %(date)s, in the "
                        "future. Record a visit once it has taken place.",
                        household=visit.household_id.name,
                        date=fields.Datetime.to_string(
                            fields.Datetime.context_timestamp(visit, visit.date)
                        ),
                    )
                )

    @api.constrains("latitude", "longitude", "location_accuracy")
    def _check_location(self):
        for visit in self:
            if not (
                -90 <= visit.latitude <= 90
                and -180 <= visit.longitude <= 180
                and visit.location_accuracy >= 0
            ):
                raise ValidationError(
                    self.env._(
                        "The place recorded for the visit to %(household)s is not "
                        "a place on earth: record the location again, or leave it "
                        "empty.",
                        household=visit.household_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_visit_links(vals)
        # the visit log is the county's highest-volume record: no creation
        # message and no follower row (tracking of later changes stays)
        visits = super(
            PartyVisit,
            self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True),
        ).create(vals_list)
        # photos attached on the form belong to the visit (and its chatter)
        self._link_attachments(visits)
        return visits

    def write(self, vals):
        if not self.env.su:
            self._check_visit_links(vals)
        res = super().write(vals)
        if "attachment_ids" in vals:
            self._link_attachments(self)
        return res

    @api.model
    def _check_visit_links(self, vals):
        """A visit is recorded to a household of the grids the user works on
        (or one linked to them), by the member who made it or for a member of
        those grids or the household's contact member. Nothing about other
        grids is named in the refusal."""
        user = self.env.user
        # sudo: the grids, logins and contact members of the records chosen,
        # to decide only; nothing of them is shown
        household = (
            self.env["party.household"].sudo().browse(vals.get("household_id") or ())
        )
        member = self.env["party.member"].sudo().browse(vals.get("member_id") or ())
        if household and not (
            household.exists()
            and (
                household.contact_member_id.user_id == user
                or user._party_grid_covers(household.grid_id)
            )
        ):
            raise AccessError(
                self.env._(
                    "You can record visits to the households of the grids you "
                    "work on, or to households linked to you, only."
                )
            )
        if member and not (
            member.exists()
            and (
                member.user_id == user
                or user._party_grid_covers(member.grid_id)
                or (household and household.contact_member_id == member)
            )
        ):
            raise AccessError(
                self.env._(
                    "You can record visits in your own name, or for the party "
                    "members of the grids you work on, only."
                )
            )

    @api.model
    def _link_attachments(self, visits):
        for visit in visits:
            visit.attachment_ids.filtered(
                lambda a, v=visit: not a.res_id and a.res_model in (False, v._name)
            ).write({"res_model": visit._name, "res_id": visit.id})

    @api.model
    def _duty_required_contacts(self):
        """(contacts required of an ordinary household, of a must-visit one) per
        month, from the settings."""
        params = self.env["ir.config_parameter"].sudo()

        def _int(key, default):
            try:
                return max(int(params.get_param(key, default)), 1)
            except (TypeError, ValueError):
                return default

        return (
            _int(PARAM_CONTACTS, DEFAULT_CONTACTS),
            _int(PARAM_CONTACTS_MUST_VISIT, DEFAULT_CONTACTS_MUST_VISIT),
        )

    @api.readonly
    def action_visit_saved(self):
        """保存走访 of the quick form: the client has saved the visit; tell the
        member and close the dialog (the household behind it reloads its
        counts)."""
        self.ensure_one()
        household = self.household_id
        household.invalidate_recordset(
            ["visit_month_count", "month_contact_count", "contact_state"]
        )
        message = self.env._(
            "Visit to %(household)s saved: %(count)s visit(s) this month.",
            household=household.name,
            count=household.visit_month_count,
        )
        if household.contact_member_id:
            message += " " + self.env._(
                "Contacts by the contact member this month: %(done)s of %(need)s.",
                done=household.month_contact_count,
                need=household.month_contact_required,
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Visit saved"),
                "message": message,
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_create_ticket(self):
        """A visit that found a problem creates its ticket in one step: same grid,
        same household, the finding as title and description, source 'visit'."""
        self.ensure_one()
        if self.ticket_id:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s was already created from this visit.",
                    ticket=self.ticket_id.display_name,
                )
            )
        finding = (self.finding or "").strip()
        if not finding:
            raise UserError(
                self.env._(
                    "Describe the problem found before creating a ticket from the "
                    "visit."
                )
            )
        first_line = finding.splitlines()[0].strip()
        ticket = self.env["party.ticket"].create(
            {
                "title": first_line[:TICKET_TITLE_LENGTH],
                "description": tools.plaintext2html(finding),
                "source": "visit",
                "grid_id": self.grid_id.id,
                "household_id": self.household_id.id,
            }
        )
        self.write({"ticket_id": ticket.id, "needs_follow_up": True})
        # a note that sends no e-mail: grid workers often have no address
        ticket._message_log(
            body=self.env._(
                "Created from the visit of %(member)s to %(household)s on %(date)s.",
                member=self.member_id.name,
                household=self.household_id.name,
                date=fields.Datetime.to_string(self.date),
            )
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "party.ticket",
            "res_id": ticket.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
