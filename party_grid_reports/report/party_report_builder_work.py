# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=prefer-env-translation,no-member,consider-merging-classes-inherited
# (``_`` is an alias of ``self.env._``; the builder's helpers live in
# party_report_builder.py, which pylint does not follow through _inherit)
"""Data builders of the registers and of the daily work: member and grid
rosters, the monthly contact duty, the ticket statistics."""

from collections import defaultdict

from odoo import api, models

from .party_report_builder import column, rate


class PartyReportBuilder(models.AbstractModel):
    _inherit = "party.report.builder"

    # ------------------------------------------------------------ 3. rosters
    @api.readonly
    @api.model
    def build_member_roster(self, grid_id):
        """党员花名册: one row per member of the subtree, in four queries."""
        _ = self.env._
        root = self._check_grid(grid_id)
        members = self._members(
            root,
            [
                "id_number",
                "is_away",
                "away_place",
                "is_in_service",
                "work_unit",
                "full_date",
                "probation_date",
            ],
        )
        members.grid_id.fetch(["name"])
        members.central_household_id.partner_id.fetch(["name"])
        households = dict(
            self.env["party.household"]._read_group(
                [("contact_member_id", "in", members.ids)],
                ["contact_member_id"],
                ["__count"],
            )
        )
        statuses = dict(members._fields["status"]._description_selection(self.env))
        yes = _("Yes")
        rows = []
        for index, member in enumerate(members, start=1):
            partner = member.partner_id
            rows.append(
                [
                    index,
                    member.grid_id.name,
                    partner.name,
                    statuses[member.status],
                    str(member.full_date or member.probation_date or ""),
                    self._phone(partner),
                    partner.street or "",
                    yes if member.is_central_household else "",
                    member.central_household_id.partner_id.name or "",
                    yes if member.is_away else "",
                    member.away_place or "",
                    member.work_unit or "" if member.is_in_service else "",
                    households.get(member, 0),
                ]
            )
        g_away = _("Away Member")
        g_central = _("Central Household")
        columns = [
            column(_("No."), width=6),
            column(_("Grid"), "text", width=18),
            column(_("Name"), "text", width=12),
            column(_("Status"), "text", width=12),
            column(_("Admitted"), "text", width=12),
            column(_("Phone"), "text", width=14),
            column(_("Address"), "text", width=26),
            column(_("Central Household"), "text", group=g_central, width=10),
            column(_("Coordinated by"), "text", group=g_central, width=12),
            column(_("Away"), "text", group=g_away, width=8),
            column(_("Away At"), "text", group=g_away, width=16),
            column(_("Work Unit"), "text", width=18),
            column(_("Linked Households")),
        ]
        return dict(
            self._header(root, _("Roster of Party Members")),
            sheet=_("Party Members"),
            columns=columns,
            rows=rows,
            totals=[_("Total"), "", len(members), *[""] * 9, sum(households.values())],
        )

    @api.readonly
    @api.model
    def build_grid_roster(self, grid_id):
        """网格花名册: per grid its heads, instructors, workers with phones, the
        service station and the duty rota; a fixed number of queries."""
        _ = self.env._
        root = self._check_grid(grid_id)
        grids = self.env["party.grid"].search_fetch(
            [("id", "child_of", root.id)],
            [
                "code",
                "name",
                "level_id",
                "org_type",
                "org_name",
                "head_id",
                "deputy_ids",
                "instructor_ids",
                "station_address",
                "station_phone",
            ],
        )
        grids.level_id.fetch(["name"])
        roles = self.env["party.grid.role"].search_fetch(
            [("grid_id", "in", grids.ids)], ["grid_id", "partner_id", "role"]
        )
        duties = self.env["party.grid.duty"].search_fetch(
            [("grid_id", "in", grids.ids)], ["grid_id", "weekday", "partner_id"]
        )
        users = grids.head_id | grids.deputy_ids | grids.instructor_ids
        users.fetch(["partner_id"])
        (users.partner_id | roles.partner_id | duties.partner_id).fetch(
            ["name", "phone", "mobile"]
        )
        role_labels = dict(roles._fields["role"]._description_selection(self.env))
        days = dict(duties._fields["weekday"]._description_selection(self.env))
        orgs = dict(grids._fields["org_type"]._description_selection(self.env))
        staff = defaultdict(list)
        for role in roles:
            phone = self._phone(role.partner_id)
            staff[role.grid_id.id].append(
                f"{role.partner_id.name}（{role_labels[role.role]}）{phone}".strip()
            )
        rota = defaultdict(list)
        for duty in duties:
            rota[duty.grid_id.id].append(f"{days[duty.weekday]} {duty.partner_id.name}")

        def people(users):
            return "；".join(
                f"{u.partner_id.name} {self._phone(u.partner_id)}".strip()
                for u in users
            )

        rows = [
            [
                grid.code or "",
                grid.name,
                grid.level_id.name,
                grid.org_name or orgs.get(grid.org_type, ""),
                grid.head_id.partner_id.name or "",
                self._phone(grid.head_id.partner_id),
                people(grid.deputy_ids),
                people(grid.instructor_ids),
                "；".join(staff[grid.id]),
                len(staff[grid.id]),
                grid.station_address or "",
                grid.station_phone or "",
                "；".join(rota[grid.id]),
            ]
            for grid in grids
        ]
        g_head = _("Grid Head")
        g_station = _("Service Station")
        columns = [
            column(_("Code"), "text", width=12),
            column(_("Grid"), "text", width=16),
            column(_("Level"), "text", width=10),
            column(_("Party Organisation"), "text", width=18),
            column(_("Name"), "text", group=g_head, width=10),
            column(_("Phone"), "text", group=g_head, width=14),
            column(_("Deputy Heads"), "text", width=20),
            column(_("Instructors"), "text", width=20),
            column(
                _("Grid Workers and Roles"), "text", group=_("Grid Workers"), width=36
            ),
            column(_("Number"), group=_("Grid Workers"), width=7),
            column(_("Address"), "text", group=g_station, width=22),
            column(_("Phone"), "text", group=g_station, width=14),
            column(_("Duty Rota"), "text", group=g_station, width=30),
        ]
        return dict(
            self._header(root, _("Roster of Grids and Grid Staff")),
            sheet=_("Grids"),
            columns=columns,
            rows=rows,
            totals=[_("Total"), len(grids), *[""] * 7, len(roles), "", "", ""],
        )

    # ------------------------------------------------------------ 4. contact duty
    @api.readonly
    @api.model
    def build_duty(self, grid_id, date_from, date_to):
        """月度联系履职表: per grid and member, the linked households due in the
        month, contacted, not contacted and the rate; two grouped queries (see
        ``_duty_by_month``)."""
        _ = self.env._
        root = self._check_grid(grid_id)
        date_from, date_to, _start, _end = self._period(date_from, date_to)
        month = date_to.replace(day=1)
        due, contacted = self._duty_by_month(
            [("grid_id", "child_of", root.id)],
            month,
            month,
            ["grid_id", "contact_member_id"],
        )
        grids = self.env["party.grid"].browse({g for g, _m in due})
        members = self.env["party.member"].browse({m for _g, m in due})
        grids.fetch(["complete_name"])
        members.fetch(["partner_id"])
        members.partner_id.fetch(["name", "phone", "mobile"])
        groups = []
        for (grid_id, member_id), count in due.items():
            done = contacted.get((month, grid_id, member_id), 0)
            groups.append(
                (
                    grids.browse(grid_id),
                    members.browse(member_id),
                    count,
                    done,
                    count - done,
                )
            )
        rows = [
            [
                grid.complete_name,
                member.partner_id.name or "",
                self._phone(member.partner_id),
                due,
                done,
                todo,
                rate(done, due),
            ]
            for grid, member, due, done, todo in sorted(
                groups, key=lambda g: (g[0].complete_name or "", g[1].id)
            )
        ]
        due = sum(r[3] for r in rows)
        done = sum(r[4] for r in rows)
        g_count = _("Linked Households")
        columns = [
            column(_("Grid"), "text", width=30),
            column(_("Party Member"), "text", width=12),
            column(_("Phone"), "text", width=14),
            column(_("Due"), group=g_count),
            column(_("Contacted"), group=g_count),
            column(_("Not Contacted"), group=g_count),
            column(_("Contact Rate (%)"), "rate", width=11),
        ]
        return dict(
            self._header(
                root,
                _(
                    "Monthly Contact Duty Table, %(month)s",
                    month=month.strftime("%Y-%m"),
                ),
            ),
            sheet=_("Contact Duty"),
            columns=columns,
            rows=rows,
            totals=[_("Total"), "", "", due, done, due - done, rate(done, due)],
        )

    # ------------------------------------------------------------ 5. tickets
    @api.readonly
    @api.model
    def build_tickets(self, grid_id, date_from, date_to):
        """事项统计表: per receiving grid and month, two grouped queries."""
        _ = self.env._
        root = self._check_grid(grid_id)
        date_from, date_to, start, end = self._period(date_from, date_to)
        Report = self.env["party.ticket.report"]
        domain = [
            ("origin_grid_id", "child_of", root.id),
            ("date_received", ">=", start),
            ("date_received", "<", end),
        ]
        sums = [
            "received_count",
            "closed_count",
            "on_time_count",
            "reopened_count",
            "extended_count",
            "visited_count",
            "satisfied_count",
            "self_closed_count",
            "transferred_count",
        ]
        groups = Report._read_group(
            domain,
            ["origin_grid_id", "date_received:month"],
            [f"{f}:sum" for f in sums] + ["accept_hours:avg", "close_hours:avg"],
        )
        by_level = defaultdict(int)
        level_groups = Report._read_group(
            domain + [("closed_count", "=", 1)],
            ["origin_grid_id", "date_received:month", "resolved_level_id"],
            ["__count"],
        )
        for grid, month, level, count in level_groups:
            by_level[grid.id, month, level.id] += count
        levels = (
            self.env["party.grid.level"]
            .union(*(level for *_gm, level, _c in level_groups))
            .sorted(lambda level: (level.sequence, level.id))
        )
        grids = self.env["party.grid"].union(*(g[0] for g in groups))
        grids.fetch(["complete_name"])

        def figures(label, month, values, level_counts, hours):
            v = dict(zip(sums, values, strict=True))
            received, closed = v["received_count"], v["closed_count"]
            return [
                label,
                month,
                received,
                closed,
                rate(closed, received),
                rate(v["on_time_count"], closed),
                rate(v["reopened_count"], received),
                rate(v["extended_count"], received),
                v["self_closed_count"],
                v["transferred_count"],
                *level_counts,
                round(hours[0] or 0.0, 1),
                round(hours[1] or 0.0, 1),
                rate(v["satisfied_count"], v["visited_count"]),
            ]

        rows = []
        total = [0] * len(sums)
        for grid, month, *values in sorted(
            groups, key=lambda g: (g[0].complete_name or "", g[1])
        ):
            counts, hours = values[: len(sums)], values[len(sums) :]
            total = [a + (b or 0) for a, b in zip(total, counts, strict=True)]
            rows.append(
                figures(
                    grid.complete_name,
                    month.strftime("%Y-%m"),
                    [c or 0 for c in counts],
                    [by_level[grid.id, month, level.id] for level in levels],
                    hours,
                )
            )
        [(accept, close)] = Report._read_group(
            domain, [], ["accept_hours:avg", "close_hours:avg"]
        )
        level_totals = [
            sum(c for (_g, _m, lid), c in by_level.items() if lid == level.id)
            for level in levels
        ]
        g_rates = _("Rates (%)")
        g_levels = _("Concluded at Level")
        g_hours = _("Average Hours")
        columns = [
            column(_("Receiving Grid"), "text", width=30),
            column(_("Month"), "text", width=9),
            column(_("Received")),
            column(_("Concluded")),
            column(_("Concluded"), "rate", group=g_rates),
            column(_("On Time"), "rate", group=g_rates),
            column(_("Reopened"), "rate", group=g_rates),
            column(_("Extended"), "rate", group=g_rates),
            column(_("Self-closed")),
            column(_("Transferred")),
            *[column(level.name, group=g_levels) for level in levels],
            column(_("To Accept"), "float", group=g_hours),
            column(_("To Close"), "float", group=g_hours),
            column(_("Satisfaction (%)"), "rate", width=11),
        ]
        return dict(
            self._header(root, _("Ticket Statistics"), date_from, date_to),
            sheet=_("Tickets"),
            columns=columns,
            rows=rows,
            totals=figures(_("Total"), "", total, level_totals, (accept, close)),
        )
