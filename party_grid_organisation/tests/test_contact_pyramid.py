# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import OrganisationCommon


@tagged("post_install", "-at_install")
class TestContactPyramid(OrganisationCommon):
    def _build_chain(self):
        """V1's full chain for household H G1 a (contact member: Member G1)."""
        self.m_v1.is_central_household = True
        self.m_g1.central_household_id = self.m_v1
        self._link("township", self.cadre, self.v1)
        self._link("branch", self.m_v1, self.g1)
        self._link("group", self.m_g2, self.m_v1)

    def test_chain_of_a_household(self):
        self._build_chain()
        chain = self.env["party.contact.chain"].search(
            [("household_id", "=", self.h_g1a.id)]
        )
        self.assertEqual(chain.contact_member_id, self.m_g1)
        self.assertEqual(chain.central_id, self.m_v1)
        self.assertEqual(chain.group_head_names, "Member G2")
        self.assertEqual(chain.branch_names, "Member V1")
        self.assertEqual(chain.township_names, self.cadre.name)
        self.assertEqual((chain.township_id, chain.village_id), (self.t1, self.v1))
        self.assertEqual(chain.group_id, self.g1)
        self.assertFalse(chain.gap)
        # the household form shows the same chain
        self.assertEqual(self.h_g1a.chain_central_id, self.m_v1)
        self.assertEqual(self.h_g1a.chain_township_names, self.cadre.name)
        # the gaps: no contact member; a member without central household
        gaps = dict(
            self.env["party.contact.chain"]
            .search([("household_id", "in", (self.h_g1b | self.h_g2).ids)])
            .mapped(lambda c: (c.household_id, c.gap))
        )
        self.assertEqual(gaps, {self.h_g1b: "member", self.h_g2: "central"})
        self.assertEqual(self.h_g1b.chain_gap, "member")

    def test_archived_link_leaves_the_chain(self):
        self._build_chain()
        self.Link.search([("level_code", "=", "branch")]).active = False
        chain = self.env["party.contact.chain"].search(
            [("household_id", "=", self.h_g1a.id)]
        )
        self.assertFalse(chain.branch_names)
        self.assertEqual(chain.gap, "branch")

    def test_link_cannot_skip_a_level(self):
        cases = [
            ("township", self.cadre, self.g1),  # township → party group
            ("branch", self.m_v1, self.v2),  # branch member → village
            ("general_branch", self.m_v1, self.g1),  # no general branch above
        ]
        for code, person, target in cases:
            with self.assertRaisesRegex(ValidationError, "cannot skip a level"):
                self._link(code, person, target)
        # a party group head links only central households or model posts
        with self.assertRaisesRegex(ValidationError, "cannot skip a level"):
            self._link("group", self.m_g1, self.m_v1)
        # a branch committee member does not link a central household directly
        self.m_v1.is_central_household = True
        with self.assertRaisesRegex(ValidationError, "links an organisation"):
            self._link("branch", self.m_g1, self.m_v1)
        self.assertFalse(self._count("party.contact.link"))

    def test_general_branch_level(self):
        """A village general branch with grid party branches below it."""
        self.v1.org_type = "general_branch"
        grid_branch = self.env["party.grid"].create(
            {
                "name": "Grid branch",
                "parent_id": self.v1.id,
                "level_id": self.level_group.id,
                "org_type": "branch",
            }
        )
        link = self._link("general_branch", self.m_v1, grid_branch)
        self.assertEqual(link.grid_id, grid_branch)
        self.assertEqual(link.partner_id, self.m_v1.partner_id)

    def test_own_central_household(self):
        self.m_g1.is_central_household = True
        with self.assertRaisesRegex(ValidationError, "their own central household"):
            self._link("group", self.m_g1, self.m_g1)
        # party_grid's register refuses it as well
        with self.assertRaisesRegex(ValidationError, "cannot coordinate themselves"):
            self.m_g1.central_household_id = self.m_g1
        self.assertFalse(self.m_g1.central_household_id)
        self.assertFalse(self._count("party.contact.link"))

    def test_person_outside_the_organisation(self):
        with self.assertRaisesRegex(ValidationError, "belongs to grid"):
            self._link("branch", self.m_v3, self.g1)
        self.m_v3.is_central_household = True
        with self.assertRaisesRegex(ValidationError, "does not belong to the party"):
            self._link("group", self.m_g1, self.m_v3)
        # below the township, the person is a registered member
        with self.assertRaisesRegex(ValidationError, "registered party member"):
            self._link("branch", self.cadre, self.g1)
        self.assertFalse(self._count("party.contact.link"))

    def test_too_many_links_refused(self):
        self.levels["branch"].max_load = 1
        self._link("branch", self.m_v1, self.g1)
        with self.assertRaisesRegex(ValidationError, "would link 2 at level"):
            self._link("branch", self.m_v1, self.g2)
        self.assertEqual(len(self._count("party.contact.link")), 1)
        self.levels["branch"].max_load = 2
        with self.assertRaisesRegex(ValidationError, "already has this link"):
            self._link("branch", self.m_v1, self.g1)
        self.assertEqual(len(self._count("party.contact.link")), 1)

    def test_too_many_households_or_members_refused(self):
        self.assertFalse(self.levels["member"].enforce_max, "imports as they are")
        self.levels["member"].write({"min_load": 1, "max_load": 2, "enforce_max": True})
        self.env["party.household"].create(
            {"name": "H2", "grid_id": self.g1.id, "contact_member_id": self.m_g1.id}
        )
        with self.assertRaisesRegex(ValidationError, "would contact 3 households"):
            self.h_g1b.contact_member_id = self.m_g1
        self.assertFalse(self.h_g1b.contact_member_id)
        self.levels["central"].write(
            {"min_load": 1, "max_load": 1, "enforce_max": True}
        )
        self.m_v1.is_central_household = True
        self.m_g1.central_household_id = self.m_v1
        with self.assertRaisesRegex(ValidationError, "would coordinate 2 party"):
            self.m_g2.central_household_id = self.m_v1
        self.assertFalse(self.m_g2.central_household_id)

    def test_norms_checked(self):
        with self.assertRaisesRegex(ValidationError, "norm of level"):
            self.levels["group"].write({"min_load": 5, "max_load": 2})
        self.assertEqual(self.levels["group"].max_load, 5)

    def test_load_against_the_norm(self):
        self.m_v1.is_central_household = True
        self.m_g1.central_household_id = self.m_v1
        self._link("branch", self.m_v1, self.g1)
        self._link("branch", self.m_v1, self.g2)
        self.levels["branch"].max_load = 2
        Load = self.env["party.contact.load"]

        def state(code, person):
            Load.invalidate_model()
            row = Load.search(
                [("level_code", "=", code), ("partner_id", "=", person.partner_id.id)]
            )
            self.assertEqual(len(row), 1)
            return row.load_count, row.state

        self.assertEqual(state("branch", self.m_v1), (2, "ok"))
        self.assertEqual(state("central", self.m_v1), (1, "low"))
        self.assertEqual(state("member", self.m_g1), (1, "low"))
        # the norms are configuration: lowered, the same load is too many
        self.levels["branch"].max_load = 1
        self.env.flush_all()
        self.assertEqual(state("branch", self.m_v1), (2, "high"))
        self.assertEqual(self.levels["member"].min_load, 10)
        self.levels["member"].min_load = 1
        self.env.flush_all()
        self.assertEqual(state("member", self.m_g1), (1, "ok"))

    def test_member_with_links_is_history(self):
        self.m_v1.is_central_household = True
        self._link("group", self.m_g2, self.m_v1)
        with self.assertRaisesRegex(ValidationError, "still linked by a party group"):
            self.m_v1.is_central_household = False
        self.assertTrue(self.m_v1.is_central_household)
        self.assertIn(self.m_v1, self.m_v1._get_members_with_history())
        self.assertIn(self.g2, (self.v1 | self.g2)._get_grids_with_history())

    def test_pyramid_screen_fixed_query_count(self):
        """The chain of a township's households, as the list shows it, in a
        number of queries that does not grow with households or links."""
        self._build_chain()
        Chain = self.env["party.contact.chain"].with_user(self.user_township)
        fnames = [
            "household_id",
            "contact_member_id",
            "central_id",
            "group_head_names",
            "branch_names",
            "township_names",
            "gap",
        ]
        counts = []
        for extra in (0, 0, 30):
            households = self.env["party.household"].create(
                [
                    {
                        "name": f"X{i}",
                        "grid_id": self.g2.id,
                        "contact_member_id": self.m_g2.id if i < 10 else False,
                    }
                    for i in range(extra)
                ]
            )
            if extra:
                self._link("branch", self.m_v1, self.g2)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            rows = Chain.web_search_read(
                [("grid_id", "child_of", self.t1.id)],
                {fname: {} for fname in fnames},
                limit=80,
            )
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(rows["length"], 3 + len(households))
        self.assertEqual(counts[1], counts[2])
        self.assertLessEqual(counts[2], 6)

    def test_unenforced_maximum_is_highlighted(self):
        """party_grid's register levels take existing ledgers as they are
        (imports): beyond the maximum is shown as too many, not refused."""
        self.levels["member"].write({"min_load": 1, "max_load": 2})
        self.env["party.household"].create(
            [
                {
                    "name": f"H{i}",
                    "grid_id": self.g1.id,
                    "contact_member_id": self.m_g1.id,
                }
                for i in range(2)
            ]
        )
        self.env.flush_all()
        load = self.env["party.contact.load"].search(
            [("level_code", "=", "member"), ("member_id", "=", self.m_g1.id)]
        )
        self.assertEqual((load.load_count, load.state), (3, "high"))
        self.assertEqual(
            self.env["party.contact.load"].search_count(
                [("state", "=", "high"), ("grid_id", "child_of", self.county.id)]
            ),
            1,
        )
