# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Grids that existed before the addon get their own QR token (a column
    default would give all of them the same one)."""
    grids = (
        env["party.grid"]
        .with_context(active_test=False)
        .search([("portal_token", "=", False)])
    )
    grids._portal_reset_token()
