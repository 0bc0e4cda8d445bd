# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, split_every

from odoo.addons.party_grid.models.party_visit import (  # pylint: disable=import-error
    duty_month_bounds,
    duty_today,
)

from .party_score_item import lost, score

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
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_grid_scoring.party_score_line_action"
        )
        action["domain"] = [("period_id", "in", self.month_ids.ids)]
        action["context"] = {"search_default_group_item": 1}
        return action

    # ------------------------------------------------------------ scheduled action
    @api.model
    def _cron_compute_previous_month(self, batch_size=BATCH_SIZE):
        """On the 1st: compute last month for every active scheme."""
        day = duty_today().replace(day=1) - relativedelta(months=1)
        return self._compute_month_for_all(day, batch_size=batch_size, commit=True)

    @api.model
    def _compute_month_for_all(self, day, batch_size=BATCH_SIZE, commit=False):
        schemes = (
            self.env["party.score.scheme"]
            .sudo()
            .search(
                [
                    ("date_from", "<=", day),
                    "|",
                    ("date_to", "=", False),
                    ("date_to", ">=", day),
                ]
            )
        )
        # sudo: the scheduled action scores every subject of every scheme
        Period = self.sudo()
        existing = Period.search(
            [
                ("scheme_id", "in", schemes.ids),
                ("period_type", "=", "month"),
                ("date_from", "=", day),
            ]
        )
        missing = schemes - existing.scheme_id
        periods = existing | Period.create(
            [
                {"scheme_id": s.id, "period_type": "month", "date_from": day}
                for s in missing
            ]
        )
        for period in periods.filtered(lambda p: p.state in ("open", "computed")):
            period._compute_lines(batch_size=batch_size, commit=commit)
            period.write({"state": "computed", "date_computed": fields.Datetime.now()})
            if commit and self._may_commit():
                self.env.cr.commit()  # pylint: disable=invalid-commit
        return periods

    def _may_commit(self):
        return not tools.config["test_enable"] and not self.env.registry.in_test_mode()

    # ------------------------------------------------------------ computation
    def _subject_rows(self):
        """(subject id, organisation grid id) of every subject in scope, by id."""
        self.ensure_one()
        scheme = self.scheme_id
        root = scheme.grid_id.parent_path
        if scheme.subject_type == "member":
            query = SQL(
                """SELECT m.id, m.grid_id FROM party_member m
                   JOIN party_grid g ON g.id = m.grid_id
                   WHERE m.active AND g.parent_path LIKE %s ORDER BY m.id""",
                root + "%",
            )
        elif scheme.subject_type == "worker":
            query = SQL(
                """SELECT r.user_id, min(r.grid_id) FROM party_grid_role r
                   JOIN party_grid g ON g.id = r.grid_id
                   JOIN res_users u ON u.id = r.user_id
                   WHERE g.active AND u.active AND g.parent_path LIKE %s
                   GROUP BY r.user_id ORDER BY r.user_id""",
                root + "%",
            )
        else:
            if scheme.grid_level_id:
                level = SQL("g.level_id = %s", scheme.grid_level_id.id)
            else:
                level = SQL(
                    "NOT EXISTS (SELECT 1 FROM party_grid c "
                    "WHERE c.parent_id = g.id AND c.active)"
                )
            query = SQL(
                """SELECT g.id, g.id FROM party_grid g
                   WHERE g.active AND g.parent_path LIKE %s AND %s ORDER BY g.id""",
                root + "%",
                level,
            )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    def _subject_cte(self, subject_ids):
        """SQL of the rows (subject_id, member_id, user_id, path) of a batch:
        a member is matched on itself and its login, a grid worker on their
        login and the subtrees of their grids, a grid on its subtree."""
        subject_type = self.scheme_id.subject_type
        if subject_type == "member":
            return SQL(
                """SELECT m.id AS subject_id, m.id AS member_id, m.user_id AS user_id,
                          NULL::varchar AS path
                   FROM party_member m WHERE m.id = ANY(%s)""",
                subject_ids,
            )
        if subject_type == "worker":
            return SQL(
                """SELECT DISTINCT r.user_id AS subject_id, NULL::int AS member_id,
                          r.user_id AS user_id, g.parent_path AS path
                   FROM party_grid_role r JOIN party_grid g ON g.id = r.grid_id
                   WHERE r.user_id = ANY(%s) AND g.parent_path LIKE %s""",
                subject_ids,
                self.scheme_id.grid_id.parent_path + "%",
            )
        return SQL(
            """SELECT g.id AS subject_id, NULL::int AS member_id, NULL::int AS user_id,
                      g.parent_path AS path
               FROM party_grid g WHERE g.id = ANY(%s)""",
            subject_ids,
        )

    def _measure_sql(self, family, subject_ids, start, stop):
        """One grouped query for a family of measures over a batch; rows of
        (subject_id, {measure: (numerator, denominator)}, origin ids)."""
        subj = self._subject_cte(subject_ids)
        by_member = self.scheme_id.subject_type == "member"
        if family == "contact":
            required, required_must = self.env["party.visit"]._duty_required_contacts()
            if by_member:
                join = SQL(
                    "JOIN party_household h ON h.active "
                    "AND h.contact_member_id = s.member_id"
                )
            else:
                join = SQL(
                    "JOIN party_grid hg ON hg.parent_path LIKE s.path || %s "
                    "JOIN party_household h ON h.active AND h.grid_id = hg.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s),
                   r AS (
                     SELECT DISTINCT s.subject_id, h.id, h.must_visit,
                            h.contact_member_id IS NOT NULL AS linked,
                            (SELECT count(*) FROM party_visit v
                              WHERE v.household_id = h.id
                                AND v.member_id = h.contact_member_id
                                AND v.date >= %(start)s AND v.date < %(stop)s)
                            >= CASE WHEN h.must_visit THEN %(must)s ELSE %(req)s END
                            AS done
                     FROM s %(join)s)
                   SELECT subject_id,
                     count(*) FILTER (WHERE linked AND done),
                     count(*) FILTER (WHERE linked),
                     count(*) FILTER (WHERE linked AND must_visit AND done),
                     count(*) FILTER (WHERE linked AND must_visit),
                     count(*),
                     (array_agg(id ORDER BY id) FILTER (WHERE linked AND done))[1:%(n)s]
                   FROM r GROUP BY subject_id""",
                subj=subj,
                start=start,
                stop=stop,
                must=required_must,
                req=required,
                join=join,
                n=ORIGIN_IDS,
            ), lambda row: {
                "contact_rate": (row[1], row[2]),
                "must_visit": (row[3], row[4]),
                "coverage": (row[2], row[5]),
            }
        if family == "attendance":
            if by_member:
                join = SQL(
                    "JOIN party_activity_attendance a ON a.member_id = s.member_id"
                )
            else:
                join = SQL(
                    "JOIN party_grid ag ON ag.parent_path LIKE s.path || %s "
                    "JOIN party_activity_attendance a ON a.grid_id = ag.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s),
                   r AS (
                     SELECT DISTINCT s.subject_id, a.id, a.activity_type, a.state,
                            a.hours
                     FROM s %(join)s
                     WHERE a.date >= %(start)s AND a.date < %(stop)s)
                   SELECT subject_id,
                     count(*) FILTER (WHERE activity_type != 'volunteer'
                                        AND state = 'present'),
                     count(*) FILTER (WHERE activity_type != 'volunteer'
                                        AND state != 'excused'),
                     coalesce(sum(hours) FILTER (WHERE activity_type = 'volunteer'
                                                   AND state = 'present'), 0),
                     (array_agg(id ORDER BY id) FILTER (WHERE state = 'present'))
                       [1:%(n)s]
                   FROM r GROUP BY subject_id""",
                subj=subj,
                join=join,
                start=start,
                stop=stop,
                n=ORIGIN_IDS,
            ), lambda row: {
                "activity_attendance": (row[1], row[2]),
                "volunteer_hours": (float(row[3]), 0),
            }
        if family == "activities":
            if by_member:
                join = SQL("JOIN party_activity act ON act.host_id = s.member_id")
            else:
                join = SQL(
                    "JOIN party_grid ag ON ag.parent_path LIKE s.path || %s "
                    "JOIN party_activity act ON act.grid_id = ag.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s)
                   SELECT s.subject_id, count(DISTINCT act.id), 0,
                          (array_agg(DISTINCT act.id))[1:%(n)s]
                   FROM s %(join)s
                   WHERE act.date_start >= %(start)s AND act.date_start < %(stop)s
                   GROUP BY s.subject_id""",
                subj=subj,
                join=join,
                start=start,
                stop=stop,
                n=ORIGIN_IDS,
            ), lambda row: {"activities_held": (row[1], 0)}
        if family == "evaluation":
            # the mean grade (out of 100) of closed rounds dated in the month: a
            # member by their own grades, a grid by its members' grades
            if by_member:
                join = SQL(
                    "JOIN party_score_evaluation_grade eg ON eg.member_id = s.member_id"
                )
            else:
                join = SQL(
                    "JOIN party_grid eg_g ON eg_g.parent_path LIKE s.path || %s "
                    "JOIN party_member eg_m ON eg_m.grid_id = eg_g.id "
                    "JOIN party_score_evaluation_grade eg ON eg.member_id = eg_m.id",
                    "%",
                )
            return SQL(
                """WITH s AS (%(subj)s),
                   r AS (
                     SELECT DISTINCT s.subject_id, eg.id,
                       CASE eg.grade WHEN 'excellent' THEN 100 WHEN 'qualified' THEN 80
                                     WHEN 'basic' THEN 60 ELSE 0 END AS value
                     FROM s %(join)s
                     JOIN party_score_evaluation e ON e.id = eg.evaluation_id
                     WHERE e.state = 'closed'
                       AND e.date >= %(day_from)s AND e.date <= %(day_to)s)
                   SELECT subject_id, round(avg(value), 1), 100,
                          (array_agg(id ORDER BY id))[1:%(n)s]
                   FROM r GROUP BY subject_id""",
                subj=subj,
                join=join,
                day_from=self.date_from,
                day_to=self.date_to,
                n=ORIGIN_IDS,
            ), lambda row: {"evaluation_grade": (float(row[1]), row[2])}
        # tickets: a member or worker by the login, a grid by its subtree
        if self.scheme_id.subject_type == "grid":
            join = SQL(
                "JOIN party_grid tg ON tg.parent_path LIKE s.path || %s "
                "JOIN party_ticket t ON t.grid_id = tg.id",
                "%",
            )
        else:
            join = SQL("JOIN party_ticket t ON t.user_id = s.user_id")
        return SQL(
            """WITH s AS (%(subj)s),
               r AS (
                 SELECT DISTINCT s.subject_id, t.id,
                   t.date_assigned >= %(start)s AND t.date_assigned < %(stop)s
                     AS claimed,
                   t.date_closed >= %(start)s AND t.date_closed < %(stop)s AS closed,
                   coalesce(t.closed_on_time, false) AS on_time,
                   t.date_received < %(stop)s
                     AND (t.date_closed IS NULL OR t.date_closed >= %(start)s)
                     AS current,
                   coalesce(t.reopen_count, 0) > 0 AS reopened,
                   t.supervision_card = 'red' AS red,
                   t.date_return_visit >= %(start)s AND t.date_return_visit < %(stop)s
                     AS rated,
                   t.satisfaction IN ('satisfied', 'basic') AS satisfied
                 FROM s %(join)s
                 WHERE t.active)
               SELECT subject_id,
                 count(*) FILTER (WHERE claimed),
                 count(*) FILTER (WHERE closed),
                 count(*) FILTER (WHERE closed AND on_time),
                 count(*) FILTER (WHERE current AND reopened),
                 count(*) FILTER (WHERE current AND red),
                 count(*) FILTER (WHERE rated AND satisfied),
                 count(*) FILTER (WHERE rated),
                 (array_agg(id ORDER BY id) FILTER (WHERE claimed OR closed OR rated))
                   [1:%(n)s]
               FROM r GROUP BY subject_id""",
            subj=subj,
            join=join,
            start=start,
            stop=stop,
            n=ORIGIN_IDS,
        ), lambda row: {
            "ticket_claimed": (row[1], 0),
            "ticket_closed": (row[2], 0),
            "ticket_closed_on_time": (row[3], row[2]),
            "ticket_reopened": (row[4], 0),
            "ticket_red_card": (row[5], 0),
            "ticket_satisfaction": (row[6], row[7]),
        }

    def _basis_templates(self):
        """The templates of the basis of each measure, in the env's language."""
        templates = {
            "contact_rate": self.env._(
                "%(den)s linked households, %(num)s contacted this month"
            ),
            "must_visit": self.env._(
                "%(den)s must-visit households, %(num)s visited as often as required"
            ),
            "coverage": self.env._("%(den)s households, %(num)s with a contact member"),
            "activity_attendance": self.env._(
                "%(den)s party life sessions due, %(num)s attended"
            ),
            "activities_held": self.env._("%(num)s party activities held"),
            "volunteer_hours": self.env._("%(num)s hours of volunteer service"),
            "ticket_claimed": self.env._("%(num)s tickets taken up"),
            "ticket_closed": self.env._("%(num)s tickets concluded"),
            "ticket_closed_on_time": self.env._(
                "%(den)s tickets concluded, %(num)s on time"
            ),
            "ticket_reopened": self.env._("%(num)s tickets reopened"),
            "ticket_red_card": self.env._("%(num)s tickets with a red card"),
            "ticket_satisfaction": self.env._(
                "%(den)s return visits, %(num)s satisfied or basically satisfied"
            ),
            "evaluation_grade": self.env._(
                "mean evaluation grade %(num)s out of %(den)s"
            ),
        }
        return templates

    def _basis(self, measure, numerator, denominator, templates=None):
        """The basis of a line in words and numbers."""
        num = f"{numerator:g}" if isinstance(numerator, float) else numerator
        templates = templates or self._basis_templates()
        return templates[measure] % {"num": num, "den": denominator}

    def _compute_lines(self, batch_size=BATCH_SIZE, max_batches=None, commit=False):
        """Write the automatic lines of a month for every subject in scope, in
        batches: per batch one delete of the batch's unpublished automatic
        lines, one grouped query per family of measures and one insert. A rerun
        replaces the same rows: the ledger does not depend on how often or in
        how many pieces it was computed. Returns whether every batch ran."""
        self.ensure_one()
        if self.period_type != "month" or self.state not in ("open", "computed"):
            raise UserError(
                self.env._(
                    "Only an open or computed month can be computed: %(period)s.",
                    period=self.name,
                )
            )
        # sudo: the ledger is computed for every subject of the scheme,
        # whoever starts the computation (checked by the caller)
        period = self.sudo()
        lang = period.scheme_id.lang
        if lang and lang in dict(self.env["res.lang"].get_installed()):
            period = period.with_context(lang=lang)
        templates = period._basis_templates()
        scheme = period.scheme_id
        items = scheme.item_ids.filtered(lambda i: i.measure != "manual")
        families = sorted({MEASURE_FAMILY[m] for m in items.mapped("measure")})
        rules = [item._rule() for item in items]
        start, stop = duty_month_bounds(period.date_from)
        self.env.flush_all()
        rows = period._subject_rows()
        cr = self.env.cr
        period.write({"compute_total": len(rows), "compute_done": 0})
        # the measures read visits, attendance and tickets in SQL
        self.env.flush_all()
        cron = self.env["ir.cron"]
        may_commit = commit and self._may_commit()
        done = 0
        for index, batch in enumerate(split_every(batch_size, rows, list)):
            if max_batches is not None and index >= max_batches:
                self.env["party.score.line"].invalidate_model()
                period.invalidate_recordset(["compute_done"])
                return False
            period._compute_batch(batch, rules, families, start, stop, templates)
            done += len(batch)
            cr.execute(
                SQL(
                    "UPDATE party_score_period SET compute_done = %s WHERE id = %s",
                    done,
                    period.id,
                )
            )
            cron._notify_progress(done=done, remaining=len(rows) - done)
            if may_commit:
                cr.commit()  # pylint: disable=invalid-commit
        # subjects that left the scope since an earlier run
        cr.execute(
            SQL(
                """DELETE FROM party_score_line WHERE period_id = %s
                   AND kind = 'auto' AND NOT (subject_id = ANY(%s))""",
                period.id,
                [row[0] for row in rows],
            )
        )
        self.env["party.score.line"].invalidate_model()
        period.invalidate_recordset(["compute_done"])
        return True

    def _compute_batch(self, batch, rules, families, start, stop, templates):
        cr = self.env.cr
        subject_ids = [row[0] for row in batch]
        values = defaultdict(dict)
        origins = defaultdict(dict)
        for family in families:
            query, unpack = self._measure_sql(family, subject_ids, start, stop)
            cr.execute(query)
            for row in cr.fetchall():
                for measure, value in unpack(row).items():
                    values[measure][row[0]] = value
                ids = row[-1] or []
                origins[family][row[0]] = (
                    f"{MEASURE_ORIGIN[family]}:{','.join(map(str, ids))}" if ids else ""
                )
        scheme = self.scheme_id
        subject_type = scheme.subject_type
        member_grid = dict(batch)
        if subject_type == "member":
            cr.execute(
                SQL(
                    "SELECT id, user_id FROM party_member WHERE id = ANY(%s)",
                    subject_ids,
                )
            )
            logins = dict(cr.fetchall())
        elif subject_type == "worker":
            logins = {subject_id: subject_id for subject_id in subject_ids}
        else:
            logins = {}
        records = []
        period_id, day = self.id, str(self.date_from)
        for item in rules:
            family = MEASURE_FAMILY[item.measure]
            by_subject = values[item.measure]
            by_origin = origins[family]
            for subject_id in subject_ids:
                numerator, denominator = by_subject.get(subject_id, (0, 0))
                points = score(item, numerator, denominator)
                if item.points < 0 and not points:
                    # a deduction that takes nothing: no points, none lost
                    continue
                records.append(
                    {
                        "period_id": period_id,
                        "item_id": item.id,
                        "category_id": item.category_id,
                        "subject_type": subject_type,
                        "subject_id": subject_id,
                        "member_id": subject_id if subject_type == "member" else None,
                        "user_id": subject_id if subject_type == "worker" else None,
                        "subject_grid_id": subject_id
                        if subject_type == "grid"
                        else None,
                        "grid_id": member_grid[subject_id],
                        "date": day,
                        "points": points,
                        "max_points": item.max_points,
                        "lost_points": lost(item, points),
                        "basis": self._basis(
                            item.measure, numerator, denominator, templates
                        ),
                        "origin": by_origin.get(subject_id, ""),
                        "subject_user_id": logins.get(subject_id),
                    }
                )
        cr.execute(
            SQL(
                """DELETE FROM party_score_line
                   WHERE period_id = %s AND kind = 'auto' AND subject_id = ANY(%s)""",
                self.id,
                subject_ids,
            )
        )
        if not records:
            return
        columns = SQL(", ").join(SQL.identifier(name) for name, _type in LINE_COLUMNS)
        typed = SQL(", ").join(
            SQL("%s %s", SQL.identifier(name), SQL(kind)) for name, kind in LINE_COLUMNS
        )
        now = fields.Datetime.now()
        cr.execute(
            SQL(
                """INSERT INTO party_score_line (%(columns)s, kind, state, author_id,
                       create_uid, write_uid, create_date, write_date)
                   SELECT %(columns)s, 'auto', 'approved', %(uid)s, %(uid)s, %(uid)s,
                          %(now)s, %(now)s
                   FROM jsonb_to_recordset(%(rows)s::jsonb) AS r(%(typed)s)""",
                columns=columns,
                typed=typed,
                uid=self.env.uid,
                now=now,
                rows=json.dumps(records),
            )
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
