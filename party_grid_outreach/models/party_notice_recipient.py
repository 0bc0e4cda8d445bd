# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

WAY_SELECTION = [
    ("channel", "Group Post"),
    ("email", "E-mail"),
    ("hand", "By Hand"),
]
CONFIRM_WAY_SELECTION = [
    ("self", "By the Recipient"),
    ("hand", "Delivered by Hand (上门送学)"),
]


class PartyNoticeRecipient(models.Model):
    """Who a notice reached, by which way, and their confirmation. Lines are
    written by the product only: by sending, by the recipient confirming, and
    by the member who brought it by hand."""

    _name = "party.notice.recipient"
    _description = "Notice Recipient"
    _order = "notice_id, grid_id, id"
    _rec_name = "partner_id"

    notice_id = fields.Many2one(
        "party.notice", required=True, index=True, ondelete="cascade", readonly=True
    )
    kind = fields.Selection(related="notice_id.kind", store=True)
    notice_grid_id = fields.Many2one(
        related="notice_id.grid_id", store=True, string="Sent to Grid"
    )
    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, readonly=True
    )
    member_id = fields.Many2one(
        "party.member", string="Party Member", index=True, readonly=True
    )
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        readonly=True,
        help="The recipient's own grid (completion rates are counted per grid).",
    )
    is_away = fields.Boolean(related="member_id.is_away", string="Away")
    way = fields.Selection(WAY_SELECTION, required=True, readonly=True)
    channel_id = fields.Many2one("discuss.channel", string="Group", readonly=True)
    message_id = fields.Many2one("mail.message", readonly=True)
    state = fields.Selection(
        [("pending", "To Confirm"), ("confirmed", "Confirmed")],
        required=True,
        default="pending",
        readonly=True,
        index=True,
    )
    done_percent = fields.Integer(
        compute="_compute_done_percent",
        store=True,
        aggregator="avg",
        string="Completion (%)",
        help="100 when confirmed: its average over a grid is the grid's "
        "completion rate.",
    )
    confirm_date = fields.Datetime(readonly=True)
    confirm_way = fields.Selection(CONFIRM_WAY_SELECTION, readonly=True)
    delivered_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="Who brought the notice or material to a recipient without a login.",
    )
    delivered_by_member_id = fields.Many2one(
        "party.member", string="Delivering Member", readonly=True
    )
    delivery_note = fields.Char(readonly=True)
    is_late = fields.Boolean(
        compute="_compute_is_late",
        search="_search_is_late",
        string="Not Answered in Time",
    )

    _sql_constraints = [
        (
            "notice_partner_uniq",
            "unique(notice_id, partner_id)",
            "A person receives a notice once.",
        ),
    ]

    @api.depends("state")
    def _compute_done_percent(self):
        for line in self:
            line.done_percent = 100 if line.state == "confirmed" else 0

    def _compute_is_late(self):
        now = fields.Datetime.now()
        for line in self:
            deadline = line.notice_id.reply_deadline
            line.is_late = bool(line.state == "pending" and deadline and deadline < now)

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on “Not Answered in Time”."))
        late = [
            ("state", "=", "pending"),
            ("notice_id.reply_deadline", "<", fields.Datetime.now()),
        ]
        if (operator == "=") == value:
            return late
        return ["!", "&", *late]

    def _check_confirmable(self):
        for line in self:
            if line.state == "confirmed":
                raise UserError(
                    self.env._(
                        "%(person)s has already confirmed notice “%(notice)s”; a "
                        "notice is confirmed once.",
                        person=line.partner_id.name,
                        notice=line.notice_id.name,
                    )
                )
            if line.notice_id.state != "sent":
                raise UserError(
                    self.env._(
                        "Notice “%(notice)s” is closed: it can no longer be confirmed.",
                        notice=line.notice_id.name,
                    )
                )

    def action_confirm(self):
        """The recipient confirms: read (material) or done (a notice needing a
        reply). Only the recipient themselves, only once."""
        self.check_access("read")
        user = self.env.user
        if any(
            line.partner_id != user.partner_id and line.member_id.user_id != user
            for line in self
        ):
            raise AccessError(
                self.env._("Only the recipient confirms their own notice.")
            )
        self._check_confirmable()
        # sudo: recipients have no write access to the lines; the checks above
        # are the rule
        self.sudo().write(
            {
                "state": "confirmed",
                "confirm_date": fields.Datetime.now(),
                "confirm_way": "self",
            }
        )
        return True

    def action_record_hand_delivery(self, note=False):
        """A member brought the notice or material by hand (上门送学) to
        recipients of their grids: record it, with who brought it."""
        self.check_access("read")
        user = self.env.user
        if not user._party_grid_covers(self.grid_id):
            raise AccessError(
                self.env._(
                    "You can record deliveries only for recipients of the grids "
                    "you are responsible for."
                )
            )
        self._check_confirmable()
        # sudo: the member record of the deliverer, which may lie in another grid
        member = (
            self.env["party.member"].sudo().search([("user_id", "=", user.id)], limit=1)
        )
        # sudo: the lines are written by the product only (checked above)
        self.sudo().write(
            {
                "state": "confirmed",
                "confirm_date": fields.Datetime.now(),
                "confirm_way": "hand",
                "delivered_by_id": user.id,
                "delivered_by_member_id": member.id or False,
                "delivery_note": note or False,
            }
        )
        for notice in self.notice_id:
            # sudo: a note by the deliverer, who may have no e-mail address
            notice.sudo().message_post(
                body=self.env._(
                    "%(user)s delivered it by hand to %(persons)s.",
                    user=user.name,
                    persons=", ".join(
                        self.filtered(
                            lambda line, n=notice: line.notice_id == n
                        ).partner_id.mapped("name")
                    ),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
                author_id=user.partner_id.id,
            )
        return True
