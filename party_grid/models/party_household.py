# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .party_grid_tools import readable_name, window_action
from .party_member import PARTY_MEMBER_STATUSES
from .party_visit import duty_month_bounds, duty_today

KIND_SELECTION = [
    ("household", "Household"),
    ("tenant", "Tenant"),
    ("shop", "Shop"),
    ("enterprise", "Enterprise"),
    ("organisation", "Social Organisation"),
    ("facility", "Facility"),
]
CONTACT_REASON_SELECTION = [
    ("kin", "Kinship"),
    ("near", "Nearby"),
    ("neighbour", "Neighbour"),
]


class PartyHousehold(models.Model):
    _name = "party.household"
    _description = "Household or Grid Object"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "grid_id, name, id"

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(
        KIND_SELECTION, required=True, default="household", tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner", string="Head / Contact Person", index=True, ondelete="restrict"
    )
    address = fields.Char()
    phone = fields.Char()
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    residents_count = fields.Integer(string="Residents", default=1)
    tag_ids = fields.Many2many(
        "party.household.tag",
        "party_household_tag_rel",
        "household_id",
        "tag_id",
        string="Tags",
    )
    must_visit = fields.Boolean(
        compute="_compute_must_visit",
        store=True,
        index=True,
        help="Set when one of the tags requires visits.",
    )
    contact_member_id = fields.Many2one(
        "party.member",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The party member responsible for this household.",
    )
    contact_reason = fields.Selection(
        CONTACT_REASON_SELECTION,
        help="Why this member was chosen: kinship, living nearby or neighbour.",
    )
    notes = fields.Text()
    active = fields.Boolean(default=True, tracking=True)
    visit_ids = fields.One2many("party.visit", "household_id", string="Visits")
    month_contact_count = fields.Integer(
        compute="_compute_month_contact",
        string="Contacts This Month",
        help="Visits, calls and online contacts made this month by the household's "
        "contact member. Visits by other members are recorded but do not count.",
    )
    month_contact_required = fields.Integer(
        compute="_compute_month_contact",
        string="Contacts Required per Month",
        help="How often the contact member must contact this household each month "
        "(more for must-visit households, see the settings).",
    )
    is_contact_due = fields.Boolean(
        compute="_compute_month_contact",
        search="_search_is_contact_due",
        string="Not Contacted This Month",
        help="The household has a contact member who has not yet contacted it as "
        "often as required this month. Visits by other members do not count.",
    )
    visit_month_count = fields.Integer(
        compute="_compute_visit_month_count",
        string="Visits This Month",
        help="The visits of this household this month that you may read, by "
        "any member.",
    )
    contact_state = fields.Selection(
        [
            ("none", "No Contact Member"),
            ("due", "Not Contacted This Month"),
            ("done", "Contacted This Month"),
        ],
        compute="_compute_month_contact",
        string="Contact This Month",
    )

    @api.depends("tag_ids.must_visit")
    def _compute_must_visit(self):
        # the tags that require visits, read once for the batch (an import
        # computes thousands of households at once)
        must_tags = set(self.tag_ids.filtered("must_visit")._ids)
        if not must_tags:
            self.must_visit = False
            return
        for household in self:
            household.must_visit = not must_tags.isdisjoint(household.tag_ids._ids)

    def _compute_month_contact(self):
        """Duty figures of a batch of households in one grouped query."""
        required, required_must = self.env["party.visit"]._duty_required_contacts()
        start, stop = duty_month_bounds(duty_today())
        households = self.filtered("contact_member_id")
        counts = {}
        if households._origin:
            # sudo: the duty is a fact about the household, the same for
            # every reader, whoever may read the visits themselves
            groups = (
                self.env["party.visit"]
                .sudo()
                ._read_group(
                    [
                        ("household_id", "in", households._origin.ids),
                        ("date", ">=", start),
                        ("date", "<", stop),
                    ],
                    ["household_id", "member_id"],
                    ["__count"],
                )
            )
            counts = {
                (household.id, member.id): count for household, member, count in groups
            }
        for household in self:
            member = household.contact_member_id
            need = required_must if household.must_visit else required
            done = counts.get((household._origin.id, member.id), 0)
            household.month_contact_required = need if member else 0
            household.month_contact_count = done if member else 0
            household.is_contact_due = bool(member) and done < need
            household.contact_state = (
                "none" if not member else "due" if done < need else "done"
            )

    def _compute_visit_month_count(self):
        """The visits of this month that the stat button opens: those the
        reader may read (the record rules), in one grouped query."""
        start, stop = duty_month_bounds(duty_today())
        counts = {}
        if self._origin:
            counts = {
                household.id: count
                for household, count in self.env["party.visit"]._read_group(
                    [
                        ("household_id", "in", self._origin.ids),
                        ("date", ">=", start),
                        ("date", "<", stop),
                    ],
                    ["household_id"],
                    ["__count"],
                )
            }
        for household in self:
            household.visit_month_count = counts.get(household._origin.id, 0)

    def _search_is_contact_due(self, operator, value):
        if (
            operator in ("in", "not in")
            and isinstance(value, (list, tuple))
            and len(value) == 1
            and isinstance(value[0], bool)
        ):
            # a filter sent as a list: ("is_contact_due", "in", [True])
            operator, value = ("=" if operator == "in" else "!="), value[0]
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(
                self.env._("“To contact this month” is searched as true or false only.")
            )
        required, required_must = self.env["party.visit"]._duty_required_contacts()
        start, stop = duty_month_bounds(duty_today())
        # households whose contact member has not contacted them often enough
        # this month: one correlated count per household, on the visit index
        # (household_id, member_id, date)
        due = SQL(
            """(SELECT h.id FROM party_household h
                WHERE h.contact_member_id IS NOT NULL
                  AND (SELECT count(*) FROM party_visit v
                        WHERE v.household_id = h.id
                          AND v.member_id = h.contact_member_id
                          AND v.date >= %(start)s AND v.date < %(stop)s)
                      < CASE WHEN h.must_visit THEN %(must)s ELSE %(required)s END)""",
            start=start,
            stop=stop,
            must=required_must,
            required=required,
        )
        positive = (operator == "=") == value
        return [("id", "in" if positive else "not in", due)]

    @api.constrains("residents_count")
    def _check_residents_count(self):
        for household in self:
            if household.residents_count < 0:
                raise ValidationError(
                    self.env._(
                        "The number of residents of %(household)s cannot be negative.",
                        household=household.name,
                    )
                )

    @api.constrains("contact_member_id", "grid_id")
    def _check_contact_member_id(self):
        # sudo: the member's grid may be an ancestor outside the user's scope
        checked = set()  # (member, grid): an import repeats them on many rows
        for household in self.sudo():
            member = household.contact_member_id
            if not member:
                continue
            pair = (member.id, household.grid_id.id)
            if pair in checked:
                continue
            checked.add(pair)
            if member.status not in PARTY_MEMBER_STATUSES:
                raise ValidationError(
                    self.env._(
                        "%(member)s is an activist or applicant, not yet a party "
                        "member: choose a full or probationary member to contact "
                        "household %(household)s.",
                        member=readable_name(self.env, member, "name"),
                        household=household.name,
                    )
                )
            # the member's grid must be the household's grid or an ancestor
            member_path = member.grid_id.parent_path or ""
            if not (household.grid_id.parent_path or "").startswith(member_path):
                raise ValidationError(
                    self.env._(
                        "Contact member %(member)s belongs to grid “%(member_grid)s”, "
                        "outside the grid “%(grid)s” of household %(household)s. "
                        "Choose a member of that grid or of a grid above it.",
                        member=readable_name(self.env, member, "name"),
                        member_grid=readable_name(
                            self.env, member.grid_id, "complete_name"
                        ),
                        grid=readable_name(
                            self.env, household.grid_id, "complete_name"
                        ),
                        household=household.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_partner_readable(vals)
        if self.env.context.get("import_file"):
            # an import of thousands of households: no creation message, no
            # follower row and no tracking work per household (the chatter's
            # create step runs per record); tracking of later changes stays
            households = super(
                PartyHousehold, self.with_context(tracking_disable=True)
            ).create(vals_list)
            households = households.with_env(self.env)
        else:
            households = super().create(vals_list)
        households._party_grid_sync_partner()
        return households

    def write(self, vals):
        if not self.env.su:
            self._check_partner_readable(vals)
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # households may be moved only within the grids the user manages
            self.check_access("write")
        if "grid_id" in vals or "partner_id" in vals:
            self._party_grid_sync_partner()
        return res

    @api.model
    def _check_partner_readable(self, vals):
        """The head of a household is a person the user may see."""
        partner = self.env["res.partner"].browse(vals.get("partner_id") or ())
        if partner:
            partner.check_access("read")

    def _party_grid_sync_partner(self):
        """A household's head gets the household's grid, unless they are
        registered as a party member (whose grid they keep)."""
        households = self.sudo().filtered("partner_id")
        members = self.env["party.member"].sudo().with_context(active_test=False)
        registered = set(
            members.search(
                [("partner_id", "in", households.partner_id.ids)]
            ).partner_id.ids
        )
        self.env["res.partner"]._party_grid_set(
            {
                household.partner_id: household.grid_id
                for household in households
                if household.partner_id.id not in registered
            }
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        used = self._get_households_with_history()
        if used:
            raise UserError(
                self.env._(
                    "Household %(household)s has history and cannot be deleted. "
                    "Archive it instead.",
                    household=used[0].name,
                )
            )

    def action_log_visit(self):
        """Open the visit form for this household, dated now, for the user's
        own party member (or the household's contact member)."""
        self.ensure_one()
        member = self.env["party.visit"]._default_member_id()
        return window_action(
            self.env,
            "party_grid.party_visit_action_quick",
            context={
                "default_household_id": self.id,
                "default_member_id": member or self.contact_member_id.id,
            },
        )

    @api.readonly
    def action_view_visits(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_visit_action",
            domain=[("household_id", "=", self.id)],
            context={"default_household_id": self.id},
        )

    @api.readonly
    def action_view_month_visits(self):
        """The visits of this month, as the stat button counts them."""
        self.ensure_one()
        start, stop = duty_month_bounds(duty_today())
        action = self.action_view_visits()
        action["domain"] = [
            ("household_id", "=", self.id),
            ("date", ">=", fields.Datetime.to_string(start)),
            ("date", "<", fields.Datetime.to_string(stop)),
        ]
        return action

    @api.model
    @api.readonly
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Households"),
                "template": (
                    "/party_grid/static/xlsx/party_household_import_template.xlsx"
                ),
            }
        ]

    def _get_households_with_history(self):
        """Return the households of ``self`` that must not be deleted. Addons
        that attach history to households (visits, tickets…) extend this."""
        # sudo: visits out of the user's scope still forbid deletion
        groups = (
            self.env["party.visit"]
            .sudo()
            ._read_group([("household_id", "in", self.ids)], ["household_id"])
        )
        return self.browse(household.id for (household,) in groups)


class PartyHouseholdExport(models.Model):
    _name = "party.household"
    _inherit = ["party.household", "party.grid.export.mixin"]
