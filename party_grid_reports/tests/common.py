# Copyright 2026 party_grid developers
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

from freezegun import freeze_time

from odoo import Command
from odoo.tests.common import new_test_user

from odoo.addons.party_grid.tests.ticket_common import (  # pylint: disable=import-error
    PartyTicketCommon,
)

try:
    from openpyxl import load_workbook
except ImportError:  # pragma: no cover
    load_workbook = None

MONTH = ("2026-03-01", "2026-03-31")


class ReportsCommon(PartyTicketCommon):
    """The grid tree and tickets' configuration of party_grid's tests, plus
    phones, a central household, grid staff, a duty rota, a station, tickets
    in March 2026, and a second township officer (for T2) without e-mail."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_township2 = new_test_user(
            cls.env,
            "pg_t_township2",
            groups="party_grid.party_grid_group_township",
            party_grid_extra_ids=[Command.set(cls.t2.ids)],
        )
        cls.user_township2.partner_id.email = False
        cls.m_g1.write({"phone": "13800000001", "is_central_household": True})
        cls.m_g1.partner_id.street = "Main Street 1"
        cls.m_g2.central_household_id = cls.m_g1
        cls.user_head.partner_id.phone = "13900000002"
        cls.user_worker.partner_id.phone = "13700000003"
        cls.g1.write(
            {
                "org_type": "group",
                "head_id": cls.user_head.id,
                "instructor_ids": [Command.set(cls.user_township.ids)],
                "station_address": "Village Hall",
                "station_phone": "0318-1234567",
                "duty_ids": [
                    Command.create(
                        {"weekday": "0", "partner_id": cls.user_worker.partner_id.id}
                    )
                ],
            }
        )
        cls.h_g1a.write({"address": "Main Street 2", "phone": "13600000004"})
        with freeze_time("2026-03-02 08:00:00"):
            cls.ticket_g1 = cls._ticket_cls(cls.g1, "Street light")
            cls.ticket_g1b = cls._ticket_cls(cls.g1, "Drain")
            cls.ticket_v3 = cls._ticket_cls(cls.v3, "Road", cls.user_manager)
        cls.env.flush_all()

    @classmethod
    def _ticket_cls(cls, grid, title, user=None):
        return (
            cls.env["party.ticket"]
            .with_user(user or cls.user_worker)
            .create(
                {
                    "title": title,
                    "grid_id": grid.id,
                    "category_id": cls.cat_facility.id,
                    "household_id": cls.h_g1a.id if grid == cls.g1 else False,
                }
            )
            .with_user(cls.env.user)
        )

    def _wizard(self, user, report, grid, dates=MONTH):
        return (
            self.env["party.grid.report.wizard"]
            .with_user(user)
            .create(
                {
                    "report": report,
                    "grid_id": grid.id,
                    "date_from": dates[0],
                    "date_to": dates[1],
                }
            )
        )

    def _xlsx(self, user, report, grid, lang="zh_CN"):
        """Render ``report`` for ``grid`` as ``user`` and read it back."""
        wizard = self._wizard(user, report, grid).with_context(lang=lang)
        content, kind = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(lang=lang)
            ._render_xlsx(f"party_grid_reports.{report}_xlsx", wizard.ids, {})
        )
        self.assertEqual(kind, "xlsx")
        return load_workbook(io.BytesIO(content))

    @staticmethod
    def _rows(sheet):
        return [list(row) for row in sheet.iter_rows(values_only=True)]
