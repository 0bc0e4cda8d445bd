# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=prefer-env-translation,no-member
# (``_`` is an alias of ``self.env._``; the builder's helpers live in
# party_report_builder.py, which pylint does not follow through _inherit)
"""Data builders: each report's rows computed once, with grouped queries under
the user's record rules, as plain tables that the XLSX, PDF and screen renderers
only lay out."""

from collections import Counter, defaultdict
from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.party_grid.models.party_visit import (  # pylint: disable=import-error
    DUTY_TZ,
    duty_month_bounds,
)

ORGS = ("committee", "general_branch", "branch")
STATUSES = ("full", "probationary", "activist", "applicant")


def _path_ids(parent_path):
    """Ids of a grid and its ancestors, from its ``parent_path``."""
    return [int(x) for x in (parent_path or "").split("/") if x]


def rate(part, whole):
    return round(100.0 * part / whole, 1) if whole else 0.0


def column(label, kind="int", group=None, width=None):
    """A column of a table: ``kind`` is text, int, rate, float or points (two
    decimals); columns of one ``group`` share a merged upper header cell."""
    widths = {"text": 16, "int": 9, "rate": 9, "float": 9, "points": 9}
    return {
        "label": label,
        "kind": kind,
        "group": group,
        "width": width or widths[kind],
    }


class PartyReportBuilder(models.AbstractModel):
    _name = "party.report.builder"
    _description = "Party Grid Report Data"

    # ------------------------------------------------------------ helpers
    @api.model
    def _check_grid(self, grid_id):
        """The chosen grid, refused (AccessError) when the user may not read it:
        a forged id of another township's grid stops here."""
        grid = self.env["party.grid"].browse(int(grid_id)).exists()
        grid.check_access("read")
        grid.fetch(["name", "complete_name", "org_name", "parent_path", "level_id"])
        return grid

    @api.model
    def _period(self, date_from, date_to):
        date_from = fields.Date.to_date(date_from)
        date_to = fields.Date.to_date(date_to)
        start = datetime.combine(date_from, time.min)
        end = datetime.combine(date_to + timedelta(days=1), time.min)
        return date_from, date_to, start, end

    @api.model
    def _header(self, grid, title, date_from=None, date_to=None):
        period = ""
        if date_from:
            period = self.env._(
                "Period: %(start)s to %(end)s", start=date_from, end=date_to
            )
        return {
            "title": title,
            "unit": self.env._(
                "Unit: %(unit)s", unit=grid.org_name or grid.complete_name
            ),
            "date": self.env._("Date: %(date)s", date=fields.Date.context_today(self)),
            "period": period,
        }

    @api.model
    def _subtree(self, grid):
        """The grids of ``grid``'s subtree readable by the user, in one query."""
        return self.env["party.grid"].search_fetch(
            [("id", "child_of", grid.id)],
            ["name", "complete_name", "code", "parent_path", "level_id", "org_type"],
        )

    @api.model
    def _duty_by_month(self, domain, first, last, groupby=()):
        """Monthly contact duty of the households matching ``domain`` (under the
        reader's record rules) that have a contact member, for the months from
        ``first`` to ``last``, grouped by the household fields ``groupby``
        (``grid_id``, ``contact_member_id``): ``({ids: due}, {(month, *ids):
        contacted})`` where ``ids`` is the tuple of the groups' record ids.
        Due are the households with a contact member (the current link, as
        party_grid's duty report counts them), contacted those whom that member
        contacted as often as the settings require that month.

        Two queries, over the visits of those months only: party_grid's
        ``party.visit.duty.report`` view aggregates 24 months of visits before
        any filter applies (1.7 s for one month of a county's 600,000 visits a
        year; the whole statistics table takes 0.2 s this way)."""
        Household = self.env["party.household"]
        domain = [*domain, ("contact_member_id", "!=", False)]
        due = {
            tuple(group.id for group in groups): count
            for *groups, count in Household._read_group(
                domain, list(groupby), ["__count"]
            )
        }
        return due, self._duty_contacted(domain, first, last, groupby)

    @api.model
    def _duty_contacted(self, domain, first, last, groupby=()):
        """The ``contacted`` half of ``_duty_by_month``, in one query."""
        Household = self.env["party.household"]
        domain = [*domain, ("contact_member_id", "!=", False)]
        required, required_must = self.env["party.visit"]._duty_required_contacts()
        start = duty_month_bounds(first)[0]
        stop = duty_month_bounds(last)[1]
        households = Household._search(domain)
        # the visits are read without record rules, as party_grid's duty figures:
        # the duty is a fact about the household, whoever may read the visits
        self.env.cr.execute(
            SQL(
                """WITH contacts AS (
                       SELECT v.household_id, v.member_id,
                              date_trunc('month', v.date AT TIME ZONE 'UTC'
                                                  AT TIME ZONE %(tz)s)::date AS month,
                              count(*) AS n
                         FROM party_visit v
                        WHERE v.date >= %(start)s AND v.date < %(stop)s
                        GROUP BY 1, 2, 3)
                   SELECT count(*), c.month %(columns)s
                     FROM contacts c
                     JOIN party_household h ON h.id = c.household_id
                                           AND h.contact_member_id = c.member_id
                    WHERE h.id IN (%(households)s)
                      AND c.n >= CASE WHEN h.must_visit THEN %(must)s
                                      ELSE %(required)s END
                    GROUP BY c.month %(columns)s""",
                tz=DUTY_TZ,
                start=start,
                stop=stop,
                columns=SQL("").join(
                    SQL(", %s", SQL.identifier("h", fname)) for fname in groupby
                ),
                households=households.subselect(),
                must=required_must,
                required=required,
            )
        )
        return {tuple(keys): n for n, *keys in self.env.cr.fetchall()}

    @api.model
    def _levels(self, grids):
        levels = grids.level_id
        levels.fetch(["name", "sequence"])
        return levels.sorted(lambda level: (level.sequence, level.id))

    # ------------------------------------------------------------ 1. statistics
    @api.readonly
    @api.model
    def build_statistics(self, grid_id, date_from, date_to):
        """Seed 004's 情况统计表: one row per grid directly under the chosen one
        (plus the chosen grid's own records), in nine grouped queries."""
        _ = self.env._
        root = self._check_grid(grid_id)
        date_from, date_to, start, end = self._period(date_from, date_to)
        grids = self._subtree(root)
        key_of = {}
        for grid in grids:
            path = _path_ids(grid.parent_path)
            below = path[path.index(root.id) + 1 :] if root.id in path else []
            key_of[grid.id] = below[0] if below else root.id
        levels = self._levels(grids - root)
        data = defaultdict(Counter)
        for grid in grids:
            row = data[key_of[grid.id]]
            if grid != root:
                row[("level", grid.level_id.id)] += 1
            row[("org", grid.org_type)] += 1
        Member = self.env["party.member"]
        for grid, status, central, away, count in Member._read_group(
            [("grid_id", "child_of", root.id)],
            ["grid_id", "status", "is_central_household", "is_away"],
            ["__count"],
        ):
            row = data[key_of.get(grid.id, root.id)]
            row[("status", status)] += count
            row["central"] += count if central else 0
            row["away"] += count if away else 0
        for grid, kind, count, covered in self.env["party.household"]._read_group(
            [("grid_id", "child_of", root.id)],
            ["grid_id", "kind"],
            ["__count", "contact_member_id:count"],
        ):
            row = data[key_of.get(grid.id, root.id)]
            row["household" if kind == "household" else "other"] += count
            row["covered"] += covered
        for grid, count in self.env["party.grid.role"]._read_group(
            [("grid_id", "child_of", root.id)],
            ["grid_id"],
            ["partner_id:count_distinct"],
        ):
            data[key_of.get(grid.id, root.id)]["staff"] += count
        for grid, received, closed, own, moved in self.env[
            "party.ticket.report"
        ]._read_group(
            [
                ("origin_grid_id", "child_of", root.id),
                ("date_received", ">=", start),
                ("date_received", "<", end),
            ],
            ["origin_grid_id"],
            [
                "received_count:sum",
                "closed_count:sum",
                "self_closed_count:sum",
                "transferred_count:sum",
            ],
        ):
            row = data[key_of.get(grid.id, root.id)]
            row["received"] += received
            row["closed"] += closed
            row["self"] += own
            row["moved"] += moved
        month = date_to.replace(day=1)
        due, contacted = self._duty_by_month(
            [("grid_id", "child_of", root.id)], month, month, ["grid_id"]
        )
        for (grid_id,), count in due.items():
            row = data[key_of.get(grid_id, root.id)]
            row["due"] += count
            row["contacted"] += contacted.get((month, grid_id), 0)

        org_labels = dict(
            self.env["party.grid"]._fields["org_type"]._description_selection(self.env)
        )
        status_labels = dict(Member._fields["status"]._description_selection(self.env))
        g_grids = _("Grids")
        g_orgs = _("Party Organisations")
        g_members = _("Party Members")
        g_objects = _("Households and Objects")
        g_tickets = _("Tickets")
        columns = [column(_("Unit"), "text", width=24)]
        columns += [column(level.name, group=g_grids) for level in levels]
        columns += [column(org_labels[org], group=g_orgs) for org in ORGS]
        columns += [
            column(org_labels["group"], group=g_orgs),
            column(_("Central Households")),
        ]
        columns += [column(status_labels[s], group=g_members) for s in STATUSES]
        columns += [
            column(_("Away"), group=g_members),
            column(_("Households"), group=g_objects),
            column(_("Other Objects"), group=g_objects),
            column(_("With Contact Member"), group=g_objects),
            column(_("Coverage (%)"), "rate", group=g_objects),
            column(_("Service Staff")),
            column(_("Received"), group=g_tickets),
            column(_("Closed"), group=g_tickets),
            column(_("Self-closed"), group=g_tickets),
            column(_("Transferred"), group=g_tickets),
            column(_("Contact Rate of the Month (%)"), "rate", width=12),
        ]

        def values(name, row):
            objects = row["household"] + row["other"]
            return (
                [name]
                + [row[("level", level.id)] for level in levels]
                + [row[("org", org)] for org in (*ORGS, "group")]
                + [row["central"]]
                + [row[("status", s)] for s in STATUSES]
                + [row["away"], row["household"], row["other"], row["covered"]]
                + [rate(row["covered"], objects), row["staff"]]
                + [row["received"], row["closed"], row["self"], row["moved"]]
                + [rate(row["contacted"], row["due"])]
            )

        rows = []
        if data.get(root.id):
            rows.append(
                values(_("%(grid)s (own level)", grid=root.name), data[root.id])
            )
        for grid in grids:
            if key_of[grid.id] == grid.id and grid != root:
                rows.append(values(grid.name, data[grid.id]))
        total = sum(data.values(), Counter())
        return dict(
            self._header(
                root, _("Party Grid Management Statistics"), date_from, date_to
            ),
            sheet=_("Statistics"),
            columns=columns,
            rows=rows,
            totals=values(_("Total"), total),
            raw_totals=dict(total),
        )

    # ------------------------------------------------------------ 2. contact rosters
    @api.model
    def _members(self, root, extra_fields=()):
        members = self.env["party.member"].search_fetch(
            [("grid_id", "child_of", root.id)],
            [
                "partner_id",
                "grid_id",
                "status",
                "is_central_household",
                "central_household_id",
                *extra_fields,
            ],
        )
        members.partner_id.fetch(["name", "phone", "mobile", "street"])
        return members

    @api.model
    def _phone(self, partner):
        return partner.phone or partner.mobile or ""

    @api.readonly
    @api.model
    def build_group_roster(self, grid_id):
        """支部委员包挂联系花名册: each party group of the subtree with its group
        head and the branch committee members who link it in the contact
        pyramid (party_grid_organisation); a group nobody links shows as a
        gap."""
        _ = self.env._
        root = self._check_grid(grid_id)
        groups = self.env["party.grid"].search_fetch(
            [("id", "child_of", root.id), ("org_type", "=", "group")],
            ["name", "complete_name", "parent_id", "head_id"],
        )
        links = self.env["party.contact.link"].search_fetch(
            [("level_code", "=", "branch"), ("target_grid_id", "in", groups.ids)],
            ["partner_id", "target_grid_id"],
        )
        linkers = defaultdict(lambda: self.env["res.partner"])
        for link in links:
            linkers[link.target_grid_id.id] |= link.partner_id
        groups.head_id.fetch(["partner_id"])
        (groups.head_id.partner_id | links.partner_id).fetch(
            ["name", "phone", "mobile"]
        )
        groups.parent_id.fetch(["name"])
        members = dict(
            self.env["party.member"]._read_group(
                [("grid_id", "child_of", root.id)], ["grid_id"], ["__count"]
            )
        )
        missing = _("(not assigned)")
        rows = []
        for group in groups:
            partners = linkers[group.id]
            rows.append(
                [
                    group.parent_id.name or "",
                    group.name,
                    group.head_id.partner_id.name or missing,
                    self._phone(group.head_id.partner_id),
                    "、".join(partners.mapped("name")) or missing,
                    "、".join(filter(None, map(self._phone, partners))),
                    members.get(group, 0),
                ]
            )
        g_link = _("Linking Committee Members")
        columns = [
            column(_("Branch"), "text", width=20),
            column(_("Party Group"), "text", width=20),
            column(_("Group Head"), "text", group=_("Party Group Head")),
            column(_("Phone"), "text", group=_("Party Group Head"), width=14),
            column(_("Name"), "text", group=g_link, width=22),
            column(_("Phone"), "text", group=g_link, width=22),
            column(_("Party Members")),
        ]
        return dict(
            self._header(
                root,
                _("Roster of Branch Committee Members and the Party Groups They Link"),
            ),
            sheet=_("Committee Members"),
            columns=columns,
            rows=rows,
            totals=[_("Total"), "", "", "", "", "", sum(r[-1] for r in rows)],
        )

    @api.readonly
    @api.model
    def build_central_roster(self, grid_id):
        """党员中心户包挂联系花名册: each central household with the members it
        coordinates, one line each; then the members nobody coordinates."""
        _ = self.env._
        root = self._check_grid(grid_id)
        members = self._members(root)
        members.grid_id.fetch(["name"])
        heads = defaultdict(list)
        for link in self.env["party.contact.link"].search_fetch(
            [
                ("level_code", "=", "group"),
                ("target_member_id", "in", members.ids),
            ],
            ["partner_id", "target_member_id"],
        ):
            heads[link.target_member_id.id].append(link.partner_id)
        coordinated = defaultdict(list)
        for member in members:
            coordinated[member.central_household_id.id].append(member)
        missing = _("(not assigned)")
        rows = []
        for central in members.filtered("is_central_household"):
            lines = coordinated[central.id] or [None]
            for member in lines:
                rows.append(
                    [
                        central.grid_id.name,
                        central.partner_id.name,
                        self._phone(central.partner_id),
                        member.partner_id.name if member else missing,
                        self._phone(member.partner_id) if member else "",
                        member.partner_id.street or "" if member else "",
                        "、".join(p.name for p in heads[central.id]) or missing,
                    ]
                )
        for member in coordinated[False]:
            if not member.is_central_household:
                rows.append(
                    [
                        member.grid_id.name,
                        missing,
                        "",
                        member.partner_id.name,
                        self._phone(member.partner_id),
                        member.partner_id.street or "",
                        "",
                    ]
                )
        g_central = _("Central Household")
        g_member = _("Coordinated Member")
        columns = [
            column(_("Grid"), "text", width=18),
            column(_("Name"), "text", group=g_central),
            column(_("Phone"), "text", group=g_central, width=14),
            column(_("Name"), "text", group=g_member),
            column(_("Phone"), "text", group=g_member, width=14),
            column(_("Address"), "text", group=g_member, width=28),
            column(_("Linked by Party Group Head"), "text", width=18),
        ]
        centrals = len(members.filtered("is_central_household"))
        linked = sum(1 for m in members if m.central_household_id)
        return dict(
            self._header(
                root, _("Roster of Central Households and the Members They Coordinate")
            ),
            sheet=_("Central Households"),
            columns=columns,
            rows=rows,
            totals=[_("Total"), centrals, "", linked, "", "", ""],
        )

    @api.readonly
    @api.model
    def build_member_roster_links(self, grid_id):
        """党员包挂联系花名册: each member with the households they contact, with
        phones and addresses; members without households and households without
        a member are listed as gaps. Three queries whatever the row count."""
        _ = self.env._
        root = self._check_grid(grid_id)
        members = self._members(root)
        households = self.env["party.household"].search_fetch(
            [("grid_id", "child_of", root.id)],
            [
                "name",
                "kind",
                "address",
                "phone",
                "grid_id",
                "contact_member_id",
                "contact_reason",
                "residents_count",
            ],
        )
        (members.grid_id | households.grid_id).fetch(["name"])
        by_member = defaultdict(list)
        for household in households:
            by_member[household.contact_member_id.id].append(household)
        kinds = dict(households._fields["kind"]._description_selection(self.env))
        reasons = dict(
            households._fields["contact_reason"]._description_selection(self.env)
        )
        missing = _("(not assigned)")
        rows = []

        def line(member, household):
            return [
                (member or household).grid_id.name,
                member.partner_id.name if member else missing,
                self._phone(member.partner_id) if member else "",
                household.name if household else missing,
                kinds.get(household.kind, "") if household else "",
                household.address or "" if household else "",
                household.phone or "" if household else "",
                reasons.get(household.contact_reason, "") if household else "",
            ]

        for member in members:
            for household in by_member.get(member.id) or [None]:
                rows.append(line(member, household))
        for household in by_member.get(False, []):
            rows.append(line(None, household))
        g_member = _("Party Member")
        g_household = _("Contacted Household or Object")
        columns = [
            column(_("Grid"), "text", width=18),
            column(_("Name"), "text", group=g_member),
            column(_("Phone"), "text", group=g_member, width=14),
            column(_("Name"), "text", group=g_household, width=18),
            column(_("Kind"), "text", group=g_household, width=10),
            column(_("Address"), "text", group=g_household, width=28),
            column(_("Phone"), "text", group=g_household, width=14),
            column(_("Reason"), "text", group=g_household, width=10),
        ]
        covered = len(households) - len(by_member.get(False, []))
        return dict(
            self._header(
                root, _("Roster of Party Members and the Households They Contact")
            ),
            sheet=_("Party Members"),
            columns=columns,
            rows=rows,
            totals=[_("Total"), len(members), "", covered, "", "", "", ""],
            raw_totals={
                "members": len(members),
                "households": len(households),
                "covered": covered,
            },
        )
