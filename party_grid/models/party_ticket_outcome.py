# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .party_grid_tools import window_action
from .party_ticket import SATISFACTION_SELECTION
from .party_ticket_operation import OPERATIONS

PARAM_SELF_VERIFY = "party_grid.ticket_allow_self_verify"


class PartyTicket(models.Model):
    """The outcome of a ticket: result, verification, closing, rejection,
    return visit and reopening."""

    _inherit = "party.ticket"

    def _check_not_own_work(self, what):
        """Verification and the return visit are done by someone other than
        the person who handled the ticket (DESIGN.md §4), unless the county
        allows it in the settings."""
        params = self.env["ir.config_parameter"].sudo()
        if self.env.su or params.get_param(PARAM_SELF_VERIFY):
            return
        # sudo: who submitted the result, from the handling log, to compare
        submitters = (
            self.env["party.ticket.log"]
            .sudo()
            .search([("ticket_id", "=", self.id), ("operation", "=", "submit")])
            .user_id
        )
        if self.env.user in (submitters | self.sudo().user_id):
            raise UserError(
                self.env._(
                    "You handled ticket %(ticket)s yourself: someone else of the "
                    "receiving level must %(what)s it.",
                    ticket=self.name,
                    what=what,
                )
            )

    def _ready_submit(self):
        if self.stage_code == "verify":
            return self.env._("The result is already waiting for verification.")
        if self.date_waiting:
            return self.env._(
                "Ticket %(ticket)s is waiting for the requester's documents: "
                "record them as received first.",
                ticket=self.name,
            )
        if self.office_id:
            return self.env._(
                "Ticket %(ticket)s is still with %(office)s.",
                ticket=self.name,
                office=self.office_id.sudo().name,
            )
        return None

    def _op_submit(self, resolution):
        return self._run_operation("submit", resolution=resolution)

    def _do_submit(self, resolution=None):
        """办结: the handling level records the result, which the receiving
        level verifies. The ticket counts as resolved at this level."""
        grid = self.grid_id.sudo()
        return {
            "stage_id": self._get_stage("verify").id,
            "resolution": resolution,
            "resolved_grid_id": grid.id,
            "resolved_level_id": grid.level_id.id,
        }

    def _ready_verify(self):
        if self.is_verified:
            return self.env._("The result of this ticket is already verified.")
        return None

    def action_verify(self):
        """核查: the receiving level checks the result on the spot."""
        return self._run_operation("verify")

    def _do_verify(self):
        return {"is_verified": True, "verified_user_id": self.env.uid}

    def _ready_close(self):
        if not self.is_verified:
            return self.env._(
                "Ticket %(ticket)s must be verified by the receiving level "
                "before it is closed.",
                ticket=self.name,
            )
        return None

    def _op_close(self, resolution, feedback):
        return self._run_operation("close", resolution=resolution, feedback=feedback)

    def _do_close(self, resolution=None, feedback=None):
        """结案: close with the resolution and the feedback given to the
        requester; the return visit follows."""
        resolution = self._require(
            resolution or self.resolution,
            self.env._("A ticket cannot be closed without its resolution."),
        )
        now = fields.Datetime.now()
        return {
            "stage_id": self._get_stage("done").id,
            "resolution": resolution,
            "feedback": feedback,
            "feedback_date": now,
            "date_closed": now,
        }

    def _op_reject(self, reason, feedback):
        return self._run_operation("reject", reason=reason, feedback=feedback)

    def _do_reject(self, reason=None, feedback=None):
        """不予办理: with the reason, told to the requester."""
        now = fields.Datetime.now()
        grid = self.grid_id.sudo()
        return {
            "stage_id": self._get_stage("rejected").id,
            "handling_type": "reject",
            "reject_reason": reason,
            "feedback": feedback,
            "feedback_date": now,
            "date_closed": now,
            "resolved_grid_id": grid.id,
            "resolved_level_id": grid.level_id.id,
        }

    def _op_return_visit(self, satisfaction, comment=None):
        return self._run_operation(
            "return_visit", satisfaction=satisfaction, reason=comment
        )

    def _do_return_visit(self, satisfaction=None, reason=None):
        """回访: the requester's satisfaction closes the ticket."""
        if satisfaction not in dict(SATISFACTION_SELECTION):
            raise UserError(self.env._("Record the requester's satisfaction."))
        return {
            "stage_id": self._get_stage("closed").id,
            "satisfaction": satisfaction,
            "satisfaction_comment": reason,
            "date_return_visit": fields.Datetime.now(),
        }

    def _ready_reopen(self):
        if self.merged_into_id:
            return self.env._("Only closed tickets are reopened.")
        return None

    def _op_reopen(self, reason):
        return self._run_operation("reopen", reason=reason)

    def _do_reopen(self, reason=None):
        """返工: the requester says the fix did not hold."""
        return {
            "stage_id": self._get_stage("in_progress").id,
            "reopen_count": self.reopen_count + 1,
            "is_verified": False,
            "verified_user_id": False,
            "resolved_grid_id": False,
            "resolved_level_id": False,
            "date_closed": False,
            "satisfaction": False,
            "satisfaction_comment": False,
        }

    @api.readonly
    def action_open_wizard(self):
        """Open the operation wizard for the operation in the context."""
        self.ensure_one()
        operation = self.env.context.get("party_ticket_wizard_operation")
        op = OPERATIONS.get(operation)
        if not op or not op.inputs:
            raise UserError(self.env._("Choose the operation to carry out."))
        # the wizard opens only for what the user may do now; it checks again
        # when confirmed
        refusal = self._operation_refusal(op)
        if refusal:
            raise UserError(refusal)
        return window_action(
            self.env,
            "party_grid.party_ticket_wizard_action",
            name=dict(self._fields["main_operation"]._description_selection(self.env))[
                operation
            ],
            context={
                "default_ticket_id": self.id,
                "default_operation": operation,
                "default_resolution": self.resolution,
            },
        )

    @api.readonly
    def action_view_log(self):
        self.ensure_one()
        return window_action(
            self.env,
            "party_grid.party_ticket_log_action",
            domain=[("ticket_id", "=", self.id)],
        )
