# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    readable_name,
)

from .party_contact_link import _in_subtree

RESERVE_STATUS_SELECTION = [
    ("recommended", "Recommended"),
    ("training", "In Training"),
    ("assessed", "Assessed"),
    ("appointed", "Appointed"),
    ("withdrawn", "Withdrawn"),
]


class PartyReserveCadre(models.Model):
    _name = "party.reserve.cadre"
    _description = "Reserve Cadre"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "grid_id, recommend_date desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Person",
        required=True,
        index=True,
        ondelete="restrict",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
    )
    member_id = fields.Many2one(
        "party.member",
        string="Party Member",
        index=True,
        ondelete="restrict",
        help="Set when the reserve cadre is a registered party member.",
    )
    phone = fields.Char(related="partner_id.phone")
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The village or group whose reserve cadre pool (后备干部库) holds the "
        "person.",
    )
    recommended_by = fields.Char(
        required=True,
        tracking=True,
        help="Who recommended the person (branch, members' meeting, township…).",
    )
    recommend_date = fields.Date(
        string="Recommended On",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    background = fields.Selection(
        [
            ("entrepreneur", "Leader in Getting Rich"),
            ("farmer", "Large-scale Grower or Breeder"),
            ("veteran", "Demobilised Soldier"),
            ("backbone", "Village or Group Backbone"),
            ("member", "Outstanding Party Member"),
            ("returnee", "Returning Young Entrepreneur"),
            ("other", "Other"),
        ],
        help="Where the candidate comes from (seed 004).",
    )
    intended_post = fields.Char()
    training = fields.Text(help="Training and practice given, with dates.")
    status = fields.Selection(
        RESERVE_STATUS_SELECTION,
        required=True,
        default="recommended",
        tracking=True,
    )
    note = fields.Text()
    active = fields.Boolean(default=True, tracking=True)

    @api.depends("member_id")
    def _compute_partner_id(self):
        for cadre in self:
            if cadre.member_id:
                cadre.partner_id = cadre.member_id.partner_id

    @api.constrains("member_id", "partner_id", "grid_id", "recommend_date", "active")
    def _check_cadre(self):
        today = fields.Date.context_today(self)
        # sudo: the member's grid and other pools may be outside the scope
        for cadre in self.sudo():
            if cadre.recommend_date > today:
                raise ValidationError(
                    self.env._(
                        "%(person)s cannot be recommended on a day in the future.",
                        person=cadre.partner_id.name,
                    )
                )
            member = cadre.member_id
            if member and member.partner_id != cadre.partner_id:
                raise ValidationError(
                    self.env._("The person of a reserve cadre is the member's contact.")
                )
            if member and not _in_subtree(member.grid_id, cadre.grid_id):
                raise ValidationError(
                    self.env._(
                        "%(person)s belongs to grid “%(member_grid)s”, outside "
                        "“%(grid)s”: a reserve cadre is recorded in the pool of "
                        "their own village or group.",
                        person=cadre.partner_id.name,
                        member_grid=readable_name(self.env, member.grid_id, "name"),
                        grid=cadre.grid_id.complete_name,
                    )
                )
            if cadre.active and cadre.search_count(
                [
                    ("partner_id", "=", cadre.partner_id.id),
                    ("active", "=", True),
                    ("status", "not in", ("appointed", "withdrawn")),
                    ("id", "!=", cadre.id),
                ]
            ):
                raise ValidationError(
                    self.env._(
                        "%(person)s is already in a reserve cadre pool.",
                        person=cadre.partner_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        cadres = super().create(vals_list)
        self._check_person_readable(cadres.partner_id)
        return cadres

    def write(self, vals):
        if "partner_id" in vals:
            self._check_person_readable(
                self.env["res.partner"].browse(vals["partner_id"])
            )
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            self.check_access("write")
        return res

    @api.model
    def _check_person_readable(self, partners):
        """A forged id of a person of another grid is refused."""
        if not self.env.su and len(partners._filtered_access("read")) != len(partners):
            raise AccessError(
                self.env._("You cannot put a person you may not see in the pool.")
            )
