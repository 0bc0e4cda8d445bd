# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from ..models.party_contact_level import LEVEL_INDEX, LEVEL_SELECTION

LOAD_STATE_SELECTION = [
    ("low", "Too Few"),
    ("ok", "Within the Norm"),
    ("high", "Too Many"),
]


class PartyContactLoad(models.Model):
    """Each person's load at each level of the contact pyramid against the
    level's norm: the links they make (party.contact.link), the members a
    central household coordinates and the households a member contacts (both
    from party_grid's register)."""

    _name = "party.contact.load"
    _description = "Contact Pyramid Load"
    _auto = False
    _order = "level_sequence, grid_id, partner_id"
    _rec_name = "partner_id"
    _depends = {
        "party.contact.link": [
            "partner_id",
            "level_id",
            "member_id",
            "target_grid_id",
            "active",
        ],
        "party.contact.level": ["code", "sequence", "min_load", "max_load"],
        "party.member": [
            "partner_id",
            "grid_id",
            "active",
            "status",
            "is_central_household",
            "central_household_id",
        ],
        "party.household": ["contact_member_id", "active"],
        "party.grid": ["parent_id"],
    }

    level_id = fields.Many2one("party.contact.level", readonly=True)
    level_code = fields.Selection(LEVEL_SELECTION, readonly=True)
    level_sequence = fields.Integer(readonly=True)
    partner_id = fields.Many2one("res.partner", string="Person", readonly=True)
    member_id = fields.Many2one("party.member", string="Party Member", readonly=True)
    grid_id = fields.Many2one("party.grid", readonly=True)
    load_count = fields.Integer(string="Load", readonly=True, aggregator="sum")
    min_load = fields.Integer(string="Minimum", readonly=True, aggregator=False)
    max_load = fields.Integer(string="Maximum", readonly=True, aggregator=False)
    state = fields.Selection(
        LOAD_STATE_SELECTION, string="Against the Norm", readonly=True
    )

    def _query(self):
        index = SQL(
            "CASE lv.code %s ELSE 9 END",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", code, idx) for code, idx in LEVEL_INDEX.items()
            ),
        )
        return SQL(
            """
            WITH loads AS (
                SELECT l.partner_id, l.level_id,
                       MIN(l.member_id) AS member_id,
                       COALESCE(MIN(m.grid_id), MIN(t.parent_id)) AS grid_id,
                       COUNT(*) AS load_count
                  FROM party_contact_link l
                  LEFT JOIN party_member m ON m.id = l.member_id
                  LEFT JOIN party_grid t ON t.id = l.target_grid_id
                 WHERE l.active
                 GROUP BY l.partner_id, l.level_id
                UNION ALL
                SELECT m.partner_id, lv.id, m.id, m.grid_id, COUNT(c.id)
                  FROM party_member m
                  JOIN party_contact_level lv ON lv.code = 'central'
                  LEFT JOIN party_member c
                         ON c.central_household_id = m.id AND c.active
                 WHERE m.active AND m.is_central_household
                 GROUP BY m.id, lv.id
                UNION ALL
                SELECT m.partner_id, lv.id, m.id, m.grid_id, COUNT(h.id)
                  FROM party_member m
                  JOIN party_contact_level lv ON lv.code = 'member'
                  LEFT JOIN party_household h
                         ON h.contact_member_id = m.id AND h.active
                 WHERE m.active AND m.status IN ('full', 'probationary')
                 GROUP BY m.id, lv.id
            )
            SELECT loads.partner_id * 10 + %(index)s AS id,
                   loads.level_id, lv.code AS level_code,
                   lv.sequence AS level_sequence,
                   loads.partner_id, loads.member_id, loads.grid_id,
                   loads.load_count, lv.min_load, lv.max_load,
                   CASE WHEN loads.load_count < lv.min_load THEN 'low'
                        WHEN loads.load_count > lv.max_load THEN 'high'
                        ELSE 'ok' END AS state
              FROM loads
              JOIN party_contact_level lv ON lv.id = loads.level_id
            """,
            index=index,
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                self._query(),
            )
        )
