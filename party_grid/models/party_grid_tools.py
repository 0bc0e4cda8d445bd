# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the models of the product."""


def readable_name(env, record, fname="display_name"):
    """The ``fname`` of ``record`` when the user of ``env`` may read the
    record, else a neutral phrase: an error message names only what the user
    could read anyway (no enumeration of other grids through errors)."""
    if not record:
        return "-"
    record = record.with_env(env)
    if env.su or record._filtered_access("read") == record:
        # sudo: the record is readable; its name may be a sudo-only compute
        return ", ".join(str(value) for value in record.sudo().mapped(fname))
    return env._("(outside your grids)")


def window_action(env, xmlid, **values):
    """The window action ``xmlid`` as the client reads it, with ``values``
    (``domain``, ``context``, ``name``…) set over those of its record: what a
    smart button opens."""
    action = env["ir.actions.act_window"]._for_xml_id(xmlid)
    action.update(values)
    return action
