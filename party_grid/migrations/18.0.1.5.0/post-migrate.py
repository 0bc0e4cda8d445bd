# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""18.0.1.5.0: the record rules of households, visits and tickets test the
scope's subtrees as grid ids and the user's member records as ids (one indexed
condition each, so that their OR is an index scan); the rules are noupdate,
so an existing database gets the new domains here."""

from odoo import SUPERUSER_ID, api

from odoo.addons.party_grid.models.party_visit import duty_month_start, duty_today

TREE = "user.party_grid_subtree_ids.ids"
MEMBERS = "user.party_grid_member_ids.ids"
IN_TREE = f"('grid_id', 'in', {TREE})"
DOMAINS = {
    "party_household_rule_worker": f"[{IN_TREE}]",
    "party_household_rule_instructor": f"[{IN_TREE}]",
    "party_household_rule_own": f"[('contact_member_id', 'in', {MEMBERS})]",
    "party_ticket_rule_worker": (
        f"['|', '|', {IN_TREE}, ('origin_grid_id', 'in', {TREE}), "
        "('user_id', '=', user.id)]"
    ),
    "party_ticket_rule_instructor": (
        f"['|', {IN_TREE}, ('origin_grid_id', 'in', {TREE})]"
    ),
    "party_visit_rule_worker": (
        f"['|', ('member_id', 'in', {MEMBERS}), "
        f"'&', ('create_uid', '=', user.id), {IN_TREE}]"
    ),
    "party_visit_rule_head": f"[{IN_TREE}]",
    "party_visit_rule_instructor": f"[{IN_TREE}]",
}


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid, domain in DOMAINS.items():
        rule = env.ref(f"party_grid.{xmlid}", raise_if_not_found=False)
        if rule:
            rule.domain_force = domain
    # the contact-duty roll-up of the current month (the earlier months are
    # built by whoever needs them: env["party.grid.duty.month"]._rebuild_month)
    month = duty_month_start(duty_today())
    env["party.grid.duty.month"]._rebuild_month(month)
