# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tests.common import new_test_user

from .common import ScoringCommon


@tagged("post_install", "-at_install")
class TestScoringRules(ScoringCommon):
    def _manual(self, user, member, item, points, period=None):
        return (
            self.env["party.score.line"]
            .with_user(user)
            .create(
                {
                    "period_id": (period or self.period).id,
                    "item_id": item.id,
                    "member_id": member.id,
                    "points": points,
                    "basis": "Reported by the grid head",
                }
            )
        )

    def _count(self):
        return self.env["party.score.line"].sudo().search_count([])

    def test_manual_entry_approved_by_level_above(self):
        line = self._manual(self.user_g1_head, self.m_g1, self.item_deed, 3)
        self.assertEqual((line.state, line.kind), ("draft", "manual"))
        self.assertEqual(line.grid_id, self.g1)
        with self.assertRaisesRegex(UserError, "level above you must approve"):
            line.with_user(self.user_g1_head).action_approve()
        self.assertEqual(line.state, "draft")
        # another head of the same grid is not the level above
        peer = new_test_user(
            self.env, "pg_s_g1peer", groups="party_grid.party_grid_group_head"
        )
        self.g1.deputy_ids = peer
        with self.assertRaisesRegex(AccessError, "approved by the level above"):
            line.with_user(peer).action_approve()
        self.assertEqual(line.state, "draft")
        line.with_user(self.user_head).action_approve()
        self.assertEqual(line.state, "approved")
        self.assertEqual(line.approver_id, self.user_head)
        # an approved entry is no longer edited
        with self.assertRaisesRegex(UserError, "waiting for approval"):
            line.with_user(self.user_g1_head).points = 4
        self.assertEqual(line.points, 3)

    def test_manual_points_beyond_maximum(self):
        before = self._count()
        with self.assertRaisesRegex(ValidationError, "beyond the maximum of 5"):
            self._manual(self.user_g1_head, self.m_g1, self.item_deed, 6)
        self._manual(self.user_g1_head, self.m_g1, self.item_deed, 4)
        with self.assertRaisesRegex(ValidationError, "beyond the maximum"):
            self._manual(self.user_g1_head, self.m_g1, self.item_deed, 2)
        with self.assertRaisesRegex(ValidationError, "enter negative points"):
            self._manual(self.user_g1_head, self.m_g1, self.item_discipline, 5)
        self.assertEqual(self._count(), before + 1)

    def test_manual_points_on_closed_period(self):
        self._publish(self.period, days_ago=10)
        before = self._count()
        with self.assertRaisesRegex(UserError, "only be entered while it is open"):
            self._manual(self.user_g1_head, self.m_g1, self.item_deed, 1)
        self.period.with_user(self.user_township).action_close()
        self.assertEqual(self.period.state, "closed")
        with self.assertRaisesRegex(UserError, "only be entered while it is open"):
            self._manual(self.user_g1_head, self.m_g1, self.item_deed, 1)
        self.assertEqual(self._count(), before)

    def test_publish_uncomputed_period(self):
        with self.assertRaisesRegex(UserError, "has not been computed"):
            self.period.with_user(self.user_township).action_publish()
        self.assertEqual(self.period.state, "open")
        self.assertFalse(self.period.date_published)

    def test_publish_with_pending_entries(self):
        self._manual(self.user_g1_head, self.m_g1, self.item_deed, 1)
        self.period.with_user(self.user_township).action_compute()
        with self.assertRaisesRegex(UserError, "still wait for approval"):
            self.period.with_user(self.user_township).action_publish()
        self.assertEqual(self.period.state, "computed")

    def test_published_lines_are_final(self):
        self._publish(self.period)
        line = self._line(self.period, self.weishan, self.item_contact)
        for user in (self.user_manager, self.user_head):
            with self.assertRaisesRegex(UserError, "cannot be changed"):
                line.with_user(user).points = 10
        with self.assertRaisesRegex(UserError, "never deleted"):
            line.with_user(self.user_manager).unlink()
        self.assertAlmostEqual(line.points, 7.0)
        with self.assertRaisesRegex(UserError, "already published"):
            self.period.with_user(self.user_township).action_compute()
        # a correction is a new line
        wizard = (
            self.env["party.score.correction.wizard"]
            .with_user(self.user_head)
            .create({"line_id": line.id, "points": 1.0, "reason": "Visit forgotten"})
        )
        wizard.action_confirm()
        correction = self.env["party.score.line"].search(
            [("correction_of_id", "=", line.id)]
        )
        self.assertEqual((correction.kind, correction.points), ("correction", 1.0))
        total = self.env["party.score.total"].search(
            [("period_id", "=", self.period.id), ("member_id", "=", self.weishan.id)]
        )
        self.assertAlmostEqual(total.points, 68.0)

    def test_objection_within_window(self):
        self._publish(self.period)
        line = self._line(self.period, self.m_g1, self.item_contact)
        objection = (
            self.env["party.score.objection"]
            .with_user(self.user_member)
            .create({"line_id": line.id, "reason": "I visited the household"})
        )
        self.assertEqual(objection.head_id, self.user_g1_head)
        activity = objection.sudo().activity_ids
        self.assertEqual(activity.user_id, self.user_g1_head)
        with self.assertRaisesRegex(UserError, "unanswered"):
            self.period.with_user(self.user_township).action_close()
        objection = objection.with_user(self.user_g1_head)
        objection.write({"answer": "The visit log shows it", "correction_points": 10})
        objection.action_accept()
        self.assertEqual(objection.state, "accepted")
        self.assertEqual(objection.correction_line_id.points, 10)
        self.assertFalse(objection.sudo().activity_ids)
        # a reasoned refusal
        other = (
            self.env["party.score.objection"]
            .with_user(self.user_member)
            .create({"line_id": line.id, "reason": "Again"})
            .with_user(self.user_g1_head)
        )
        with self.assertRaisesRegex(UserError, "Write the answer"):
            other.action_refuse()
        other.answer = "Already corrected"
        other.action_refuse()
        self.assertEqual(other.state, "refused")

    def test_objection_after_window(self):
        self._publish(self.period, days_ago=8)
        line = self._line(self.period, self.m_g1, self.item_contact)
        Objection = self.env["party.score.objection"]
        with self.assertRaisesRegex(UserError, "objection window .* ended"):
            Objection.with_user(self.user_member).create(
                {"line_id": line.id, "reason": "Too late"}
            )
        self.assertFalse(Objection.sudo().search([]))
        open_period = self.env["party.score.period"].create(
            {
                "scheme_id": self.scheme.id,
                "date_from": self.month - relativedelta(months=1),
            }
        )
        open_period.with_user(self.user_township).action_compute()
        early = self._line(open_period, self.m_g1, self.item_contact)
        with self.assertRaisesRegex(UserError, "only while the period .* is published"):
            Objection.with_user(self.user_member).create(
                {"line_id": early.id, "reason": "Too early"}
            )

    def test_overlapping_scheme(self):
        Scheme = self.env["party.score.scheme"]
        before = Scheme.search_count([])
        with self.assertRaisesRegex(ValidationError, "overlaps the scheme"):
            Scheme.create(
                {
                    "name": "Overlap",
                    "grid_id": self.county.id,
                    "subject_type": "member",
                    "date_from": self.month,
                }
            )
        self.assertEqual(Scheme.search_count([]), before)
        # another subject type or another subtree does not overlap
        Scheme.create(
            {
                "name": "Grids",
                "grid_id": self.county.id,
                "subject_type": "grid",
                "date_from": self.month,
            }
        )
        Scheme.create(
            {
                "name": "Township members",
                "grid_id": self.t1.id,
                "subject_type": "member",
                "date_from": self.month,
            }
        )

    def test_locked_scheme_and_new_version(self):
        self._publish(self.period)
        self.assertTrue(self.scheme.is_locked)
        with self.assertRaisesRegex(UserError, "New Version"):
            self.item_contact.with_user(self.user_manager).max_points = 20
        with self.assertRaisesRegex(UserError, "New Version"):
            self.scheme.with_user(self.user_manager).base_points = 50
        self.assertEqual(self.item_contact.max_points, 10)
        action = self.scheme.with_user(self.user_manager).action_new_version()
        new = self.env["party.score.scheme"].browse(action["res_id"])
        self.assertEqual(new.version, 2)
        self.assertEqual(new.date_from, self.month + relativedelta(months=1))
        self.assertEqual(self.scheme.date_to, self.period.date_to)
        self.assertEqual(len(new.item_ids), 5)
        new.item_ids[0].with_user(self.user_manager).max_points = 20
        # the published period keeps the rules it was scored with
        self.assertEqual(self.period.scheme_id, self.scheme)
        self.assertEqual(self.item_contact.max_points, 10)

    def test_no_shortcut_around_the_operations(self):
        """Approval, period states and objection outcomes are written by their
        checked operations only, not by a plain write."""
        line = (
            self.env["party.score.line"]
            .with_user(self.user_g1_head)
            .create(
                {
                    "period_id": self.period.id,
                    "item_id": self.item_deed.id,
                    "member_id": self.m_g1.id,
                    "points": 2,
                    "basis": "In another's name",
                    "author_id": self.user_head.id,
                    "state": "approved",
                }
            )
        )
        self.assertEqual(line.author_id, self.user_g1_head)
        self.assertEqual(line.state, "draft")
        with self.assertRaisesRegex(UserError, "waiting for approval can be changed"):
            line.with_user(self.user_g1_head).write({"state": "approved"})
        self.assertEqual(line.state, "draft")
        with self.assertRaisesRegex(UserError, "Compute, Publish and Close"):
            self.period.with_user(self.user_township).write({"state": "published"})
        self.assertEqual(self.period.state, "open")
        line.with_user(self.user_head).action_refuse()
        self._publish(self.period)
        objection = (
            self.env["party.score.objection"]
            .with_user(self.user_member)
            .create(
                {
                    "line_id": self._line(self.period, self.m_g1, self.item_contact).id,
                    "reason": "Please check",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "through its buttons"):
            objection.with_user(self.user_g1_head).write({"state": "refused"})
        self.assertEqual(objection.state, "open")
