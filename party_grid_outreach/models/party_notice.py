# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.party_grid.models.party_grid_tools import (  # pylint: disable=import-error
    readable_name,
    window_action,
)

KIND_SELECTION = [
    ("notice", "Notice"),
    ("letter", "Letter"),
    ("study", "Study Material"),
]
AUDIENCE_SELECTION = [
    ("members", "Party Members of the Subtree"),
    ("away", "Away Members of the Subtree"),
    ("channel", "Members of the Grid's Group"),
]
STATE_SELECTION = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("closed", "Closed"),
]
ESCALATION_SELECTION = [
    ("none", "Not Escalated"),
    ("liaison", "Liaison Cadres Reminded"),
    ("top", "Level One Reminded"),
]
# seed 001: lower levels report to the liaison cadre within 30 minutes, who
# reports to level one within 30 more
DEFAULT_REPLY_MINUTES = 30
DEFAULT_ESCALATE_MINUTES = 30


class PartyNotice(models.Model):
    """A notice, letter or study material sent down the grid: to the members of
    a subtree (all, or those away) or of a grid's group, each by the way that
    reaches them (the group, e-mail, or by hand), with who confirmed it."""

    _name = "party.notice"
    _description = "Notice and Study Material"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sent_date desc, id desc"

    name = fields.Char(string="Title", required=True, tracking=True)
    kind = fields.Selection(
        KIND_SELECTION, required=True, default="notice", tracking=True
    )
    body = fields.Html(string="Content", sanitize=True)
    url = fields.Char(string="Link", help="A link to the material (video, article).")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "party_notice_attachment_rel",
        "notice_id",
        "attachment_id",
        string="Documents",
    )
    grid_id = fields.Many2one(
        "party.grid",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The grid whose subtree (or group) the notice is sent to.",
    )
    audience = fields.Selection(
        AUDIENCE_SELECTION, required=True, default="members", tracking=True
    )
    author_id = fields.Many2one(
        "res.users",
        string="Sender",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    needs_reply = fields.Boolean(
        string="Needs a Reply",
        help="Each recipient confirms it is done; who has not answered in time "
        "is reported to their liaison cadre, then to level one.",
    )
    reply_minutes = fields.Integer(
        string="Reply Within (minutes)", default=DEFAULT_REPLY_MINUTES
    )
    escalate_minutes = fields.Integer(
        string="Then Level One After (minutes)", default=DEFAULT_ESCALATE_MINUTES
    )
    state = fields.Selection(
        STATE_SELECTION, required=True, default="draft", readonly=True, tracking=True
    )
    sent_date = fields.Datetime(readonly=True, copy=False, index=True)
    reply_deadline = fields.Datetime(compute="_compute_deadlines", store=True)
    escalation_deadline = fields.Datetime(
        compute="_compute_deadlines", store=True, string="Level One Deadline"
    )
    escalation_stage = fields.Selection(
        ESCALATION_SELECTION, default="none", readonly=True, copy=False
    )
    recipient_ids = fields.One2many(
        "party.notice.recipient", "notice_id", string="Recipients", readonly=True
    )
    recipient_count = fields.Integer(compute="_compute_figures")
    confirmed_count = fields.Integer(compute="_compute_figures", string="Confirmed")
    pending_count = fields.Integer(compute="_compute_figures", string="Not Yet")
    hand_count = fields.Integer(compute="_compute_figures", string="To Deliver by Hand")
    completion_rate = fields.Float(
        compute="_compute_figures", string="Completion (%)", digits=(16, 1)
    )
    my_recipient_id = fields.Many2one(
        "party.notice.recipient", compute="_compute_my_recipient_id"
    )
    my_state = fields.Selection(
        [("pending", "To Confirm"), ("confirmed", "Confirmed")],
        compute="_compute_my_recipient_id",
        string="My Confirmation",
    )
    active = fields.Boolean(default=True)

    @api.depends("sent_date", "reply_minutes", "escalate_minutes", "needs_reply")
    def _compute_deadlines(self):
        for notice in self:
            if notice.sent_date and notice.needs_reply:
                notice.reply_deadline = notice.sent_date + timedelta(
                    minutes=notice.reply_minutes
                )
                notice.escalation_deadline = notice.reply_deadline + timedelta(
                    minutes=notice.escalate_minutes
                )
            else:
                notice.reply_deadline = False
                notice.escalation_deadline = False

    def _compute_figures(self):
        groups = self.env["party.notice.recipient"]._read_group(
            [("notice_id", "in", self._origin.ids)],
            ["notice_id", "state", "way"],
            ["__count"],
        )
        counts = defaultdict(lambda: defaultdict(int))
        for notice, state, way, count in groups:
            counts[notice.id][state] += count
            counts[notice.id]["total"] += count
            if state == "pending" and way == "hand":
                counts[notice.id]["hand"] += count
        for notice in self:
            count = counts[notice._origin.id]
            notice.recipient_count = count["total"]
            notice.confirmed_count = count["confirmed"]
            notice.pending_count = count["pending"]
            notice.hand_count = count["hand"]
            notice.completion_rate = (
                100.0 * count["confirmed"] / count["total"] if count["total"] else 0.0
            )

    @api.depends_context("uid")
    def _compute_my_recipient_id(self):
        lines = self.env["party.notice.recipient"].search(
            [
                ("notice_id", "in", self._origin.ids),
                ("partner_id", "=", self.env.user.partner_id.id),
            ]
        )
        by_notice = {line.notice_id.id: line for line in lines}
        for notice in self:
            line = by_notice.get(notice._origin.id)
            notice.my_recipient_id = line
            notice.my_state = line.state if line else False

    @api.constrains("needs_reply", "reply_minutes", "escalate_minutes")
    def _check_minutes(self):
        for notice in self:
            if notice.needs_reply and (
                notice.reply_minutes <= 0 or notice.escalate_minutes <= 0
            ):
                raise ValidationError(
                    self.env._(
                        "Notice “%(notice)s” needs a reply: the time to reply and "
                        "the time before level one is told must be at least one "
                        "minute each.",
                        notice=notice.name,
                    )
                )

    def write(self, vals):
        locked = {"grid_id", "audience", "kind", "needs_reply", "reply_minutes"}
        if locked & set(vals) and any(n.state != "draft" for n in self):
            raise UserError(
                self.env._(
                    "A notice that has been sent keeps its recipients, audience and "
                    "time limits; write a new notice instead."
                )
            )
        res = super().write(vals)
        if "grid_id" in vals and not self.env.su:
            # notices are moved only within the grids the user manages
            self.check_access("write")
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        if any(notice.state != "draft" for notice in self):
            raise UserError(
                self.env._(
                    "A notice that has been sent has recipients and confirmations "
                    "and cannot be deleted. Archive it instead."
                )
            )

    # ------------------------------------------------------------------ actions
    def action_send(self):
        """Send the notice: one recipient line per person, each reached through
        the group of their grid, by e-mail, or marked for delivery by hand."""
        self.check_access("write")
        for notice in self:
            if notice.state != "draft":
                raise UserError(
                    self.env._(
                        "Notice “%(notice)s” has already been sent.", notice=notice.name
                    )
                )
        for notice in self:
            notice._send()
        return True

    def action_close(self):
        self.check_access("write")
        if any(notice.state != "sent" for notice in self):
            raise UserError(self.env._("Only a sent notice can be closed."))
        self.write({"state": "closed"})
        return True

    def action_confirm_mine(self):
        """The current user confirms their own line (read, or done)."""
        self.ensure_one()
        line = self.my_recipient_id
        if not line:
            raise UserError(
                self.env._("You are not among the recipients of this notice.")
            )
        return line.action_confirm()

    @api.readonly
    def action_view_recipients(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid_outreach.party_notice_recipient_action",
            domain=[("notice_id", "=", self.id)],
            context={"search_default_pending": 1},
        )

    # ---------------------------------------------------------------- sending
    def _target_members(self):
        """Party members the notice goes to (audience members / away)."""
        # sudo: the sender manages the grid (checked), so the whole subtree
        Member = self.env["party.member"].sudo()
        domain = [("grid_id", "child_of", self.grid_id.id)]
        if self.audience == "away":
            domain.append(("is_away", "=", True))
        return Member.search(domain, order="grid_id, id")

    def _target_lines(self):
        """Values (partner, member) of the recipients, before their way."""
        self.ensure_one()
        if self.audience == "channel":
            channel = self.grid_id.sudo().party_channel_id.sudo()
            if not channel:
                raise UserError(
                    self.env._(
                        "Grid “%(grid)s” has no group: set the tier of its level "
                        "and let the group tower synchronise first.",
                        grid=self.grid_id.complete_name,
                    )
                )
            partners = channel.channel_member_ids.partner_id
            members = (
                self.env["party.member"]
                .sudo()
                .search([("partner_id", "in", partners.ids)])
            )
            member_of = {member.partner_id.id: member for member in members}
            return [
                (partner, member_of.get(partner.id, members.browse()))
                for partner in partners
            ]
        # a member with a login is reached (and confirms) as that login
        return [
            (member.user_id.partner_id or member.partner_id, member)
            for member in self._target_members()
        ]

    def _send(self):
        self.ensure_one()
        targets = self._target_lines()
        if not targets:
            raise UserError(
                self.env._(
                    "Notice “%(notice)s” reaches nobody: the audience chosen has no "
                    "one in grid “%(grid)s”.",
                    notice=self.name,
                    grid=readable_name(self.env, self.grid_id, "complete_name"),
                )
            )
        # sudo: the sender manages the grid; the lines are written by the product
        Line = self.env["party.notice.recipient"].sudo()
        ways = self._delivery_ways(targets)
        vals_list = []
        for partner, member in targets:
            way, channel = ways[partner.id]
            vals_list.append(
                {
                    "notice_id": self.id,
                    "partner_id": partner.id,
                    "member_id": member.id or False,
                    "grid_id": (member.grid_id or self.grid_id).id,
                    "way": way,
                    "channel_id": channel.id if channel else False,
                }
            )
        lines = Line.create(vals_list)
        self.write({"state": "sent", "sent_date": fields.Datetime.now()})
        self._deliver(lines)

    def _delivery_ways(self, targets):
        """``{partner id: (way, channel)}``: letters to away members go by
        e-mail where it is known, else to the group; notices and material go
        to the group where the person is in it, else by e-mail; the others
        are delivered by hand."""
        partners = self.env["res.partner"].browse(p.id for p, _m in targets).sudo()
        # the group of each person: the nearest group above their grid that
        # they are a member of
        members = (
            self.env["discuss.channel.member"]
            .sudo()
            .search_fetch(
                [
                    ("partner_id", "in", partners.ids),
                    ("channel_id.party_grid_id", "!=", False),
                ],
                ["channel_id", "partner_id"],
            )
        )
        groups_of = defaultdict(dict)
        for row in members:
            groups_of[row.partner_id.id][row.channel_id.party_grid_id.id] = (
                row.channel_id
            )
        email_first = self.audience == "away" or self.kind == "letter"
        result = {}
        for partner, member in targets:
            grid = (member.grid_id or self.grid_id).sudo()
            path = [int(x) for x in (grid.parent_path or "").split("/") if x]
            channel = False
            if self.audience == "channel":
                channel = self.grid_id.sudo().party_channel_id
            else:
                for gid in reversed(path):
                    if gid in groups_of[partner.id]:
                        channel = groups_of[partner.id][gid]
                        break
            has_login = bool(partner.user_ids)
            in_group = bool(channel) and has_login
            if email_first and partner.email:
                result[partner.id] = ("email", False)
            elif in_group:
                result[partner.id] = ("channel", channel)
            elif partner.email:
                result[partner.id] = ("email", False)
            else:
                result[partner.id] = ("hand", False)
        return result

    def _deliver(self, lines):
        """Post once in each group concerned, and one e-mail message to those
        reached by e-mail; the lines keep the message that reached them."""
        self.ensure_one()
        author = (self.author_id or self.env.user).partner_id
        body = self._channel_body()
        by_channel = defaultdict(lambda: lines.browse())
        for line in lines.filtered(lambda line: line.way == "channel"):
            by_channel[line.channel_id] |= line
        for channel, channel_lines in by_channel.items():
            # sudo: the sender manages the subtree (checked) without being a
            # member of every group in it
            message = channel.sudo().message_post(
                body=body,
                author_id=author.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                attachment_ids=self.attachment_ids.ids,
            )
            channel_lines.write({"message_id": message.id})
        email_lines = lines.filtered(lambda line: line.way == "email")
        if email_lines:
            template = self.env.ref("party_grid_outreach.party_notice_mail_template")
            # sudo: the message goes to persons of the subtree (who may not be
            # followers the sender can read); the template renders this notice
            message = (
                self.sudo()
                .with_context(mail_notify_force_send=False)
                .message_post_with_source(
                    template,
                    message_type="comment",
                    subtype_xmlid="mail.mt_comment",
                    partner_ids=email_lines.partner_id.ids,
                    attachment_ids=self.attachment_ids.ids,
                )
            )
            email_lines.write({"message_id": message.id})
        hand = lines.filtered(lambda line: line.way == "hand")
        if hand:
            # sudo: a note by the sender, who may have no e-mail address
            self.sudo().message_post(
                author_id=author.id,
                body=self.env._(
                    "%(count)s recipients have neither a login nor an e-mail "
                    "address: deliver the notice by hand (上门送学) and record it on "
                    "their line.",
                    count=len(hand),
                ),
                message_type="notification",
                subtype_xmlid="mail.mt_note",
            )

    def _channel_body(self):
        title = dict(self._fields["kind"]._description_selection(self.env))[self.kind]
        parts = [Markup("<p><b>【%s】%s</b></p>") % (title, self.name)]
        if self.body:
            parts.append(Markup(self.body))
        if self.url:
            parts.append(Markup('<p><a href="%s">%s</a></p>') % (self.url, self.url))
        if self.needs_reply:
            parts.append(
                Markup("<p>%s</p>")
                % escape(
                    self.env._(
                        "Please confirm it is done within %(minutes)s minutes "
                        "(Party Grid › Outreach › My Notices).",
                        minutes=self.reply_minutes,
                    )
                )
            )
        return Markup("").join(parts)
