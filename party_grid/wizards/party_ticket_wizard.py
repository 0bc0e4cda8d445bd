# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..models.party_ticket import CARD_SELECTION, SATISFACTION_SELECTION
from ..models.party_ticket_operation import OPERATIONS, WIZARD_SELECTION


class PartyTicketWizard(models.TransientModel):
    """One small form for the ticket operations that need a reason, a
    target or an outcome."""

    _name = "party.ticket.wizard"
    _description = "Ticket Operation"

    ticket_id = fields.Many2one("party.ticket", required=True)
    operation = fields.Selection(WIZARD_SELECTION, required=True)
    ticket_grid_id = fields.Many2one(related="ticket_id.grid_id", string="Current Grid")
    target_grid_id = fields.Many2one("party.grid", string="To Grid")
    target_user_id = fields.Many2one("res.users", string="To Person")
    office_id = fields.Many2one("party.ticket.office")
    original_id = fields.Many2one("party.ticket", string="Original Ticket")
    deadline = fields.Datetime(string="New Deadline")
    card = fields.Selection(
        [c for c in CARD_SELECTION if c[0] != "none"], default="yellow"
    )
    reason = fields.Text(string="Why")
    resolution = fields.Text()
    feedback = fields.Text(string="Feedback to Requester")
    satisfaction = fields.Selection(SATISFACTION_SELECTION)
    missing_documents = fields.Text(
        help="All the documents the requester must still bring, told once."
    )
    # the fields the operation asks for and requires, from the table of
    # operations, as |name|name|: the form shows and requires those
    input_fields = fields.Char(compute="_compute_inputs")
    required_fields = fields.Char(compute="_compute_inputs")

    allowed_grid_ids = fields.Many2many(
        "party.grid",
        compute="_compute_allowed_grid_ids",
        help="The grids the operation accepts: below the ticket's grid for a "
        "hand-over, above it for a report.",
    )
    allowed_user_ids = fields.Many2many(
        "res.users",
        compute="_compute_allowed_user_ids",
        help="The people who work on the target grid within the ticket's subtree.",
    )

    @api.depends("operation", "ticket_id")
    def _compute_allowed_grid_ids(self):
        Grid = self.env["party.grid"]
        for wizard in self:
            ticket = wizard.ticket_id
            # sudo: the ticket's grid chain, whose names the pickers show; the
            # operation checks the user's scope when it is confirmed
            grid = ticket.grid_id.sudo()
            if not grid or wizard.operation not in ("assign", "report"):
                grids = Grid
            elif wizard.operation == "assign":
                grids = Grid.search([("id", "child_of", grid.id)])
            elif ticket.category_id.allow_skip_level:
                grids = Grid.sudo().search(
                    [("id", "parent_of", grid.id), ("id", "!=", grid.id)]
                )
            else:
                grids = grid.parent_id
            # offered are only the grids the user may see (empty: the parent)
            wizard.allowed_grid_ids = grids.sudo(False)._filtered_access("read")

    @api.depends("operation", "ticket_id", "target_grid_id")
    def _compute_allowed_user_ids(self):
        Users = self.env["res.users"]
        for wizard in self:
            ticket = wizard.ticket_id
            top = ticket.grid_id
            target = wizard.target_grid_id or top
            if wizard.operation != "assign" or not top:
                wizard.allowed_user_ids = Users
                continue
            # sudo: who works on the grids between the ticket's grid and the
            # target (the same rule as the hand-over's own check)
            chain = (
                self.env["party.grid"]
                .sudo()
                .search([("id", "child_of", top.id), ("id", "parent_of", target.id)])
            )
            roles = (
                self.env["party.grid.role"]
                .sudo()
                .search([("grid_id", "in", chain.ids)])
            )
            candidates = (
                chain.head_id
                | chain.deputy_ids
                | chain.instructor_ids
                | roles.user_id
                | Users.sudo().search([("party_grid_extra_ids", "in", chain.ids)])
            )
            wizard.allowed_user_ids = candidates.filtered(
                lambda user, ticket=ticket, target=target, top=top: (
                    user.active and ticket._works_within(user, target, top)
                )
            ).sudo(False)

    @api.depends("operation")
    def _compute_inputs(self):
        for wizard in self:
            op = OPERATIONS.get(wizard.operation)
            inputs = op.inputs if op else ()
            required = [name for name in (op.required if op else ()) if name in inputs]
            wizard.input_fields = f"|{'|'.join(inputs)}|"
            wizard.required_fields = f"|{'|'.join(required)}|"

    def action_confirm(self):
        self.ensure_one()
        ticket = self.ticket_id
        self._run_operation()
        ticket.invalidate_recordset()
        if not ticket._filtered_access("read"):
            # the ticket has left the user's grids (e.g. an office gave it
            # back): back to the board rather than a form they may not read
            return self.env["ir.actions.act_window"]._for_xml_id(
                "party_grid.party_ticket_action"
            )
        return {"type": "ir.actions.act_window_close"}

    def _run_operation(self):
        op = OPERATIONS[self.operation]
        self.ticket_id._run_operation(
            op.code, **{fname: self[fname] for fname in op.inputs}
        )
