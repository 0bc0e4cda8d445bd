# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools
from odoo.tools import SQL

GAP_SELECTION = [
    ("member", "No Contact Member"),
    ("central", "No Central Household"),
    ("group", "No Party Group Head"),
    ("branch", "No Branch Committee Member"),
    ("township", "No Township Committee Member"),
]


class PartyContactChain(models.Model):
    """One row per household: who answers for it at each level of the contact
    pyramid, from its contact member up to the township committee (seed 004,
    一级联系一级). The whole chain of a township is one query."""

    _name = "party.contact.chain"
    _description = "Contact Chain of a Household"
    _auto = False
    _order = "township_id, village_id, group_id, household_id"
    _rec_name = "household_id"
    _depends = {
        "party.contact.link": [
            "partner_id",
            "level_code",
            "target_grid_id",
            "target_member_id",
            "active",
        ],
        "party.member": ["central_household_id"],
        "party.household": ["grid_id", "contact_member_id", "active"],
        "party.grid": ["parent_path", "parent_id", "org_type"],
        "res.partner": ["name"],
    }

    household_id = fields.Many2one("party.household", readonly=True)
    grid_id = fields.Many2one("party.grid", readonly=True)
    township_id = fields.Many2one("party.grid", readonly=True)
    village_id = fields.Many2one("party.grid", readonly=True)
    group_id = fields.Many2one("party.grid", string="Party Group", readonly=True)
    contact_member_id = fields.Many2one("party.member", readonly=True)
    central_id = fields.Many2one(
        "party.member", string="Central Household", readonly=True
    )
    group_head_names = fields.Char(string="Party Group Heads", readonly=True)
    branch_names = fields.Char(string="Branch Committee Members", readonly=True)
    general_branch_names = fields.Char(
        string="General Branch Committee Members", readonly=True
    )
    township_names = fields.Char(string="Township Committee Members", readonly=True)
    gap = fields.Selection(
        GAP_SELECTION,
        string="First Gap",
        readonly=True,
        help="The lowest level at which nobody answers for the household yet.",
    )

    def _query(self):
        return SQL(
            """
            WITH anc AS (
                SELECT g.id AS grid_id, a.anc_id::int AS anc_id
                  FROM party_grid g,
                       unnest(string_to_array(rtrim(g.parent_path, '/'), '/'))
                           AS a(anc_id)
            ),
            grid_links AS (
                SELECT anc.grid_id, l.level_code,
                       string_agg(DISTINCT p.name, '、') AS names
                  FROM anc
                  JOIN party_contact_link l
                    ON l.target_grid_id = anc.anc_id AND l.active
                  JOIN res_partner p ON p.id = l.partner_id
                 GROUP BY anc.grid_id, l.level_code
            ),
            heads AS (
                SELECT l.target_member_id,
                       string_agg(DISTINCT p.name, '、') AS names
                  FROM party_contact_link l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.active AND l.level_code = 'group'
                 GROUP BY l.target_member_id
            ),
            places AS (
                SELECT anc.grid_id,
                       (array_agg(a.id ORDER BY length(a.parent_path) DESC)
                           FILTER (WHERE a.org_type = 'committee'
                                   AND a.parent_id IS NOT NULL))[1] AS township_id,
                       (array_agg(a.id ORDER BY length(a.parent_path))
                           FILTER (WHERE a.org_type IN ('general_branch', 'branch')))[1]
                           AS village_id,
                       (array_agg(a.id ORDER BY length(a.parent_path) DESC)
                           FILTER (WHERE a.org_type = 'group'))[1] AS group_id
                  FROM anc
                  JOIN party_grid a ON a.id = anc.anc_id
                 GROUP BY anc.grid_id
            )
            SELECT h.id, h.id AS household_id, h.grid_id,
                   pl.township_id, pl.village_id, pl.group_id,
                   h.contact_member_id, m.central_household_id AS central_id,
                   hd.names AS group_head_names,
                   br.names AS branch_names,
                   gb.names AS general_branch_names,
                   tw.names AS township_names,
                   CASE WHEN h.contact_member_id IS NULL THEN 'member'
                        WHEN m.central_household_id IS NULL THEN 'central'
                        WHEN hd.names IS NULL THEN 'group'
                        WHEN pl.group_id IS NOT NULL AND br.names IS NULL
                            THEN 'branch'
                        WHEN pl.village_id IS NOT NULL AND tw.names IS NULL
                            THEN 'township'
                   END AS gap
              FROM party_household h
              LEFT JOIN party_member m ON m.id = h.contact_member_id
              LEFT JOIN places pl ON pl.grid_id = h.grid_id
              LEFT JOIN heads hd ON hd.target_member_id = m.central_household_id
              LEFT JOIN grid_links br
                     ON br.grid_id = h.grid_id AND br.level_code = 'branch'
              LEFT JOIN grid_links gb
                     ON gb.grid_id = h.grid_id AND gb.level_code = 'general_branch'
              LEFT JOIN grid_links tw
                     ON tw.grid_id = h.grid_id AND tw.level_code = 'township'
             WHERE h.active
            """
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
