# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=prefer-env-translation,no-member,consider-merging-classes-inherited
# (``_`` is an alias of ``self.env._``; the builder's helpers live in
# party_report_builder.py, which pylint does not follow through _inherit)
"""Data builder of party_grid_scoring's points: the monthly and quarterly
points tables with stars and ranking (积分排名表)."""

from collections import defaultdict

from odoo import api, models
from odoo.exceptions import UserError

from .party_report_builder import column


def competition_ranks(values):
    """Ranks of ``values`` (highest first), ties ranked alike and the next rank
    skipped, as SQL ``RANK()``: ``[90, 80, 80, 70]`` → ``[1, 2, 2, 4]``."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0] * len(values)
    for position, index in enumerate(order):
        if position and values[index] == values[order[position - 1]]:
            ranks[index] = ranks[order[position - 1]]
        else:
            ranks[index] = position + 1
    return ranks


class PartyReportBuilder(models.AbstractModel):
    _inherit = "party.report.builder"

    # ------------------------------------------------------------ 6. points
    @api.model
    def _score_period(self, period_id):
        period = self.env["party.score.period"].browse(int(period_id)).exists()
        if not period:
            raise UserError(self.env._("Choose a points period."))
        period.check_access("read")
        period.fetch(["name", "period_type", "date_from", "date_to", "scheme_id"])
        if period.period_type not in ("month", "quarter"):
            raise UserError(
                self.env._("The points table is made for a month or a quarter.")
            )
        period.scheme_id.fetch(["name", "subject_type", "base_points", "item_ids"])
        return period

    @api.readonly
    @api.model
    def build_points(self, grid_id, period_id):
        """积分排名表: one row per subject of the period's scheme whose grid lies
        in the chosen subtree and whose points the user may read — points per
        category, base points, total, points lost, stars (quarter) and the rank
        within the subtree (ties ranked alike). The monthly totals or the
        quarterly scores and the ledger's lines by category, each in one
        grouped query under the user's record rules; a fixed number of queries
        whatever the number of subjects."""
        _ = self.env._
        root = self._check_grid(grid_id)
        period = self._score_period(period_id)
        scheme = period.scheme_id
        quarter = period.period_type == "quarter"
        months = period._get_months()
        scope = [("grid_id", "child_of", root.id)]
        # the ledger's approved lines by subject and category
        by_category = defaultdict(dict)
        for subject_type, subject_id, category, points in self.env[
            "party.score.line"
        ]._read_group(
            [
                *scope,
                ("period_id", "in", months.ids),
                ("state", "=", "approved"),
            ],
            ["subject_type", "subject_id", "category_id"],
            ["points:sum"],
        ):
            by_category[subject_type, subject_id][category.id] = points or 0.0
        fnames = [
            "subject_type",
            "subject_id",
            "member_id",
            "user_id",
            "subject_grid_id",
            "grid_id",
            "points",
            "lost_points",
        ]
        if quarter:
            totals = self.env["party.score.quarter"].search_fetch(
                [
                    *scope,
                    ("scheme_id", "=", scheme.id),
                    ("quarter", "=", period.date_from),
                ],
                [*fnames, "month_count", "score", "stars"],
                order="score desc, subject_id",
            )
        else:
            totals = self.env["party.score.total"].search_fetch(
                [*scope, ("period_id", "=", period.id)],
                fnames,
                order="points desc, subject_id",
            )
        totals.member_id.fetch(["name"])
        totals.user_id.fetch(["name"])
        (totals.subject_grid_id | totals.grid_id).fetch(["name", "complete_name"])
        # the scheme's categories (and any met in the lines), in their order
        categories = scheme.item_ids.category_id | self.env[
            "party.score.category"
        ].browse({c for row in by_category.values() for c in row})
        categories = categories.sorted(lambda c: (c.sequence, c.id))
        stars_labels = dict(
            self.env["party.score.quarter"]
            ._fields["stars"]
            ._description_selection(self.env)
        )
        # ranked on the figures as printed: float sums that print alike tie
        keys = [round(t.score if quarter else t.points, 2) for t in totals]
        ranks = competition_ranks(keys)
        rows = []
        raw = []
        for total, rank in sorted(
            zip(totals, ranks, strict=True), key=lambda pair: (pair[1], pair[0].id)
        ):
            subject = total.member_id or total.user_id or total.subject_grid_id
            points = by_category.get((total.subject_type, total.subject_id), {})
            base = scheme.base_points * (total.month_count if quarter else 1)
            if total.subject_type == "grid":
                # a party group or grid is its own organisation: show the one
                # above it (from its path: that grid may be out of reach)
                path = (total.grid_id.complete_name or "").split(" / ")
                grid_name = path[-2] if len(path) > 1 else ""
            else:
                grid_name = total.grid_id.name or ""
            values = [
                subject.name or "",
                grid_name,
                *(round(points.get(c.id, 0.0), 2) for c in categories),
                round(base, 2),
                round(total.points, 2),
            ]
            if quarter:
                values.append(round(total.score, 2))
            values.append(round(total.lost_points, 2))
            if quarter:
                values.append(stars_labels.get(total.stars, ""))
            values.append(rank)
            rows.append(values)
            raw.append(
                {
                    "subject_type": total.subject_type,
                    "subject_id": total.subject_id,
                    "categories": {c.id: points.get(c.id, 0.0) for c in categories},
                    "points": total.points,
                    "lost_points": total.lost_points,
                    "stars": total.stars if quarter else False,
                    "rank": rank,
                }
            )
        subject_labels = {
            "member": _("Party Member"),
            "worker": _("Grid Worker"),
            "grid": _("Party Group / Grid"),
        }
        g_points = _("Points by Category")
        columns = [
            column(subject_labels.get(scheme.subject_type, _("Name")), "text"),
            column(_("Grid"), "text", width=18),
            *(column(c.name, "points", group=g_points) for c in categories),
            column(_("Base Points"), "points"),
            column(_("Quarter Total") if quarter else _("Total"), "points"),
        ]
        if quarter:
            columns.append(column(_("Mean Monthly Total"), "points", width=11))
        columns.append(column(_("Points Lost"), "points"))
        if quarter:
            columns.append(column(_("Star Rating"), "text", width=12))
        columns.append(column(_("Rank"), "int", width=7))

        def average(index):
            if not rows:
                return 0.0
            return round(sum(row[index] for row in rows) / len(rows), 2)

        numeric = range(2, len(columns) - (2 if quarter else 1))
        averages = [_("Average"), ""] + [average(i) for i in numeric]
        averages += ["", ""] if quarter else [""]
        header = self._header(root, _("Points Ranking Table"))
        header["period"] = _(
            "Scheme: %(scheme)s    Period: %(period)s (%(start)s to %(end)s)",
            scheme=scheme.name,
            period=period.name,
            start=period.date_from,
            end=period.date_to,
        )
        return dict(
            header,
            sheet=_("Points Ranking"),
            columns=columns,
            rows=rows,
            totals=averages,
            raw_rows=raw,
            raw_totals={
                "subjects": len(rows),
                "points": sum(t.points for t in totals),
                "lost_points": sum(t.lost_points for t in totals),
            },
        )
