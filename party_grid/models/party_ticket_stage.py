# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models, tools
from odoo.exceptions import UserError

STAGE_CODE_SELECTION = [
    ("new", "New"),
    ("accepted", "Accepted"),
    ("in_progress", "In Progress"),
    ("verify", "To Verify"),
    ("done", "Done, Awaiting Return Visit"),
    ("closed", "Closed"),
    ("rejected", "Cannot Be Done"),
    ("parked", "Parked"),
]


class PartyTicketStage(models.Model):
    _name = "party.ticket.stage"
    _inherit = ["party.config.cache"]
    _description = "Ticket Stage"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    code = fields.Selection(
        STAGE_CODE_SELECTION,
        required=True,
        help="What the stage means to the handling operations (claim, close, "
        "return visit…), which move tickets to the first stage of a kind.",
    )
    fold = fields.Boolean(
        string="Folded in Kanban", help="Finished stages are folded on the board."
    )
    is_closed = fields.Boolean(
        string="Concluded",
        help="Tickets in this stage have an outcome (done, closed or cannot be "
        "done): they count as concluded and get no deadline reminders.",
    )
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)

    @api.model
    @tools.ormcache("code")
    def _stage_id_of(self, code):
        """The id of the first active stage of ``code``, or 0. Cached: every
        ticket operation asks for it, and the stages are configuration (the
        cache is cleared when a stage is created, changed or deleted)."""
        # sudo: the stages are configuration every ticket operation moves to
        return (
            self.sudo()
            .with_context(active_test=True)
            .search([("code", "=", code)], limit=1)
            .id
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        tickets = self.env["party.ticket"].sudo().with_context(active_test=False)
        # sudo: records of every grid count, none is named
        if tickets.search_count([("stage_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "This stage holds tickets "
                    "and cannot be deleted; archive it instead."
                )
            )
