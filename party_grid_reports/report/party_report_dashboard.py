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
        [(members, central, away)] = self.env["party.member"]._read_group(
            [], [], ["__count", "is_central_household:count", "is_away:count"]
        )
        [(households, covered)] = self.env["party.household"]._read_group(
            [], [], ["__count", "contact_member_id:count"]
        )
        duty = {
            m: (due, done)
            for m, due, done in self.env["party.visit.duty.report"]._read_group(
                [("month", ">=", first)],
                ["month:month"],
                ["due_count:sum", "contacted_count:sum"],
            )
        }
        Report = self.env["party.ticket.report"]
        start = fields.Datetime.to_datetime(first)
        tickets = {
            m.date() if hasattr(m, "date") else m: (rec, closed, on_time)
            for m, rec, closed, on_time in Report._read_group(
                [("date_received", ">=", start)],
                ["date_received:month"],
                ["received_count:sum", "closed_count:sum", "on_time_count:sum"],
            )
        }
        [(received, closed, on_time, visited, satisfied)] = Report._read_group(
            [],
            [],
            [
                "received_count:sum",
                "closed_count:sum",
                "on_time_count:sum",
                "visited_count:sum",
                "satisfied_count:sum",
            ],
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
                    "due": duty.get(m, (0, 0))[0] or 0,
                    "contacted": duty.get(m, (0, 0))[1] or 0,
                    "rate": rate(
                        duty.get(m, (0, 0))[1] or 0, duty.get(m, (0, 0))[0] or 0
                    ),
                }
                for m in months
            ],
            "ticket_trend": [
                {
                    "month": m.strftime("%Y-%m"),
                    "received": tickets.get(m, (0, 0, 0))[0] or 0,
                    "closed": tickets.get(m, (0, 0, 0))[1] or 0,
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
