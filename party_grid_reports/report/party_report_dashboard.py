# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .party_report_builder import rate

TREND_MONTHS = 6


class PartyReportDashboard(models.AbstractModel):
    _name = "party.report.dashboard"
    _description = "Leader Dashboard Data"

    @api.readonly
    @api.model
    def get_dashboard_data(self):
        """The leader dashboard's figures over everything the user's record
        rules let them read: grid overview and coverage, the contact-duty trend,
        ticket KPIs by month and by level. Seven grouped queries."""
        month = fields.Date.context_today(self).replace(day=1)
        first = month - relativedelta(months=TREND_MONTHS - 1)
        [(grids,)] = self.env["party.grid"]._read_group([], [], ["__count"])
        members = central = away = 0
        for is_central, is_away, count in self.env["party.member"]._read_group(
            [], ["is_central_household", "is_away"], ["__count"]
        ):
            members += count
            central += count if is_central else 0
            away += count if is_away else 0
        [(households, covered)] = self.env["party.household"]._read_group(
            [], [], ["__count", "contact_member_id:count"]
        )
        # due: the households with a contact member, counted just above
        contacted = self.env["party.report.builder"]._duty_contacted([], first, month)
        duty_due = covered
        duty = {m: (duty_due, n) for (m,), n in contacted.items()}
        Report = self.env["party.ticket.report"]
        # one grouped query by month for the trend and the totals alike
        sums = ("received", "closed", "on_time", "visited", "satisfied")
        tickets = {}
        totals = dict.fromkeys(sums, 0)
        for m, *values in Report._read_group(
            [], ["date_received:month"], [f"{name}_count:sum" for name in sums]
        ):
            values = dict(zip(sums, (v or 0 for v in values), strict=True))
            if m:
                tickets[m.date() if hasattr(m, "date") else m] = values
            for name in sums:
                totals[name] += values[name]
        received, closed = totals["received"], totals["closed"]
        on_time, visited, satisfied = (
            totals["on_time"],
            totals["visited"],
            totals["satisfied"],
        )
        by_level = [
            {"level": level.name, "count": count}
            for level, count in Report._read_group(
                [("closed_count", "=", 1)], ["resolved_level_id"], ["__count"]
            )
            if level
        ]
        months = [first + relativedelta(months=i) for i in range(TREND_MONTHS)]
        return {
            "grids": grids,
            "members": members,
            "central_households": central,
            "away_members": away,
            "households": households,
            "covered_households": covered,
            "coverage_rate": rate(covered, households),
            "duty_trend": [
                {
                    "month": m.strftime("%Y-%m"),
                    "due": duty_due,
                    "contacted": duty.get(m, (0, 0))[1] or 0,
                    "rate": rate(duty.get(m, (0, 0))[1] or 0, duty_due),
                }
                for m in months
            ],
            "ticket_trend": [
                {
                    "month": m.strftime("%Y-%m"),
                    "received": tickets.get(m, {}).get("received", 0),
                    "closed": tickets.get(m, {}).get("closed", 0),
                }
                for m in months
            ],
            "tickets": {
                "received": received or 0,
                "closed": closed or 0,
                "closed_rate": rate(closed or 0, received or 0),
                "on_time_rate": rate(on_time or 0, closed or 0),
                "satisfaction_rate": rate(satisfied or 0, visited or 0),
                "by_level": by_level,
            },
        }
