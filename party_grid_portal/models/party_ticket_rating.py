# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.party_grid.models.party_ticket import (  # pylint: disable=import-error
    SATISFACTION_SELECTION,
)

# the three grades of the return visit on core rating's scale (rating_data:
# 5 = satisfied, 3 = okay, 1 = dissatisfied)
SATISFACTION_RATING = {"satisfied": 5, "basic": 3, "unsatisfied": 1}
COMMENT_MAX = 500


class PartyTicket(models.Model):
    """The return visit's satisfaction (回访) is also a core ``rating`` of
    the ticket, whether a grid worker records it or the resident gives it
    on the tracking page."""

    _name = "party.ticket"
    _inherit = ["rating.mixin", "party.ticket"]

    # precomputed (0 for a new ticket): a new ticket is inserted with it,
    # not updated right after
    rating_last_value = fields.Float(
        compute="_compute_rating_last_value", store=True, precompute=True
    )

    def _op_return_visit(self, satisfaction, comment=None):
        res = super()._op_return_visit(satisfaction, comment)
        # sudo: users have no create right on ratings; super() checked that
        # this user may give the return visit of this ticket
        self.env["rating.rating"].sudo().create(
            {
                "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": self.id,
                "partner_id": self.partner_id.id,
                "rated_partner_id": self.sudo().user_id.partner_id.id,
                "rating": SATISFACTION_RATING[satisfaction],
                "feedback": comment,
                "consumed": True,
                "is_internal": False,
            }
        )
        return res

    def _portal_rate(self, satisfaction, comment):
        """The resident's own return visit, on the tracking page. ``self``
        is sudo: the caller checked the ticket's access token."""
        self.ensure_one()
        assert self.env.su, "called by the portal after the token check"
        if self.stage_code != "done":
            raise UserError(self.env._("This request is not waiting for your rating."))
        if satisfaction not in dict(SATISFACTION_SELECTION):
            raise UserError(self.env._("Choose how satisfied you are."))
        comment = (comment or "").strip()
        if len(comment) > COMMENT_MAX:
            raise UserError(
                self.env._("Keep the comment to %(max)s characters.", max=COMMENT_MAX)
            )
        if satisfaction == "unsatisfied" and not comment:
            raise UserError(
                self.env._(
                    "Tell the grid what is still wrong, so that it can be redone."
                )
            )
        self._op_return_visit(
            satisfaction,
            self.env._("Rated by the resident online: %(comment)s", comment=comment)
            if comment
            else self.env._("Rated by the resident online."),
        )
        if satisfaction == "unsatisfied":
            self._notify_user(
                self.origin_grid_id._portal_head() or self.grid_id._portal_head(),
                self.env._(
                    "Resident unsatisfied with %(ticket)s: decide whether to "
                    "reopen it.",
                    ticket=self.name,
                ),
            )
        return True

    @api.model
    def _portal_rating_labels(self):
        return dict(self._fields["satisfaction"]._description_selection(self.env))
