# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

from ..models.party_ticket import CARD_SELECTION, SATISFACTION_SELECTION

WIZARD_OPERATION_SELECTION = [
    ("assign", "Assign Down"),
    ("report", "Report Upward"),
    ("office", "Hand to Office"),
    ("office_return", "Give Back from Office"),
    ("send_back", "Send Back"),
    ("extend_request", "Request Extension"),
    ("extend_refuse", "Refuse Extension"),
    ("supervise", "Supervise"),
    ("park", "Park"),
    ("merge", "Merge Duplicate"),
    ("submit", "Submit Result"),
    ("close", "Close with Feedback"),
    ("reject", "Cannot Be Done"),
    ("return_visit", "Return Visit"),
    ("reopen", "Reopen"),
]


class PartyTicketWizard(models.TransientModel):
    """One small form for the ticket operations that need a reason, a
    target or an outcome."""

    _name = "party.ticket.wizard"
    _description = "Ticket Operation"

    ticket_id = fields.Many2one("party.ticket", required=True)
    operation = fields.Selection(WIZARD_OPERATION_SELECTION, required=True)
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
        ticket = self.ticket_id
        op = self.operation
        if op == "assign":
            ticket._op_assign(self.target_grid_id, self.target_user_id, self.reason)
        elif op == "report":
            ticket._op_report(self.target_grid_id or None, self.reason)
        elif op == "office":
            ticket._op_office(self.office_id, self.reason)
        elif op == "office_return":
            ticket._op_office_return(self.reason)
        elif op == "send_back":
            ticket._op_send_back(self.reason)
        elif op == "extend_request":
            ticket._op_extend_request(self.deadline, self.reason)
        elif op == "extend_refuse":
            ticket._op_extend_refuse(self.reason)
        elif op == "supervise":
            ticket._op_supervise(self.card, self.reason)
        elif op == "park":
            ticket._op_park(self.reason)
        elif op == "merge":
            ticket._op_merge(self.original_id, self.reason)
        elif op == "submit":
            ticket._op_submit(self.resolution)
        elif op == "close":
            ticket._op_close(self.resolution, self.feedback)
        elif op == "reject":
            ticket._op_reject(self.reason, self.feedback)
        elif op == "return_visit":
            ticket._op_return_visit(self.satisfaction, self.reason)
        elif op == "reopen":
            ticket._op_reopen(self.reason)
        else:  # pragma: no cover - the selection lists every operation
            raise UserError(self.env._("Unknown operation."))
