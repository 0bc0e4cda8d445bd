# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests.common import new_test_user

from odoo.addons.party_grid.models.party_visit import (  # pylint: disable=import-error
    duty_today,
)
from odoo.addons.party_grid.tests.common import (  # pylint: disable=import-error
    PartyGridCommon,
    make_id_number,
)


class ScoringCommon(PartyGridCommon):
    """The grid tree of PartyGridCommon, a member scheme over the county for
    last month, a member of G1 with a login (and no e-mail), a head of G1
    below the head of V1, and a third member of G1 with 10 linked households."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month = duty_today().replace(day=1) - relativedelta(months=1)
        # the 15th of last month, noon in China (UTC naive)
        cls.visit_day = datetime(cls.month.year, cls.month.month, 15, 4, 0)
        ref = cls.env.ref
        cls.cat_service = ref("party_grid_scoring.party_score_category_service")
        cls.cat_life = ref("party_grid_scoring.party_score_category_life")
        cls.cat_discipline = ref("party_grid_scoring.party_score_category_discipline")
        cls.cat_duty = ref("party_grid_scoring.party_score_category_duty")
        cls.cat_grid = ref("party_grid_scoring.party_score_category_grid")
        cls.scheme = cls.env["party.score.scheme"].create(
            {
                "name": "Member scheme (test)",
                "grid_id": cls.county.id,
                "subject_type": "member",
                "date_from": cls.month - relativedelta(years=1),
                "base_points": 60.0,
                "objection_days": 7,
                "lang": "en_US",
                "item_ids": [
                    Command.create(
                        {
                            "name": "Contact linked households",
                            "category_id": cls.cat_service.id,
                            "measure": "contact_rate",
                            "formula": "rate",
                            "points": 1.0,
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Attend party life",
                            "category_id": cls.cat_life.id,
                            "measure": "activity_attendance",
                            "formula": "rate",
                            "points": 1.0,
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Volunteer service",
                            "category_id": cls.cat_service.id,
                            "measure": "volunteer_hours",
                            "formula": "per_unit",
                            "points": 1.0,
                            "max_points": 5.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Breach of discipline",
                            "category_id": cls.cat_discipline.id,
                            "measure": "manual",
                            "points": -5.0,
                            "max_points": 10.0,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Pioneer deed",
                            "category_id": cls.cat_duty.id,
                            "measure": "manual",
                            "points": 1.0,
                            "max_points": 5.0,
                        }
                    ),
                ],
            }
        )
        (
            cls.item_contact,
            cls.item_attendance,
            cls.item_volunteer,
            cls.item_discipline,
            cls.item_deed,
        ) = cls.scheme.item_ids
        group = "party_grid.party_grid_group_"
        cls.user_member = new_test_user(
            cls.env,
            "pg_s_member",
            groups="base.group_user,base.group_allow_export",
            email=False,
        )
        cls.m_g1.user_id = cls.user_member
        cls.user_g1_head = new_test_user(cls.env, "pg_s_g1head", groups=group + "head")
        cls.g1.head_id = cls.user_g1_head
        cls.user_township.party_grid_extra_ids = [Command.set(cls.county.ids)]
        cls.user_t1 = new_test_user(
            cls.env,
            "pg_s_t1",
            groups=group + "township",
            party_grid_extra_ids=[Command.set(cls.t1.ids)],
        )
        cls.weishan = cls.env["party.member"].create(
            {
                "name": "Weishan Member",
                "grid_id": cls.g1.id,
                "id_number": make_id_number(21),
            }
        )
        cls.weishan_households = cls.env["party.household"].create(
            [
                {
                    "name": f"Weishan household {n}",
                    "grid_id": cls.g1.id,
                    "contact_member_id": cls.weishan.id,
                }
                for n in range(10)
            ]
        )
        cls.env["party.visit"].create(
            [
                {
                    "member_id": cls.weishan.id,
                    "household_id": household.id,
                    "date": cls.visit_day,
                    "method": "home",
                }
                for household in cls.weishan_households[:7]
            ]
        )
        cls.period = cls.env["party.score.period"].create(
            {"scheme_id": cls.scheme.id, "date_from": cls.month}
        )

    def _snapshot(self, period):
        lines = (
            self.env["party.score.line"]
            .sudo()
            .search([("period_id", "=", period.id), ("kind", "=", "auto")])
        )
        return sorted(
            (
                line.subject_id,
                line.item_id.id,
                line.points,
                line.lost_points,
                line.basis,
                line.origin or "",
                line.grid_id.id,
            )
            for line in lines
        )

    def _line(self, period, member, item):
        return (
            self.env["party.score.line"]
            .sudo()
            .search(
                [
                    ("period_id", "=", period.id),
                    ("member_id", "=", member.id),
                    ("item_id", "=", item.id),
                    ("kind", "=", "auto"),
                ]
            )
        )

    def _publish(self, period, days_ago=0):
        period.with_user(self.user_township).action_compute()
        period.with_user(self.user_township).action_publish()
        if days_ago:
            period.date_published = period.date_published - relativedelta(days=days_ago)
