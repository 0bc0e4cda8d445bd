# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import OrganisationCommon


@tagged("post_install", "-at_install")
class TestServiceTeam(OrganisationCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Speciality = cls.env["party.member.speciality"]
        cls.mediation, cls.art = Speciality.create(
            [{"name": "T调解"}, {"name": "T文艺"}]
        )
        cls.m_g1.speciality_ids = cls.mediation
        cls.m_g2.speciality_ids = cls.mediation | cls.art
        cls.m_v3.speciality_ids = cls.mediation
        cls.type_ = cls.env.ref(
            "party_grid_organisation.party_service_team_type_mediation"
        )
        cls.type_.speciality_ids = cls.mediation
        cls.Team = cls.env["party.service.team"]

    def _team(self, **vals):
        return self.Team.create(
            dict(
                {"name": "Mediation", "type_id": self.type_.id, "grid_id": self.v1.id},
                **vals,
            )
        )

    def test_members_suggested_by_speciality(self):
        team = self._team(leader_id=self.m_v1.id)
        self.assertEqual(team.member_ids, self.m_v1, "the leader is a member")
        self.assertEqual(team.speciality_ids, self.mediation, "from the team type")
        # members of the subtree with the speciality; not V3's member
        self.assertEqual(team.suggested_member_ids, self.m_g1 | self.m_g2)
        team.action_add_suggested()
        self.assertEqual(team.member_ids, self.m_v1 | self.m_g1 | self.m_g2)
        self.assertFalse(team.suggested_member_ids)
        with self.assertRaisesRegex(UserError, "No party member"):
            team.action_add_suggested()

    def test_members_outside_the_grid_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot join service team"):
            self._team(member_ids=[(4, self.m_v3.id)])
        with self.assertRaisesRegex(ValidationError, "cannot join service team"):
            self._team(leader_id=self.m_v3.id)
        self.assertFalse(self._count("party.service.team"))

    def test_volunteer_hours_per_person(self):
        team = self._team(leader_id=self.m_v1.id, member_ids=[(4, self.m_g1.id)])
        now = fields.Datetime.now()
        activity = self.env["party.activity"].create(
            {
                "name": "Mediation on site",
                "activity_type": "volunteer",
                "grid_id": self.v1.id,
                "team_id": team.id,
                "date_start": now - timedelta(days=1),
                "date_stop": now - timedelta(days=1, hours=-3),
            }
        )
        activity.action_fill_team_attendance()
        self.assertEqual(activity.attendance_ids.member_id, team.member_ids)
        lines = {line.member_id: line for line in activity.attendance_ids}
        lines[self.m_v1].hours = 3
        lines[self.m_g1].hours = 1.5
        self.assertEqual(team.activity_count, 1)
        self.assertEqual(team.volunteer_hours, 4.5)
        groups = self.env["party.activity.attendance"]._read_group(
            [("team_id", "=", team.id)], ["member_id"], ["hours:sum"]
        )
        self.assertEqual(dict(groups), {self.m_v1: 3.0, self.m_g1: 1.5})
        # an activity of another township cannot be booked on the team
        with self.assertRaisesRegex(ValidationError, "of another grid"):
            activity.copy({"grid_id": self.v3.id})

    def test_stations(self):
        Station = self.env["party.volunteer.station"]
        base = {"place": "党群服务中心", "opening_hours": "8:30-17:30"}
        centre = Station.create(dict(base, name="C", kind="centre", grid_id=self.t1.id))
        station = Station.create(
            dict(
                base,
                name="S",
                kind="station",
                grid_id=self.v1.id,
                contact_member_id=self.m_g1.id,
            )
        )
        self.assertEqual((centre.kind, station.kind), ("centre", "station"))
        with self.assertRaisesRegex(ValidationError, "township party committee"):
            Station.create(dict(base, name="X", kind="centre", grid_id=self.v2.id))
        with self.assertRaisesRegex(ValidationError, "village party branch"):
            Station.create(dict(base, name="X", kind="station", grid_id=self.t2.id))
        with self.assertRaisesRegex(ValidationError, "already has a volunteer"):
            Station.create(dict(base, name="X", kind="station", grid_id=self.v1.id))
        with self.assertRaisesRegex(ValidationError, "cannot be the contact"):
            Station.create(
                dict(
                    base,
                    name="X",
                    kind="station",
                    grid_id=self.v2.id,
                    contact_member_id=self.m_v3.id,
                )
            )
        self.assertEqual(len(self._count("party.volunteer.station")), 2)
        team = self._team(station_id=station.id)
        self.assertEqual(station.team_ids, team)
        with self.assertRaisesRegex(ValidationError, "does not serve grid"):
            self.Team.create(
                {
                    "name": "Far",
                    "type_id": self.type_.id,
                    "grid_id": self.v3.id,
                    "station_id": station.id,
                }
            )

    def test_grid_team_summary(self):
        Role = self.env["party.grid.role"]
        Role.create(
            [
                {"grid_id": self.g1.id, "member_id": self.m_g1.id, "role": "part_time"},
                {"grid_id": self.g1.id, "member_id": self.m_v1.id, "role": "volunteer"},
                {"grid_id": self.g1.id, "member_id": self.m_g2.id, "role": "volunteer"},
            ]
        )
        self.assertEqual(
            (self.g1.full_time_count, self.g1.part_time_count, self.g1.volunteer_count),
            (1, 1, 2),
        )
        self.assertEqual(
            self.g1.worker_team_summary,
            "1 full-time grid workers + 1 part-time grid workers + 2 grid volunteers",
        )
        self.assertEqual(
            self.g1.with_context(lang="zh_CN").worker_team_summary,
            "1名专职网格员 + 1名兼职网格员 + 2名网格志愿者",
        )
