# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .party_ticket import SATISFACTION_SELECTION

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

    def _op_submit(self, resolution):
        """办结: the handling level records the result, which the receiving
        level verifies. The ticket counts as resolved at this level."""
        self.ensure_one()
        self._check_open()
        if self.stage_code == "verify":
            raise UserError(
                self.env._("The result is already waiting for verification.")
            )
        if self.office_id:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s is still with %(office)s.",
                    ticket=self.name,
                    office=self.office_id.name,
                )
            )
        if self.user_id != self.env.user:
            self._check_covers(self.grid_id, self.env._("submit the result of"))
        resolution = self._require(
            resolution, self.env._("Describe how the matter was resolved.")
        )
        grid = self.grid_id.sudo()
        self._apply(
            "submit",
            {
                "stage_id": self._get_stage("verify").id,
                "resolution": resolution,
                "resolved_grid_id": grid.id,
                "resolved_level_id": grid.level_id.id,
            },
            resolution,
        )
        return True

    def action_verify(self):
        """核查: the receiving level checks the result on the spot."""
        self.ensure_one()
        if self.stage_code != "verify":
            raise UserError(self.env._("Only a submitted result can be verified."))
        self._check_covers(self.origin_grid_id, self.env._("verify"))
        self._check_not_own_work(self.env._("verify"))
        self._apply("verify", {"is_verified": True, "verified_user_id": self.env.uid})
        return True

    def _op_close(self, resolution, feedback):
        """结案: close with the resolution and the feedback given to the
        requester; the return visit follows."""
        self.ensure_one()
        if self.stage_code != "verify" or not self.is_verified:
            raise UserError(
                self.env._(
                    "Ticket %(ticket)s must be verified by the receiving level "
                    "before it is closed.",
                    ticket=self.name,
                )
            )
        if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
            self._check_covers(self.origin_grid_id, self.env._("close"))
        resolution = self._require(
            resolution or self.resolution,
            self.env._("A ticket cannot be closed without its resolution."),
        )
        feedback = self._require(
            feedback,
            self.env._(
                "Say what feedback was given to the requester: a ticket cannot "
                "be closed without it."
            ),
        )
        now = fields.Datetime.now()
        self._apply(
            "close",
            {
                "stage_id": self._get_stage("done").id,
                "resolution": resolution,
                "feedback": feedback,
                "feedback_date": now,
                "date_closed": now,
            },
            feedback,
        )
        return True

    def _op_reject(self, reason, feedback):
        """不予办理: with the reason, told to the requester."""
        self.ensure_one()
        self._check_open()
        self._check_covers(self.grid_id, self.env._("reject"))
        reason = self._require(
            reason,
            self.env._(
                "Say why the matter cannot be done: the requester must be told "
                "the reason."
            ),
        )
        feedback = self._require(
            feedback,
            self.env._("Say how the reason was told to the requester."),
        )
        now = fields.Datetime.now()
        grid = self.grid_id.sudo()
        self._apply(
            "reject",
            {
                "stage_id": self._get_stage("rejected").id,
                "handling_type": "reject",
                "reject_reason": reason,
                "feedback": feedback,
                "feedback_date": now,
                "date_closed": now,
                "resolved_grid_id": grid.id,
                "resolved_level_id": grid.level_id.id,
            },
            reason,
        )
        return True

    def _op_return_visit(self, satisfaction, comment=None):
        """回访: the requester's satisfaction closes the ticket."""
        self.ensure_one()
        if self.stage_code != "done":
            raise UserError(
                self.env._("Only closed tickets awaiting a return visit get one.")
            )
        if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
            self._check_covers(self.origin_grid_id, self.env._("return-visit"))
        self._check_not_own_work(self.env._("return-visit"))
        if satisfaction not in dict(SATISFACTION_SELECTION):
            raise UserError(self.env._("Record the requester's satisfaction."))
        self._apply(
            "return_visit",
            {
                "stage_id": self._get_stage("closed").id,
                "satisfaction": satisfaction,
                "satisfaction_comment": comment,
                "date_return_visit": fields.Datetime.now(),
            },
            comment,
        )
        return True

    def _op_reopen(self, reason):
        """返工: the requester says the fix did not hold."""
        self.ensure_one()
        if self.stage_code not in ("done", "closed") or self.merged_into_id:
            raise UserError(self.env._("Only closed tickets are reopened."))
        if not (self._covers(self.origin_grid_id) or self._covers(self.grid_id)):
            self._check_covers(self.grid_id, self.env._("reopen"))
        reason = self._require(reason, self.env._("Say why the ticket is reopened."))
        self._apply(
            "reopen",
            {
                "stage_id": self._get_stage("in_progress").id,
                "reopen_count": self.reopen_count + 1,
                "is_verified": False,
                "verified_user_id": False,
                "resolved_grid_id": False,
                "resolved_level_id": False,
                "date_closed": False,
                "satisfaction": False,
                "satisfaction_comment": False,
            },
            reason,
            moved=True,
        )
        return True

    @api.readonly
    def action_open_wizard(self):
        """Open the operation wizard for the operation in the context."""
        self.ensure_one()
        operation = self.env.context.get("party_ticket_wizard_operation")
        operations = dict(self.env["party.ticket.log"]._fields["operation"].selection)
        if operation not in operations:
            raise UserError(self.env._("Choose the operation to carry out."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_grid.party_ticket_wizard_action"
        )
        action["name"] = self._operation_label(operation)
        action["context"] = {
            "default_ticket_id": self.id,
            "default_operation": operation,
            "default_resolution": self.resolution,
        }
        return action

    @api.readonly
    def action_view_log(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "party_grid.party_ticket_log_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        return action
