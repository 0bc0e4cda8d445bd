# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    window_action,
)

SUBJECT_TYPE_SELECTION = [
    ("member", "Party Members"),
    ("worker", "Grid Workers"),
    ("grid", "Party Groups / Grids"),
]
# fields a published scheme keeps: a change is a new version
LOCKED_FIELDS = {
    "grid_id",
    "subject_type",
    "date_from",
    "base_points",
    "star1_min",
    "star2_min",
    "star3_min",
    "star4_min",
    "star5_min",
    "star1_reward",
    "star2_reward",
    "star3_reward",
    "star4_reward",
    "star5_reward",
    "grid_level_id",
    "item_ids",
}


class PartyScoreScheme(models.Model):
    _name = "party.score.scheme"
    _description = "Points Scheme"
    _inherit = ["mail.thread"]
    _order = "grid_id, subject_type, date_from desc, id desc"

    name = fields.Char(required=True, tracking=True)
    grid_id = fields.Many2one(
        "party.grid",
        string="Grid Subtree",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The scheme scores the subjects of this grid and of every grid below it.",
    )
    subject_type = fields.Selection(
        SUBJECT_TYPE_SELECTION,
        string="Scores",
        required=True,
        default="member",
        tracking=True,
    )
    grid_level_id = fields.Many2one(
        "party.grid.level",
        string="Level of Scored Grids",
        ondelete="restrict",
        help="For party groups / grids: the level of the grids scored as units "
        "(e.g. party groups). Empty: the grids without sub-grids.",
    )
    date_from = fields.Date(string="Valid From", required=True, tracking=True)
    date_to = fields.Date(string="Valid Until", tracking=True)
    base_points = fields.Float(
        string="Monthly Base Points",
        help="Points every subject starts each month with, before the checklist.",
    )
    star1_min = fields.Float(string="★ from", default=60.0)
    star2_min = fields.Float(string="★★ from", default=70.0)
    star3_min = fields.Float(string="★★★ from", default=80.0)
    star4_min = fields.Float(string="★★★★ from", default=90.0)
    star5_min = fields.Float(string="★★★★★ from", default=95.0)
    star1_reward = fields.Float(string="★ reward")
    star2_reward = fields.Float(string="★★ reward")
    star3_reward = fields.Float(string="★★★ reward")
    star4_reward = fields.Float(string="★★★★ reward")
    star5_reward = fields.Float(string="★★★★★ reward")
    candidate_share = fields.Float(
        string="Candidates (% of the Ranking)",
        default=10.0,
        help="The share of the year's ranking proposed as candidates for 优秀党员 or "
        "先进党小组 (at least one subject).",
    )
    item_ids = fields.One2many(
        "party.score.item", "scheme_id", string="Checklist", copy=True
    )
    item_count = fields.Integer(compute="_compute_item_count")
    max_points = fields.Float(
        compute="_compute_item_count",
        string="Monthly Maximum",
        help="Base points plus the maximum of every item that adds points.",
    )
    period_ids = fields.One2many("party.score.period", "scheme_id", string="Periods")
    version = fields.Integer(default=1, readonly=True, copy=False)
    previous_id = fields.Many2one(
        "party.score.scheme",
        string="Previous Version",
        readonly=True,
        copy=False,
        index="btree_not_null",
    )
    is_locked = fields.Boolean(
        compute="_compute_is_locked",
        string="Locked",
        help="A period scored with this scheme was published: its rules can no "
        "longer change. Make a new version instead.",
    )
    lang = fields.Selection(
        selection="_get_lang_selection",
        string="Language of the Basis",
        default=lambda self: self._default_lang(),
        help="The language in which the computation writes the basis of each line.",
    )
    objection_days = fields.Integer(
        string="Objection Window (Days)",
        default=7,
        help="Days after publication during which a subject may object to a line.",
    )
    active = fields.Boolean(default=True, tracking=True)

    @api.model
    def _get_lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.model
    def _default_lang(self):
        installed = dict(self.env["res.lang"].get_installed())
        if "zh_CN" in installed:
            return "zh_CN"
        return self.env.lang or "en_US"

    @api.depends("item_ids.max_points", "item_ids.points", "base_points")
    def _compute_item_count(self):
        for scheme in self:
            scheme.item_count = len(scheme.item_ids)
            scheme.max_points = scheme.base_points + sum(
                item.max_points for item in scheme.item_ids if item.points >= 0
            )

    def _compute_is_locked(self):
        locked = {
            scheme.id
            for (scheme,) in self.env["party.score.period"]
            .sudo()
            ._read_group(
                [
                    ("scheme_id", "in", self.ids),
                    ("state", "in", ("published", "closed")),
                ],
                ["scheme_id"],
            )
        }
        for scheme in self:
            scheme.is_locked = scheme.id in locked

    @api.constrains("date_from", "date_to", "grid_id", "subject_type", "active")
    def _check_overlap(self):
        for scheme in self.filtered("active"):
            if scheme.date_to and scheme.date_to < scheme.date_from:
                raise ValidationError(
                    self.env._(
                        "The scheme %(scheme)s ends before it starts.",
                        scheme=scheme.name,
                    )
                )
            domain = [
                ("id", "!=", scheme.id),
                ("grid_id", "=", scheme.grid_id.id),
                ("subject_type", "=", scheme.subject_type),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", scheme.date_from),
            ]
            if scheme.date_to:
                domain.append(("date_from", "<=", scheme.date_to))
            # sudo: the overlap is checked against every scheme, readable or not
            other = self.sudo().search(domain, limit=1)
            if other:
                raise ValidationError(
                    self.env._(
                        "The scheme %(scheme)s overlaps the scheme %(other)s for the "
                        "same grid and the same subjects. End the other scheme first "
                        "or start this one later.",
                        scheme=scheme.name,
                        other=other.name,
                    )
                )

    def write(self, vals):
        if LOCKED_FIELDS.intersection(vals):
            self._check_unlocked()
        return super().write(vals)

    def _check_unlocked(self):
        for scheme in self:
            if scheme.is_locked:
                raise UserError(
                    self.env._(
                        "The scheme %(scheme)s has published periods: its rules can "
                        "no longer change. Use “New Version” to change them from the "
                        "next period.",
                        scheme=scheme.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_periods(self):
        if self.period_ids:
            raise UserError(
                self.env._(
                    "A scheme with periods cannot be deleted; archive it instead."
                )
            )

    def action_new_version(self):
        """Copy the scheme into a new version valid from the month after its
        last published period; the old version ends the day before."""
        self.ensure_one()
        last = self.env["party.score.period"].search(
            [("scheme_id", "=", self.id), ("state", "in", ("published", "closed"))],
            order="date_to desc",
            limit=1,
        )
        start = (
            last.date_to + relativedelta(days=1)
            if last
            else fields.Date.context_today(self).replace(day=1)
            + relativedelta(months=1)
        )
        if start <= self.date_from:
            start = self.date_from + relativedelta(months=1, day=1)
        old_end = self.date_to
        # the old version ends the day before (the end date is never locked)
        self.write({"date_to": start - relativedelta(days=1)})
        new = self.copy(
            {
                "name": self.name,
                "date_from": start,
                "date_to": old_end,
                "version": self.version + 1,
                "previous_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    @api.readonly
    def action_view_periods(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_scoring.party_score_period_action",
            domain=[("scheme_id", "=", self.id)],
            context={"default_scheme_id": self.id},
        )

    def _stars_for(self, score):
        """Number of stars for a quarter score."""
        self.ensure_one()
        for stars in (5, 4, 3, 2, 1):
            if score >= self[f"star{stars}_min"]:
                return stars
        return 0
