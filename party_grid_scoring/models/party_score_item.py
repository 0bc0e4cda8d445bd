# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import namedtuple

from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEASURE_SELECTION = [
    ("contact_rate", "Linked Households Contacted (Rate)"),
    ("must_visit", "Must-visit Households Visited (Rate)"),
    ("coverage", "Households with a Contact Member (Rate)"),
    ("activity_attendance", "Attendance at Party Life (Rate)"),
    ("activities_held", "Party Activities Held"),
    ("volunteer_hours", "Volunteer Service Hours"),
    ("ticket_claimed", "Tickets Taken Up"),
    ("ticket_closed", "Tickets Concluded"),
    ("ticket_closed_on_time", "Tickets Concluded on Time (Rate)"),
    ("ticket_reopened", "Tickets Reopened"),
    ("ticket_red_card", "Tickets with a Red Card"),
    ("ticket_satisfaction", "Requesters Satisfied (Rate)"),
    ("evaluation_grade", "Evaluation Grade of the Month (Rate)"),
    ("manual", "Manual Entry"),
]
# measures that are a share: value = numerator / denominator
RATE_MEASURES = {
    "contact_rate",
    "must_visit",
    "coverage",
    "activity_attendance",
    "ticket_closed_on_time",
    "ticket_satisfaction",
    "evaluation_grade",
}
FORMULA_SELECTION = [
    ("per_unit", "Points per Unit"),
    ("rate", "Maximum × Rate"),
    ("threshold", "All or Nothing at a Threshold"),
]


class PartyScoreItem(models.Model):
    _name = "party.score.item"
    _description = "Points Checklist Item"
    _order = "scheme_id, sequence, id"

    scheme_id = fields.Many2one(
        "party.score.scheme", required=True, index=True, ondelete="cascade"
    )
    sequence = fields.Integer(default=10)
    category_id = fields.Many2one(
        "party.score.category", required=True, index=True, ondelete="restrict"
    )
    name = fields.Char(string="Criterion", required=True)
    description = fields.Text(string="How It Is Scored")
    measure = fields.Selection(
        MEASURE_SELECTION, required=True, default="manual", string="Measured By"
    )
    formula = fields.Selection(FORMULA_SELECTION, required=True, default="per_unit")
    points = fields.Float(
        string="Points per Unit",
        required=True,
        default=1.0,
        help="Points for each unit (household, hour, ticket…); negative for "
        "deductions. For manual items, the sign of the entries.",
    )
    max_points = fields.Float(
        string="Maximum per Period",
        required=True,
        default=10.0,
        help="The most the item adds in a month (or, for deductions, the most it "
        "takes away). Points lost are the maximum less the points earned.",
    )
    threshold = fields.Float(
        help="For all-or-nothing items: the value (a percentage for rates) from "
        "which the item scores in full.",
    )
    is_deduction = fields.Boolean(compute="_compute_is_deduction")

    @api.depends("points")
    def _compute_is_deduction(self):
        for item in self:
            item.is_deduction = item.points < 0

    @api.constrains("max_points", "formula", "measure")
    def _check_max_points(self):
        for item in self:
            if item.max_points < 0:
                raise ValidationError(
                    self.env._(
                        "The maximum of the item %(item)s must be zero or more.",
                        item=item.name,
                    )
                )
            if item.formula == "rate" and item.measure not in RATE_MEASURES:
                raise ValidationError(
                    self.env._(
                        "The item %(item)s is scored by a rate, but its measure is "
                        "not a rate.",
                        item=item.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        schemes = self.env["party.score.scheme"].browse(
            {vals["scheme_id"] for vals in vals_list if vals.get("scheme_id")}
        )
        schemes._check_unlocked()
        return super().create(vals_list)

    def write(self, vals):
        self.scheme_id._check_unlocked()
        res = super().write(vals)
        self.scheme_id._check_unlocked()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self.scheme_id._check_unlocked()

    def _score(self, numerator, denominator):
        """Points of this item for a measured value: ``numerator`` units, or a
        share ``numerator / denominator`` for rates."""
        self.ensure_one()
        return score(self._rule(), numerator, denominator)

    def _lost(self, points):
        """Points lost on an automatic line: against the maximum for an item
        that adds, the deduction itself for one that takes away."""
        self.ensure_one()
        return lost(self._rule(), points)

    def _rule(self):
        """The item as plain values, for scoring many subjects at once."""
        self.ensure_one()
        return ItemRule(
            self.id,
            self.category_id.id,
            self.measure,
            self.formula,
            self.points,
            self.max_points,
            self.threshold,
        )


ItemRule = namedtuple(
    "ItemRule",
    ["id", "category_id", "measure", "formula", "points", "max_points", "threshold"],
)


def score(rule, numerator, denominator):
    """Points of an item (an ``ItemRule``) for a measured value."""
    sign = -1 if rule.points < 0 else 1
    if rule.measure in RATE_MEASURES:
        if not denominator:
            return 0.0
        rate = numerator / denominator
        if rule.formula == "threshold":
            return sign * rule.max_points if rate * 100 >= rule.threshold else 0.0
        if rule.formula == "rate":
            return round(sign * rule.max_points * rate, 2)
        value = rule.points * numerator
    elif rule.formula == "threshold":
        return sign * rule.max_points if numerator >= rule.threshold else 0.0
    else:
        value = rule.points * numerator
    if sign > 0:
        return round(min(value, rule.max_points), 2)
    return round(max(value, -rule.max_points), 2)


def lost(rule, points):
    """Points lost on an automatic line of an item (an ``ItemRule``)."""
    if rule.points < 0:
        return -points
    return rule.max_points - points
