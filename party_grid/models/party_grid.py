# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import Counter

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError, ValidationError

from .party_grid_tools import readable_name, window_action
from .party_member import PARTY_MEMBER_STATUSES

# fields of party.grid that put a grid in the scope of a user
# the fields that put grids in users' scopes, and (parent_id) in the subtrees
# the record rules of households, visits and tickets list as grid ids
SCOPE_FIELDS = ("head_id", "deputy_ids", "instructor_ids", "active", "parent_id")

ORG_TYPE_SELECTION = [
    ("committee", "Party Committee"),
    ("general_branch", "General Party Branch"),
    ("branch", "Party Branch"),
    ("group", "Party Group"),
    ("none", "None"),
]


def _path_ids(parent_path):
    """Ids of a grid and its ancestors, from its ``parent_path``."""
    return [int(x) for x in (parent_path or "").split("/") if x]


class PartyGrid(models.Model):
    _name = "party.grid"
    _description = "Party Grid"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _parent_name = "parent_id"
    _parent_store = True
    _rec_name = "complete_name"
    _rec_names_search = ["complete_name", "code"]
    _order = "code, id"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(
        index=True,
        copy=False,
        tracking=True,
        help="Hierarchical code; left empty, it is the parent's code followed by "
        "the next number among its siblings.",
    )
    complete_name = fields.Char(
        compute="_compute_complete_name", store=True, recursive=True
    )
    level_id = fields.Many2one(
        "party.grid.level",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    parent_id = fields.Many2one(
        "party.grid",
        string="Parent Grid",
        index=True,
        ondelete="restrict",
        tracking=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("party.grid", "parent_id", string="Sub-grids")
    org_type = fields.Selection(
        ORG_TYPE_SELECTION,
        string="Party Organisation Type",
        required=True,
        default="branch",
    )
    org_name = fields.Char(string="Party Organisation")
    head_id = fields.Many2one(
        "res.users", string="Grid Head", index=True, tracking=True
    )
    deputy_ids = fields.Many2many(
        "res.users",
        "party_grid_deputy_rel",
        "grid_id",
        "user_id",
        string="Deputy Heads",
    )
    instructor_ids = fields.Many2many(
        "res.users",
        "party_grid_instructor_rel",
        "grid_id",
        "user_id",
        string="Instructors",
        help="Township cadres assigned to guide this grid (party-building "
        "instructors); they read the grid's records.",
    )
    role_ids = fields.One2many("party.grid.role", "grid_id", string="Grid Roles")
    member_ids = fields.One2many("party.member", "grid_id", string="Party Members")
    household_ids = fields.One2many("party.household", "grid_id", string="Households")
    station_address = fields.Char(string="Service Station Address")
    station_phone = fields.Char(string="Service Station Phone")
    duty_ids = fields.One2many("party.grid.duty", "grid_id", string="Duty Rota")
    boundary = fields.Text(string="Boundary Description")
    is_my_grid = fields.Boolean(
        compute="_compute_is_my_grid",
        search="_search_is_my_grid",
        string="My Grids",
        help="The grids the user is responsible for (not those below them).",
    )
    active = fields.Boolean(default=True, tracking=True)

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a grid must be unique."),
    ]

    def init(self):
        # child_of is parent_path LIKE 'x/%': a plain btree serves it only in a
        # database with the C collation (Odoo creates its databases so); a
        # government instance created with zh_CN.UTF-8 needs the pattern index
        tools.create_index(
            self.env.cr,
            "party_grid_parent_path_pattern_index",
            self._table,
            ["parent_path varchar_pattern_ops"],
        )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for grid in self:
            if grid.parent_id:
                grid.complete_name = f"{grid.parent_id.complete_name} / {grid.name}"
            else:
                grid.complete_name = grid.name

    @api.depends_context("uid")
    def _compute_is_my_grid(self):
        mine = set(self.env.user.party_grid_scope_ids.ids)
        for grid in self:
            grid.is_my_grid = grid.id in mine

    def _search_is_my_grid(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("“My Grids” is searched as true or false only."))
        positive = (operator == "=") == value
        return [
            (
                "id",
                "in" if positive else "not in",
                self.env.user.party_grid_scope_ids.ids,
            )
        ]

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            self._raise_cycle_error()

    @api.constrains("level_id", "parent_id")
    def _check_level_id(self):
        # sudo: the parent grid may be outside the user's scope
        grids = self.sudo()
        for grid in grids | grids.child_ids:
            parent = grid.parent_id
            if parent and grid.level_id.sequence <= parent.level_id.sequence:
                raise ValidationError(
                    self.env._(
                        "The level of grid “%(grid)s” (%(level)s) must be deeper "
                        "than the level of its parent grid “%(parent)s” "
                        "(%(parent_level)s).",
                        grid=grid.name,
                        level=grid.level_id.name,
                        parent=parent.name,
                        parent_level=parent.level_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        user = self.env.user
        if not (self.env.su or user._party_grid_is_admin()):
            # the scope as it is before the insert: a new grid (and its head)
            # may only be created below a grid the user already manages
            if any(not vals.get("parent_id") for vals in vals_list):
                raise AccessError(
                    self.env._("Only administrators create top-level grids.")
                )
            user._party_grid_check_covers(
                self.browse({vals["parent_id"] for vals in vals_list})
            )
        self._prepare_codes(vals_list)
        self._check_code_unique([vals["code"] for vals in vals_list])
        grids = super().create(vals_list)
        # a new grid below another one enters the subtrees of its ancestors
        if any(
            vals.get(fname)
            for vals in vals_list
            for fname in (*SCOPE_FIELDS[:3], "parent_id")
        ):
            self.env["res.users"]._party_grid_scope_changed()
        return grids

    def write(self, vals):
        user = self.env.user
        if "parent_id" in vals and not (self.env.su or user._party_grid_is_admin()):
            if not vals["parent_id"]:
                raise AccessError(
                    self.env._("Only administrators create top-level grids.")
                )
            # grids move only under a grid the user manages already
            user._party_grid_check_covers(self.browse(vals["parent_id"]))
        if vals.get("code"):
            if len(self) > 1:
                raise ValidationError(
                    self.env._("Several grids cannot get the same code.")
                )
            self._check_code_unique([vals["code"]], exclude=self)
        scope_before = self.env["res.users"]._party_grid_scope_snapshot(
            self, [fname for fname in SCOPE_FIELDS if fname in vals]
        )
        if vals.get("parent_id") and self.ids:
            # refuse cycles with a clear message before _parent_store does
            subtree = (
                self.sudo()
                .with_context(active_test=False)
                .search_count(
                    [("id", "child_of", self.ids), ("id", "=", vals["parent_id"])]
                )
            )
            if subtree:
                self._raise_cycle_error()
        res = super().write(vals)
        if "parent_id" in vals and not self.env.su:
            # grids may be moved only within the subtrees the user manages
            self.check_access("write")
        # a note or an address changes no one's scope: the caches stay
        self.env["res.users"]._party_grid_scope_changed_since(
            self, [fname for fname in SCOPE_FIELDS if fname in vals], scope_before
        )
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        used = self._get_grids_with_history()
        if used:
            raise UserError(
                self.env._(
                    "Grid “%(grid)s” has sub-grids, party members, households, "
                    "grid roles or other history and cannot be deleted. "
                    "Archive it instead.",
                    grid=used[0].complete_name,
                )
            )

    def unlink(self):
        scope = any(
            grid.head_id or grid.deputy_ids or grid.instructor_ids for grid in self
        )
        res = super().unlink()
        if scope:
            self.env["res.users"]._party_grid_scope_changed()
        return res

    @api.readonly
    def action_view_sub_grids(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_grid_action",
            domain=[("id", "child_of", self.id), ("id", "!=", self.id)],
            context={"default_parent_id": self.id},
        )

    @api.readonly
    def action_view_members(self):
        self.ensure_one()
        # the members the button counts: full and probationary, subtree
        return window_action(
            self.env,
            "party_grid.party_member_action",
            domain=[
                ("grid_id", "child_of", self.id),
                ("status", "in", PARTY_MEMBER_STATUSES),
            ],
            context={"default_grid_id": self.id},
        )

    @api.model
    @api.readonly
    def _party_grid_figures_action(self):
        """The start screen of township and county: the figures of their
        grids (party_grid_reports puts its dashboard here)."""
        return self.env["ir.actions.actions"]._for_xml_id(
            "party_grid.party_grid_action_figures"
        )

    @api.readonly
    def action_view_households(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_household_action",
            domain=[("grid_id", "child_of", self.id)],
            context={"default_grid_id": self.id},
        )

    @api.readonly
    def action_view_uncontacted_households(self):
        self.ensure_one()
        action = self.action_view_households()
        action["domain"] = [
            ("grid_id", "child_of", self.id),
            ("is_contact_due", "=", True),
        ]
        return action

    @api.readonly
    def action_view_activities(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_activity_action",
            domain=[("grid_id", "child_of", self.id)],
            context={"default_grid_id": self.id},
        )

    @api.model
    @api.readonly
    def get_import_templates(self):
        return [
            {
                "label": self.env._("Import Template for Grids"),
                "template": "/party_grid/static/xlsx/party_grid_import_template.xlsx",
            }
        ]

    @api.model
    def _prepare_codes(self, vals_list):
        """Fill the empty codes of ``vals_list``: parent's code + the next free
        two-digit (three-digit beyond 99) number among the siblings."""
        todo = [vals for vals in vals_list if not vals.get("code")]
        if not todo:
            return
        parent_ids = {vals.get("parent_id") or False for vals in todo}
        parents = self.browse(pid for pid in parent_ids if pid).sudo()
        parent_code = {parent.id: parent.code or "" for parent in parents}
        parent_code[False] = ""
        # codes already taken under these parents (existing siblings)
        siblings = (
            self.sudo()
            .with_context(active_test=False)
            .search_fetch(
                [("parent_id", "in", [pid or False for pid in parent_ids])], ["code"]
            )
        )
        taken = {code for code in siblings.mapped("code") if code}
        taken.update(vals["code"] for vals in vals_list if vals.get("code"))
        next_number = Counter()
        for vals in todo:
            pid = vals.get("parent_id") or False
            while True:
                next_number[pid] += 1
                number = next_number[pid]
                code = parent_code[pid] + (
                    f"{number:02d}" if number < 100 else f"{number:03d}"
                )
                if code not in taken:
                    break
            taken.add(code)
            vals["code"] = code

    def _check_code_unique(self, codes, exclude=None):
        seen = set()
        for code in codes:
            if code in seen:
                raise ValidationError(
                    self.env._("The grid code %(code)s is used twice.", code=code)
                )
            seen.add(code)
        domain = [("code", "in", list(seen))]
        if exclude:
            domain.append(("id", "not in", exclude.ids))
        duplicate = self.sudo().with_context(active_test=False).search(domain, limit=1)
        if duplicate:
            raise ValidationError(
                self.env._(
                    "The grid code %(code)s is already used by grid “%(grid)s”.",
                    code=duplicate.code,
                    grid=readable_name(self.env, duplicate, "complete_name"),
                )
            )

    def _raise_cycle_error(self):
        raise ValidationError(
            self.env._(
                "A grid cannot be placed under itself or one of its own "
                "sub-grids: the grid tree would contain a cycle."
            )
        )

    def _grid_history_fields(self):
        """(model, field) pairs whose records are history of a grid: a grid
        that any of them points to is archived, never deleted. Addons that
        attach history to grids (tickets, points, links…) extend this list."""
        return [
            ("party.member", "grid_id"),
            ("party.household", "grid_id"),
            ("party.grid.role", "grid_id"),
            ("party.visit", "grid_id"),
            ("party.activity", "grid_id"),
        ]

    def _get_grids_with_history(self):
        """Return the grids of ``self`` that must not be deleted."""
        # sudo: history outside the user's scope still forbids deletion
        grids = self.sudo().with_context(active_test=False)
        used = grids.search([("parent_id", "in", self.ids)]).parent_id.sudo(False)
        for model, fname in self._grid_history_fields():
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group([(fname, "in", self.ids)], [fname])
            )
            used |= self.browse(grid.id for (grid,) in groups)
        return used
