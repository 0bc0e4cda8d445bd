# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models
from odoo.exceptions import AccessError, UserError

from .party_ticket import (
    OPERATION_STAGES,
    PROTECTED_FIELDS,
)


class PartyTicket(models.Model):
    """What a user may write on a ticket without an operation: the checks of
    create and write (operation fields, scope, readable links)."""

    _inherit = "party.ticket"

    @api.model
    def _party_protected_fields(self):
        """Fields that only the product's own code sets, never a client's
        create or write (addons add theirs)."""
        return PROTECTED_FIELDS

    @api.model
    def _check_create_vals(self, vals_list):
        """What a user (not the operations) may put in a new ticket: no
        operation field, a grid they work on, an assignee who works there,
        a household and requester they may read."""
        Stage = self.env["party.ticket.stage"]
        protected = self._party_protected_fields()
        for vals in vals_list:
            forged = {
                fname
                for fname in protected & set(vals)
                if not (fname == "active" and vals[fname])
                and not (fname == "name" and vals[fname] in ("/", False))
            }
            if forged:
                self._raise_protected(forged)
            if vals.get("stage_id"):
                stage = Stage.browse(vals["stage_id"]).exists()
                if not stage or stage.code in OPERATION_STAGES:
                    raise UserError(
                        self.env._(
                            "A new ticket starts as received, accepted or in "
                            "progress; it is verified, closed, rejected or parked "
                            "later with its buttons."
                        )
                    )
            grid = self.env["party.grid"].browse(vals.get("grid_id") or ()).exists()
            if grid and not self._covers(grid):
                raise UserError(
                    self.env._(
                        "You can only register tickets in the grids you work on "
                        "(or below them)."
                    )
                )
            user = self.env["res.users"].browse(vals.get("user_id") or ()).exists()
            if user and grid and not self._covers(grid, user):
                raise UserError(
                    self.env._(
                        "%(user)s does not work on this ticket's grid: choose an "
                        "assignee of the grid, or leave the ticket unassigned for "
                        "the grid to claim.",
                        user=user.sudo().name,
                    )
                )
            self._check_links_readable(vals)

    def _check_links_readable(self, vals):
        """The household and requester of a ticket must be records the user
        may read: their names and phones are copied onto the ticket."""
        for model, fname in (
            ("party.household", "household_id"),
            ("res.partner", "partner_id"),
            ("party.ticket.office", "office_id"),
        ):
            record = self.env[model].browse(vals.get(fname) or ())
            if not record:
                continue
            if not record.exists():
                raise UserError(self.env._("The record chosen no longer exists."))
            try:
                record.check_access("read")
            except AccessError:
                raise UserError(
                    self.env._(
                        "You may only link a household or a requester that you "
                        "can see in your grids."
                    )
                ) from None

    def _raise_protected(self, fnames):
        labels = sorted(
            self._fields[fname]._description_string(self.env) for fname in fnames
        )
        raise UserError(
            self.env._(
                "%(fields)s of a ticket are set by its handling operations (claim, "
                "submit, verify, close, return visit, supervise, extend…) and "
                "cannot be entered or changed directly.",
                fields="、".join(labels),
            )
        )
