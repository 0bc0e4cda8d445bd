# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# pylint: disable=prefer-env-translation,no-member,consider-merging-classes-inherited
# (``_`` is an alias of ``self.env._``; the builder's helpers live in
# party_report_builder.py, which pylint does not follow through _inherit)
"""Data builders of the printed boards and cards (QWeb PDF): 公示牌, 民情联系卡,
党员中心户标识牌 and the service flow chart."""

from collections import defaultdict

from odoo import api, models

from .party_report_builder import _path_ids


class PartyReportBuilder(models.AbstractModel):
    _inherit = "party.report.builder"

    @api.model
    def _person(self, partner, role=""):
        return {
            "name": partner.name or "",
            "phone": self._phone(partner),
            "image": partner.image_128 or False,
            "role": role,
        }

    @api.model
    def _grids(self, grid_ids):
        """The grids to print, refused when one of them is not readable."""
        grids = self.env["party.grid"].browse(grid_ids).exists()
        grids.check_access("read")
        grids.fetch(
            [
                "name",
                "complete_name",
                "parent_path",
                "org_type",
                "org_name",
                "level_id",
                "head_id",
                "deputy_ids",
                "instructor_ids",
                "station_address",
                "station_phone",
            ]
        )
        return grids

    @api.model
    def _staff(self, grids):
        """Grid roles of ``grids`` and their leaders, in one query (plus names)."""
        roles = self.env["party.grid.role"].search_fetch(
            [("grid_id", "in", grids.ids)], ["grid_id", "partner_id", "role", "note"]
        )
        users = grids.head_id | grids.deputy_ids | grids.instructor_ids
        users.fetch(["partner_id"])
        (users.partner_id | roles.partner_id).fetch(
            ["name", "phone", "mobile", "image_128"]
        )
        return roles

    @api.model
    def _duties(self, grids):
        duties = self.env["party.grid.duty"].search_fetch(
            [("grid_id", "in", grids.ids)], ["grid_id", "weekday", "partner_id", "note"]
        )
        duties.partner_id.fetch(["name", "phone", "mobile"])
        return duties

    @api.model
    def _inherited(self, grids):
        """Per grid id, the nearest grid up its path (itself included) that has
        a head, a service station and a duty rota: a party group's households
        are served by the village's station and secretary. Two queries.

        The ancestors are read with sudo(): only their published names, phones,
        station and rota, which the boards and cards print for the public; a
        grid worker's record rules do not reach above their own grid."""
        paths = {grid.id: _path_ids(grid.parent_path)[::-1] for grid in grids}
        Grid = self.env["party.grid"].sudo()
        ancestors = Grid.browse({i for path in paths.values() for i in path})
        ancestors.fetch(["name", "head_id", "station_address", "station_phone"])
        ancestors.head_id.fetch(["partner_id"])
        ancestors.head_id.partner_id.fetch(["name", "phone", "mobile", "image_128"])
        duties = self.sudo()._duties(ancestors)
        rota = self._rota(duties)
        by_id = {grid.id: grid for grid in ancestors}
        result = {}
        for grid_id, path in paths.items():
            chain = [by_id[i] for i in path if i in by_id]
            head = next((g for g in chain if g.head_id), Grid)
            station = next((g for g in chain if g.station_address), Grid)
            duty = next((g for g in chain if rota.get(g.id)), Grid)
            result[grid_id] = {
                "head": head.head_id.partner_id,
                "head_grid": head,
                "station_address": station.station_address or "",
                "station_phone": station.station_phone
                or next((g.station_phone for g in chain if g.station_phone), ""),
                "rota": rota.get(duty.id, []),
            }
        return result

    @api.model
    def _rota(self, duties):
        days = dict(duties._fields["weekday"]._description_selection(self.env))
        rota = defaultdict(list)
        for duty in duties:
            rota[duty.grid_id.id].append(
                {
                    "day": days[duty.weekday],
                    "name": duty.partner_id.name,
                    "phone": self._phone(duty.partner_id),
                    "note": duty.note or "",
                }
            )
        return rota

    @api.readonly
    @api.model
    def build_notice_boards(self, grid_ids):
        """公示牌: the grid's party organisation, heads, instructors and staff with
        photos, phones and duties, and its service station (the nearest one up
        the grid's path when the grid has none of its own)."""
        grids = self._grids(grid_ids)
        roles = self._staff(grids)
        inherited = self._inherited(grids)
        role_labels = dict(roles._fields["role"]._description_selection(self.env))
        orgs = dict(grids._fields["org_type"]._description_selection(self.env))
        staff = defaultdict(list)
        for role in roles:
            person = self._person(role.partner_id, role_labels[role.role])
            person["duty"] = role.note or ""
            staff[role.grid_id.id].append(person)
        _ = self.env._
        boards = []
        for grid in grids:
            shared = inherited[grid.id]
            people = []
            if grid.head_id:
                people.append(self._person(grid.head_id.partner_id, _("Grid Head")))
            elif shared["head"]:
                people.append(
                    self._person(
                        shared["head"],
                        _("Grid Head of %(grid)s", grid=shared["head_grid"].name),
                    )
                )
            people += [
                self._person(u.partner_id, _("Deputy Head")) for u in grid.deputy_ids
            ]
            people += [
                self._person(u.partner_id, _("Party-building Instructor"))
                for u in grid.instructor_ids
            ]
            boards.append(
                {
                    "grid_id": grid.id,
                    "grid": grid.complete_name,
                    "name": grid.name,
                    "level": grid.level_id.name,
                    "org": grid.org_name or f"{grid.name}{orgs.get(grid.org_type, '')}",
                    "leaders": people,
                    "staff": staff[grid.id],
                    "station_address": shared["station_address"],
                    "station_phone": shared["station_phone"],
                    "rota": shared["rota"],
                }
            )
        return boards

    @api.readonly
    @api.model
    def build_contact_cards(self, grid_ids):
        """民情联系卡: one card per household of the grids' subtrees, with its
        contact member, the grid head and worker, the station and its hours
        (head, station and hours from the nearest grid up the path that has
        them)."""
        self._grids(grid_ids)
        households = self.env["party.household"].search_fetch(
            [("grid_id", "child_of", grid_ids)],
            ["name", "address", "grid_id", "contact_member_id"],
        )
        grids = households.grid_id
        grids.fetch(["complete_name", "parent_path"])
        roles = self.env["party.grid.role"].search_fetch(
            [("grid_id", "in", grids.ids), ("role", "in", ("full_time", "part_time"))],
            ["grid_id", "partner_id", "role"],
        )
        inherited = self._inherited(grids)
        members = households.contact_member_id
        members.fetch(["partner_id"])
        (members.partner_id | roles.partner_id).fetch(["name", "phone", "mobile"])
        workers = {}
        for role in roles:
            workers.setdefault(role.grid_id.id, role.partner_id)
        nobody = self._person(self.env["res.partner"])
        cards = []
        for household in households:
            grid = household.grid_id
            shared = inherited[grid.id]
            worker = workers.get(grid.id)
            cards.append(
                {
                    "grid_id": grid.id,
                    "household": household.name,
                    "address": household.address or "",
                    "grid": grid.complete_name,
                    "member": self._person(household.contact_member_id.partner_id),
                    "head": self._person(shared["head"]),
                    "worker": self._person(worker) if worker else nobody,
                    "station_address": shared["station_address"],
                    "station_phone": shared["station_phone"],
                    "hours": "；".join(
                        f"{d['day']} {d['name']}" for d in shared["rota"]
                    ),
                }
            )
        return cards

    @api.readonly
    @api.model
    def build_central_signs(self, member_ids):
        """党员中心户标识牌 of the given central households (others are skipped)."""
        members = self.env["party.member"].browse(member_ids).exists()
        members.check_access("read")
        members = members.filtered("is_central_household")
        coordinated = self.env["party.member"].search_fetch(
            [("central_household_id", "in", members.ids)],
            ["central_household_id", "partner_id"],
        )
        (members | coordinated).partner_id.fetch(
            ["name", "phone", "mobile", "image_128"]
        )
        members.grid_id.fetch(["complete_name", "org_name"])
        names = defaultdict(list)
        for member in coordinated:
            names[member.central_household_id.id].append(member.partner_id.name)
        return [
            {
                "member": self._person(member.partner_id),
                "grid": member.grid_id.complete_name,
                "org": member.grid_id.org_name or "",
                "coordinated": names[member.id],
            }
            for member in members
        ]

    @api.readonly
    @api.model
    def build_flow_charts(self, grid_ids):
        """基层党建网格化服务流程图 of each grid, from the configuration: the
        handling types with their time limits at the grid's level, and the
        escalation path up through the levels above it."""
        grids = self._grids(grid_ids)
        Limit = self.env["party.ticket.time.limit"]
        limits = Limit.search_fetch(
            [], ["handling_type", "level_id", "unit", "accept_limit", "finish_limit"]
        )
        levels = self.env["party.grid.level"].search_fetch([], ["name", "sequence"])
        types = Limit._fields["handling_type"]._description_selection(self.env)
        units = dict(Limit._fields["unit"]._description_selection(self.env))
        by_key = {(limit.handling_type, limit.level_id.id): limit for limit in limits}
        _ = self.env._

        def duration(amount, unit):
            """30 分钟, 2 小时, 7 天: minutes and hours shown in the largest
            whole unit (10,080 minutes is 7 days)."""
            if not amount:
                return _("no limit")
            for small, big, factor in (("minutes", "hours", 60), ("hours", "days", 24)):
                if unit == small and amount >= factor and not amount % factor:
                    amount, unit = amount / factor, big
            return f"{amount:g} {units[unit]}"

        inherited = self._inherited(grids)
        charts = []
        for grid in grids:
            level = grid.level_id
            path = levels.filtered(lambda lv, lvl=level: lv.sequence <= lvl.sequence)
            steps = []
            for code, label in types:
                limit = by_key.get((code, level.id)) or by_key.get((code, False))
                steps.append(
                    {
                        "type": label,
                        "accept": duration(limit.accept_limit, limit.unit)
                        if limit
                        else _("no limit"),
                        "finish": duration(limit.finish_limit, limit.unit)
                        if limit
                        else _("no limit"),
                    }
                )
            charts.append(
                {
                    "grid": grid.complete_name,
                    "level": level.name,
                    "types": steps,
                    "path": [lv.name for lv in path.sorted("sequence", reverse=True)],
                    "station_address": inherited[grid.id]["station_address"],
                    "station_phone": inherited[grid.id]["station_phone"],
                }
            )
        return charts
