# Copyright 2025 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from contextlib import contextmanager

from odoo import Command
from odoo.tests.common import TransactionCase, new_test_user

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def make_id_number(serial):
    """A valid 18-character citizen identity number for ``serial``."""
    body = f"13112219800101{serial:03d}"
    checksum = sum(int(a) * b for a, b in zip(body, ID_WEIGHTS, strict=True))
    return body + "10X98765432"[checksum % 11]


class PartyGridCommon(TransactionCase):
    """Levels, a small grid tree, members, households and one user per role.

    C (county)
    ├── T1 (township) ── V1 (village) ── G1, G2 (groups)
    │                 └─ V2 (village)
    └── T2 (township) ── V3 (village) ── G3 (group)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English messages whatever the language of the database; mail as in
        # production (no DISABLED_MAIL_CONTEXT): the chatter, followers and
        # notifications of every operation run, for users without e-mail too
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))
        Level = cls.env["party.grid.level"]
        (
            cls.level_county,
            cls.level_township,
            cls.level_village,
            cls.level_group,
            cls.level_member,
        ) = Level.create(
            [
                {"name": "County", "code": "T_COUNTY", "sequence": 110},
                {"name": "Township", "code": "T_TOWNSHIP", "sequence": 120},
                {"name": "Village", "code": "T_VILLAGE", "sequence": 130},
                {"name": "Group", "code": "T_GROUP", "sequence": 140},
                {"name": "Member", "code": "T_MEMBER", "sequence": 150},
            ]
        )
        Grid = cls.env["party.grid"]
        cls.county = Grid.create(
            {"name": "County", "code": "T9", "level_id": cls.level_county.id}
        )
        cls.t1, cls.t2 = Grid.create(
            [
                {
                    "name": "T1",
                    "parent_id": cls.county.id,
                    "level_id": cls.level_township.id,
                },
                {
                    "name": "T2",
                    "parent_id": cls.county.id,
                    "level_id": cls.level_township.id,
                },
            ]
        )
        cls.v1, cls.v2, cls.v3 = Grid.create(
            [
                {
                    "name": "V1",
                    "parent_id": cls.t1.id,
                    "level_id": cls.level_village.id,
                },
                {
                    "name": "V2",
                    "parent_id": cls.t1.id,
                    "level_id": cls.level_village.id,
                },
                {
                    "name": "V3",
                    "parent_id": cls.t2.id,
                    "level_id": cls.level_village.id,
                },
            ]
        )
        cls.g1, cls.g2, cls.g3 = Grid.create(
            [
                {"name": "G1", "parent_id": cls.v1.id, "level_id": cls.level_group.id},
                {"name": "G2", "parent_id": cls.v1.id, "level_id": cls.level_group.id},
                {"name": "G3", "parent_id": cls.v3.id, "level_id": cls.level_group.id},
            ]
        )
        group = "party_grid.party_grid_group_"
        # grid workers and heads often have no e-mail address
        cls.user_worker = new_test_user(
            cls.env, "pg_t_worker", groups=group + "worker", email=False
        )
        cls.user_head = new_test_user(
            cls.env, "pg_t_head", groups=group + "head", email=False
        )
        cls.user_township = new_test_user(
            cls.env,
            "pg_t_township",
            groups=group + "township",
            party_grid_extra_ids=[Command.set(cls.t1.ids)],
        )
        cls.user_county = new_test_user(cls.env, "pg_t_county", groups=group + "county")
        cls.user_instructor = new_test_user(
            cls.env, "pg_t_instructor", groups=group + "instructor"
        )
        cls.user_manager = new_test_user(
            cls.env, "pg_t_manager", groups=group + "manager"
        )
        cls.user_outsider = new_test_user(
            cls.env, "pg_t_outsider", groups=group + "worker"
        )
        cls.v1.head_id = cls.user_head
        cls.v3.instructor_ids = cls.user_instructor
        Member = cls.env["party.member"]
        cls.m_v1, cls.m_g1, cls.m_g2, cls.m_v3 = Member.create(
            [
                {
                    "name": "Member V1",
                    "grid_id": cls.v1.id,
                    "id_number": make_id_number(1),
                },
                {
                    "name": "Member G1",
                    "grid_id": cls.g1.id,
                    "id_number": make_id_number(2),
                },
                {
                    "name": "Member G2",
                    "grid_id": cls.g2.id,
                    "id_number": make_id_number(3),
                },
                {
                    "name": "Member V3",
                    "grid_id": cls.v3.id,
                    "id_number": make_id_number(4),
                },
            ]
        )
        cls.env["party.grid.role"].create(
            {"grid_id": cls.g1.id, "user_id": cls.user_worker.id, "role": "full_time"}
        )
        Household = cls.env["party.household"]
        cls.h_g1a, cls.h_g1b, cls.h_g2, cls.h_v3 = Household.create(
            [
                {
                    "name": "H G1 a",
                    "grid_id": cls.g1.id,
                    "contact_member_id": cls.m_g1.id,
                },
                {"name": "H G1 b", "grid_id": cls.g1.id},
                {
                    "name": "H G2",
                    "grid_id": cls.g2.id,
                    "contact_member_id": cls.m_v1.id,
                },
                {
                    "name": "H V3",
                    "grid_id": cls.v3.id,
                    "contact_member_id": cls.m_v3.id,
                },
            ]
        )
        cls.tag_must = cls.env.ref("party_grid.party_household_tag_hardship")
        cls.tag_other = cls.env.ref("party_grid.party_household_tag_veteran")

    @contextmanager
    def assertRaisesRegex(self, expected_exception, expected_regex):  # noqa: N802
        """Like ``assertRaises``: roll back to a savepoint on the error (so
        that tests can check nothing was saved), and match the message."""
        with self.assertRaises(expected_exception) as catcher:
            yield catcher
        self.assertRegex(str(catcher.exception), expected_regex)
