# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import OrganisationCommon


@tagged("post_install", "-at_install")
class TestOrganisationAccess(OrganisationCommon):
    """Per role, as RPC calls it (with_user, no context): a worker reads their
    grid's records, a head manages their subtree, township and county read
    their scope."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.link_g1 = cls._link("branch", cls.m_v1, cls.g1)
        cls.link_v3 = cls._link("township", cls.cadre, cls.v3)
        Team = cls.env["party.service.team"]
        type_ = cls.env.ref("party_grid_organisation.party_service_team_type_mediation")
        cls.team_g1, cls.team_v3 = Team.create(
            [
                {"name": "Team G1", "type_id": type_.id, "grid_id": cls.g1.id},
                {"name": "Team V3", "type_id": type_.id, "grid_id": cls.v3.id},
            ]
        )
        cls.type_ = type_
        cls.cadre_v1, cls.cadre_v3 = cls.env["party.reserve.cadre"].create(
            [
                {
                    "member_id": cls.m_g1.id,
                    "grid_id": cls.v1.id,
                    "recommended_by": "V1",
                },
                {
                    "member_id": cls.m_v3.id,
                    "grid_id": cls.v3.id,
                    "recommended_by": "V3",
                },
            ]
        )

    def _visible(self, user, model):
        return (
            self.env[model]
            .with_user(user)
            .search([("grid_id", "child_of", self.county.id)])
        )

    def test_worker(self):
        worker = self.user_worker
        self.assertEqual(self._visible(worker, "party.contact.link"), self.link_g1)
        self.assertEqual(self._visible(worker, "party.service.team"), self.team_g1)
        chains = self._visible(worker, "party.contact.chain")
        self.assertEqual(chains.household_id, self.h_g1a | self.h_g1b)
        self.assertEqual(
            set(self._visible(worker, "party.contact.load").grid_id.ids), {self.g1.id}
        )
        with self.assertRaises(AccessError):
            self.env["party.service.team"].with_user(worker).create(
                {"name": "Mine", "type_id": self.type_.id, "grid_id": self.g1.id}
            )
        with self.assertRaises(AccessError):
            self.link_g1.with_user(worker).note = "changed"
        with self.assertRaises(AccessError):
            self._visible(worker, "party.reserve.cadre")
        self.assertFalse(self.link_g1.note)
        self.assertEqual(len(self._count("party.service.team")), 2)

    def test_worker_sees_the_teams_they_belong_to(self):
        member = self.m_v3
        member.user_id = self.user_outsider
        self.team_v3.member_ids = member
        self.assertEqual(
            self._visible(self.user_outsider, "party.service.team"), self.team_v3
        )

    def test_head_manages_their_subtree(self):
        head = self.user_head
        Link = self.env["party.contact.link"].with_user(head)
        link = self._link("branch", self.m_v1, self.g2, env=Link.env)
        self.assertEqual(link.grid_id, self.g2)
        self.assertEqual(self._visible(head, "party.contact.link"), self.link_g1 | link)
        # another township's grid, or a person of it
        with self.assertRaises(AccessError):
            self._link("branch", self.m_v3, self.g3, env=Link.env)
        with self.assertRaises(AccessError):
            self.link_v3.with_user(head).write({"target_grid_id": self.v1.id})
        # a township committee member's link is the township's matter
        with self.assertRaises(AccessError):
            self._link("township", self.cadre, self.v1, env=Link.env)
        self.assertEqual(len(self._count("party.contact.link")), 3)
        self.assertEqual(self.link_v3.target_grid_id, self.v3)
        # teams and reserve cadres of the subtree
        team = (
            self.env["party.service.team"]
            .with_user(head)
            .create({"name": "Head's", "type_id": self.type_.id, "grid_id": self.v1.id})
        )
        self.assertEqual(team.grid_id, self.v1)
        with self.assertRaises(AccessError):
            self.env["party.service.team"].with_user(head).create(
                {"name": "Other", "type_id": self.type_.id, "grid_id": self.v3.id}
            )
        with self.assertRaises(AccessError):
            self.team_v3.with_user(head).name = "Taken"
        self.assertEqual(self._visible(head, "party.reserve.cadre"), self.cadre_v1)
        person = self.env["res.partner"].create({"name": "王晓峰"})
        with self.assertRaises(AccessError):
            self.env["party.reserve.cadre"].with_user(head).create(
                {
                    "partner_id": person.id,
                    "grid_id": self.v3.id,
                    "recommended_by": "x",
                }
            )
        self.assertEqual(len(self._count("party.reserve.cadre")), 2)
        # nothing with history is deleted by a head: archived instead
        with self.assertRaises(AccessError):
            team.with_user(head).unlink()

    def test_township_and_county(self):
        township = self.user_township
        link = self._link(
            "township",
            self.cadre,
            self.v1,
            env=self.env["party.contact.link"].with_user(township).env,
        )
        self.assertEqual(
            self._visible(township, "party.contact.link"), self.link_g1 | link
        )
        self.assertEqual(
            self._visible(township, "party.contact.chain").household_id,
            self.h_g1a | self.h_g1b | self.h_g2,
        )
        county = self.user_county
        self.assertEqual(
            self._visible(county, "party.contact.link"),
            self.link_g1 | self.link_v3 | link,
        )
        self.assertEqual(
            self._visible(county, "party.reserve.cadre"), self.cadre_v1 | self.cadre_v3
        )
        with self.assertRaises(AccessError):
            self.link_v3.with_user(county).note = "county"
        with self.assertRaises(AccessError):
            self.team_v3.with_user(county).name = "county"
        self.assertFalse(self.link_v3.note)

    def test_instructor_reads_assigned_grids(self):
        instructor = self.user_instructor
        self.assertEqual(self._visible(instructor, "party.contact.link"), self.link_v3)
        self.assertEqual(self._visible(instructor, "party.service.team"), self.team_v3)
        self.assertEqual(
            self._visible(instructor, "party.reserve.cadre"), self.cadre_v3
        )
        with self.assertRaises(AccessError):
            self.cadre_v3.with_user(instructor).status = "training"
        self.assertEqual(self.cadre_v3.status, "recommended")

    def test_forged_person_refused(self):
        """A head cannot put a registered person of another township in the
        pool by forging the partner's id."""
        head = self.user_head
        other = self.env["party.member"].create({"name": "赵六", "grid_id": self.v3.id})
        with self.assertRaises(AccessError):
            self.env["party.reserve.cadre"].with_user(head).create(
                {
                    "partner_id": other.partner_id.id,
                    "grid_id": self.v1.id,
                    "recommended_by": "x",
                }
            )
        with self.assertRaises(AccessError):
            self.cadre_v1.with_user(head).partner_id = other.partner_id
        self.assertEqual(self.cadre_v1.partner_id, self.m_g1.partner_id)
        self.assertEqual(len(self._count("party.reserve.cadre")), 2)
