# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    window_action,
)

PERIOD_TYPE_SELECTION = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
]
PERIOD_STATE_SELECTION = [
    ("open", "Open"),
    ("computed", "Computed"),
    ("published", "Published"),
    ("closed", "Closed"),
]
BATCH_SIZE = 1000
# measures read by one grouped query each ("family")
MEASURE_FAMILY = {
    "contact_rate": "contact",
    "must_visit": "contact",
    "coverage": "contact",
    "activity_attendance": "attendance",
    "volunteer_hours": "attendance",
    "activities_held": "activities",
    "ticket_claimed": "tickets",
    "ticket_closed": "tickets",
    "ticket_closed_on_time": "tickets",
    "ticket_reopened": "tickets",
    "ticket_red_card": "tickets",
    "ticket_satisfaction": "tickets",
    "evaluation_grade": "evaluation",
}
MEASURE_ORIGIN = {
    "contact": "party.household",
    "attendance": "party.activity.attendance",
    "activities": "party.activity",
    "tickets": "party.ticket",
    "evaluation": "party.score.evaluation.grade",
}
ORIGIN_IDS = 20
# written by the checked operations only
STATE_FIELDS = {
    "state",
    "date_computed",
    "date_published",
    "compute_done",
    "compute_total",
}
LINE_COLUMNS = [
    ("period_id", "int"),
    ("item_id", "int"),
    ("category_id", "int"),
    ("subject_type", "varchar"),
    ("subject_id", "int"),
    ("member_id", "int"),
    ("user_id", "int"),
    ("subject_grid_id", "int"),
    ("grid_id", "int"),
    ("date", "date"),
    ("points", "numeric"),
    ("max_points", "numeric"),
    ("lost_points", "numeric"),
    ("basis", "text"),
    ("origin", "varchar"),
    ("subject_user_id", "int"),
]


class PartyScorePeriod(models.Model):
    _name = "party.score.period"
    _description = "Points Period"
    _inherit = ["mail.thread"]
    _order = "date_from desc, period_type, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    scheme_id = fields.Many2one(
        "party.score.scheme", required=True, index=True, ondelete="restrict"
    )
    grid_id = fields.Many2one(related="scheme_id.grid_id", store=True, index=True)
    subject_type = fields.Selection(related="scheme_id.subject_type", store=True)
    period_type = fields.Selection(
        PERIOD_TYPE_SELECTION, string="Type", required=True, default="month"
    )
    date_from = fields.Date(required=True)
    date_to = fields.Date(compute="_compute_date_to", store=True)
    state = fields.Selection(
        PERIOD_STATE_SELECTION,
        required=True,
        default="open",
        tracking=True,
        readonly=True,
        copy=False,
    )
    month_ids = fields.Many2many(
        "party.score.period",
        compute="_compute_month_ids",
        string="Months",
        help="The months this quarter or year is made of.",
    )
    date_computed = fields.Datetime(readonly=True, copy=False)
    date_published = fields.Date(readonly=True, copy=False, tracking=True)
    objection_days = fields.Integer(
        string="Objection Window (Days)",
        default=lambda self: 7,
        help="Days after publication during which a subject may object.",
    )
    objection_deadline = fields.Date(compute="_compute_objection_deadline")
    compute_done = fields.Integer(string="Subjects Computed", readonly=True, copy=False)
    compute_total = fields.Integer(
        string="Subjects in Scope", readonly=True, copy=False
    )
    line_count = fields.Integer(compute="_compute_line_count")

    _sql_constraints = [
        (
            "scheme_type_date_unique",
            "unique(scheme_id, period_type, date_from)",
            "A scheme has only one period of each type starting on a date.",
        )
    ]

    @api.depends("period_type", "date_from")
    def _compute_name(self):
        for period in self:
            day = period.date_from
            if not day:
                period.name = False
            elif period.period_type == "month":
                period.name = f"{day.year}-{day.month:02d}"
            elif period.period_type == "quarter":
                period.name = f"{day.year}-Q{(day.month - 1) // 3 + 1}"
            else:
                period.name = str(day.year)

    @api.depends("period_type", "date_from")
    def _compute_date_to(self):
        months = {"month": 1, "quarter": 3, "year": 12}
        for period in self:
            if period.date_from:
                period.date_to = period.date_from + relativedelta(
                    months=months[period.period_type], days=-1
                )
            else:
                period.date_to = False

    def _compute_month_ids(self):
        for period in self:
            period.month_ids = period._search_months()

    def _search_months(self):
        self.ensure_one()
        if self.period_type == "month":
            return self
        return self.search(
            [
                ("scheme_id", "=", self.scheme_id.id),
                ("period_type", "=", "month"),
                ("date_from", ">=", self.date_from),
                ("date_from", "<=", self.date_to),
            ],
            order="date_from",
        )

    @api.depends("date_published", "objection_days")
    def _compute_objection_deadline(self):
        for period in self:
            period.objection_deadline = period.date_published and (
                period.date_published + relativedelta(days=period.objection_days)
            )

    def _compute_line_count(self):
        Line = self.env["party.score.line"]
        for period in self:
            period.line_count = Line.search_count(
                [("period_id", "in", period.month_ids.ids)]
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            day = fields.Date.to_date(vals.get("date_from"))
            if day:
                ptype = vals.get("period_type", "month")
                if ptype == "month":
                    day = day.replace(day=1)
                elif ptype == "quarter":
                    day = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
                else:
                    day = day.replace(month=1, day=1)
                vals["date_from"] = day
            if "objection_days" not in vals and vals.get("scheme_id"):
                vals["objection_days"] = (
                    self.env["party.score.scheme"]
                    .browse(vals["scheme_id"])
                    .objection_days
                )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and STATE_FIELDS.intersection(vals):
            raise UserError(
                self.env._(
                    "The state of a period changes through Compute, Publish and Close "
                    "only."
                )
            )
        if {"scheme_id", "period_type", "date_from"}.intersection(vals) and any(
            period.state != "open" for period in self
        ):
            raise UserError(
                self.env._("Only an open period can change its scheme or dates.")
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_lines(self):
        if self.filtered(lambda p: p.state != "open"):
            raise UserError(self.env._("A period that was computed cannot be deleted."))

    # ------------------------------------------------------------ actions
    def _check_can_manage(self):
        """Township officers manage the periods of the schemes of their
        subtree; administrators every period."""
        user = self.env.user
        if self.env.su:
            return
        if not user.has_group("party_grid.party_grid_group_township"):
            raise AccessError(
                self.env._(
                    "Only township officers and administrators compute, publish "
                    "and close points periods."
                )
            )
        for period in self:
            user._party_grid_check_covers(period.scheme_id.grid_id)

    def _get_months(self, create=False):
        """The month periods of these periods (themselves for months); the
        missing months of a quarter or year are created with ``create``."""
        months = self.browse()
        for period in self:
            if period.period_type == "month":
                months |= period
                continue
            existing = period._search_months()
            if create:
                days = {m.date_from for m in existing}
                wanted = []
                day = period.date_from
                while day <= period.date_to:
                    if day not in days:
                        wanted.append(
                            {
                                "scheme_id": period.scheme_id.id,
                                "period_type": "month",
                                "date_from": day,
                                "objection_days": period.objection_days,
                            }
                        )
                    day += relativedelta(months=1)
                if wanted:
                    # sudo: the months of a quarter the user may manage
                    existing |= self.sudo().create(wanted).sudo(self.env.su)
            months |= existing
        return months

    def action_compute(self):
        self._check_can_manage()
        for period in self:
            if period.state not in ("open", "computed"):
                raise UserError(
                    self.env._(
                        "The period %(period)s is already published: its points are "
                        "final. Corrections are new lines.",
                        period=period.name,
                    )
                )
            for month in period._get_months(create=True):
                if month.state in ("open", "computed"):
                    month._compute_lines()
                    # sudo: the state is written by this checked operation only
                    month.sudo().write(
                        {"state": "computed", "date_computed": fields.Datetime.now()}
                    )
            period.invalidate_recordset(["month_ids"])
            # sudo: the state is written by this checked operation only
            period.sudo().write(
                {"state": "computed", "date_computed": fields.Datetime.now()}
            )
        return True

    def action_publish(self):
        self._check_can_manage()
        today = fields.Date.context_today(self)
        for period in self:
            months = period._get_months()
            if (
                period.state != "computed"
                or not months
                or any(m.state == "open" for m in months)
            ):
                raise UserError(
                    self.env._(
                        "The period %(period)s has not been computed: compute it "
                        "before publishing it.",
                        period=period.name,
                    )
                )
            drafts = self.env["party.score.line"].search_count(
                [("period_id", "in", months.ids), ("state", "=", "draft")]
            )
            if drafts:
                raise UserError(
                    self.env._(
                        "%(count)s manual entries of %(period)s still wait for "
                        "approval: approve or refuse them before publishing.",
                        count=drafts,
                        period=period.name,
                    )
                )
            for target in (months | period).filtered(lambda p: p.state == "computed"):
                # sudo: the state is written by this checked operation only
                target.sudo().write({"state": "published", "date_published": today})
        return True

    def action_close(self):
        self._check_can_manage()
        today = fields.Date.context_today(self)
        for period in self:
            if period.state != "published":
                raise UserError(
                    self.env._(
                        "Only a published period can be closed: %(period)s is not "
                        "published.",
                        period=period.name,
                    )
                )
            open_objections = self.env["party.score.objection"].search_count(
                [
                    ("period_id", "in", period._get_months().ids),
                    ("state", "=", "open"),
                ]
            )
            if open_objections:
                raise UserError(
                    self.env._(
                        "%(count)s objections to %(period)s are still unanswered.",
                        count=open_objections,
                        period=period.name,
                    )
                )
            if period.objection_deadline and today <= period.objection_deadline:
                raise UserError(
                    self.env._(
                        "Subjects may object to %(period)s until %(date)s: close it "
                        "after that day.",
                        period=period.name,
                        date=period.objection_deadline,
                    )
                )
            # sudo: the state is written by this checked operation only
            (period._get_months() | period).sudo().write({"state": "closed"})
        return True

    @api.readonly
    def action_view_lines(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_scoring.party_score_line_action",
            domain=[("period_id", "in", self.month_ids.ids)],
            context={"search_default_group_item": 1},
        )

    @api.readonly
    def get_ranking(self, scope_grid_id=None):
        """Ranking of the subjects of this period (its months' totals) within
        the subtree of ``scope_grid_id`` (the scheme's grid by default), ties
        ranked alike: [(rank, subject_id, points)]."""
        self.ensure_one()
        self.check_access("read")
        months = self._get_months()
        scope = (
            self.env["party.grid"].browse(scope_grid_id)
            if scope_grid_id
            else self.scheme_id.grid_id
        )
        scope.check_access("read")
        lines = self.env["party.score.line"]
        lines.check_access("read")
        # the totals are read with the user's record rules on the lines
        query = lines._search(
            [
                ("period_id", "in", months.ids),
                ("state", "=", "approved"),
                ("grid_id", "child_of", scope.id),
            ]
        )
        base = self.scheme_id.base_points
        self.env.cr.execute(
            SQL(
                """SELECT RANK() OVER (ORDER BY t.total DESC), t.subject_id, t.total
                   FROM (SELECT party_score_line.subject_id,
                                %(base)s * count(DISTINCT party_score_line.period_id)
                                + sum(party_score_line.points) AS total
                         FROM %(from)s WHERE %(where)s
                         GROUP BY party_score_line.subject_id) t
                   ORDER BY 1, 2""",
                base=base,
                **{"from": query.from_clause, "where": query.where_clause},
            )
        )
        return [
            (rank, subject, float(total))
            for rank, subject, total in self.env.cr.fetchall()
        ]

    @api.readonly
    def _compare(self, fname, id_a, id_b):
        """Per item of the scheme: points and points lost of two subjects over
        this period's months, read with the user's rules (two grouped queries
        in one)."""
        self.ensure_one()
        months = self._get_months()
        groups = self.env["party.score.line"]._read_group(
            [
                ("period_id", "in", months.ids),
                ("state", "=", "approved"),
                (fname, "in", [id_a, id_b]),
            ],
            [fname, "item_id"],
            ["points:sum", "lost_points:sum"],
        )
        figures = {
            (subject.id, item.id): (p, lost) for subject, item, p, lost in groups
        }
        rows = []
        for seq, item in enumerate(self.scheme_id.item_ids):
            points_a, lost_a = figures.get((id_a, item.id), (0.0, 0.0))
            points_b, lost_b = figures.get((id_b, item.id), (0.0, 0.0))
            rows.append(
                {
                    "sequence": seq,
                    "item_id": item.id,
                    "category_id": item.category_id.id,
                    "max_points": item.max_points * len(months),
                    "points_a": points_a,
                    "lost_a": lost_a,
                    "points_b": points_b,
                    "lost_b": lost_b,
                    "difference": points_a - points_b,
                }
            )
        return rows
