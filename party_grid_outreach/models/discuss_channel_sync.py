# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Membership of the group tower kept in step with the register."""

from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models

from .discuss_channel_member import SYNC_TOKEN

# channels per batch of the scheduled sync (one call of the cron = one batch)
SYNC_BATCH = 200
# a register change touching at most this many groups refreshes them at once;
# more (an import) leaves them to the scheduled sync, triggered right away
SYNC_NOW_MAX = 10
# every group is refreshed at least this often, whatever changed behind the ORM
SYNC_STALE = timedelta(hours=23)


def _path_ids(parent_path):
    return [int(x) for x in (parent_path or "").split("/") if x]


class DiscussChannel(models.Model):
    _inherit = "discuss.channel"

    def _party_desired_partners(self):
        """The partners the register puts in each group of ``self``, in a fixed
        number of queries per batch: ``{channel id: set of partner ids}``.

        - every tier: the grid's head, deputy heads, instructors, the holders
          of its grid roles and the users given the grid as an additional grid
          (township officers);
        - township group: and the heads, deputies and instructors (liaison
          cadres) of the village-tier grids below;
        - village and grid groups: and the party members of the subtree who
          have a login;
        - grid group: and the households' contact persons of the subtree who
          have a login.
        """
        # sudo: membership follows the register, whoever triggers the sync
        channels = self.sudo().filtered("party_grid_id")
        if not channels:
            return {}
        env = channels.env
        grids = channels.party_grid_id
        tier = {grid.id: grid.level_id.channel_tier for grid in grids}
        batch = set(grids.ids)
        users = defaultdict(set)
        partners = defaultdict(set)

        for grid in grids:
            users[grid.id].update(
                (grid.head_id | grid.deputy_ids | grid.instructor_ids).ids
            )
        for grid, user_ids in env["party.grid.role"]._read_group(
            [("grid_id", "in", grids.ids), ("user_id", "!=", False)],
            ["grid_id"],
            ["user_id:array_agg"],
        ):
            users[grid.id].update(user_ids)
        for grid, user_ids in env["res.users"]._read_group(
            [("party_grid_extra_ids", "in", grids.ids)],
            ["party_grid_extra_ids"],
            ["id:array_agg"],
        ):
            if grid.id in batch:
                users[grid.id].update(user_ids)
        self._party_people_below(tier, users, partners)
        all_user_ids = set().union(*users.values()) if users else set()
        # active logins only (archived users leave their groups)
        partner_of = {
            user.id: user.partner_id.id
            for user in env["res.users"].search_fetch(
                [("id", "in", list(all_user_ids))], ["partner_id"]
            )
        }
        result = {}
        for channel in channels:
            gid = channel.party_grid_id.id
            wanted = {partner_of[uid] for uid in users[gid] if uid in partner_of}
            result[channel.id] = wanted | partners[gid]
        return result

    @api.model
    def _party_people_below(self, tier, users, partners):
        """Add to ``users`` / ``partners`` (by grid id) the people of the
        subtrees of the grids of ``tier`` (grid id: tier): village heads for
        township groups, members with a login for village and grid groups,
        households' contacts with a login for grid groups."""
        env = self.sudo().env
        batch = set(tier)

        def ancestors(parent_path, tiers):
            return [
                gid
                for gid in _path_ids(parent_path)
                if gid in batch and tier[gid] in tiers
            ]

        townships = [gid for gid in batch if tier[gid] == "township"]
        if townships:
            villages = env["party.grid"].search_fetch(
                [
                    ("id", "child_of", townships),
                    ("level_id.channel_tier", "=", "village"),
                ],
                ["parent_path", "head_id", "deputy_ids", "instructor_ids"],
            )
            for village in villages:
                people = village.head_id | village.deputy_ids | village.instructor_ids
                for gid in ancestors(village.parent_path, ("township",)):
                    users[gid].update(people.ids)
        with_members = [gid for gid in batch if tier[gid] in ("village", "grid")]
        if with_members:
            for grid, user_ids in env["party.member"]._read_group(
                [("grid_id", "child_of", with_members), ("user_id", "!=", False)],
                ["grid_id"],
                ["user_id:array_agg"],
            ):
                for gid in ancestors(grid.parent_path, ("village", "grid")):
                    users[gid].update(user_ids)
        with_households = [gid for gid in batch if tier[gid] == "grid"]
        if with_households:
            for grid, partner_ids in env["party.household"]._read_group(
                [
                    ("grid_id", "child_of", with_households),
                    ("partner_id.user_ids", "!=", False),
                ],
                ["grid_id"],
                ["partner_id:array_agg"],
            ):
                for gid in ancestors(grid.parent_path, ("grid",)):
                    partners[gid].update(partner_ids)

    def _party_sync_members(self):
        """Make the members of the groups ``self`` those the register puts
        there: add the missing ones, remove those added by an earlier sync who
        are no longer in the register (people invited by hand stay). Rerunning
        it changes nothing. Returns (added, removed)."""
        channels = self.sudo().filtered("party_grid_id")
        if not channels:
            return 0, 0
        desired = channels._party_desired_partners()
        Member = (
            self.env["discuss.channel.member"]
            .sudo()
            .with_context(party_channel_sync=SYNC_TOKEN)
        )
        current = Member.search_fetch(
            [("channel_id", "in", channels.ids), ("partner_id", "!=", False)],
            ["channel_id", "partner_id", "party_origin"],
        )
        have = defaultdict(dict)
        for member in current:
            have[member.channel_id.id][member.partner_id.id] = member
        to_create = []
        to_remove = []
        for channel in channels:
            wanted = desired.get(channel.id, set())
            got = have[channel.id]
            to_create += [
                {"channel_id": channel.id, "partner_id": pid, "party_origin": "sync"}
                for pid in sorted(wanted - got.keys())
            ]
            to_remove += [
                member.id
                for pid, member in got.items()
                if pid not in wanted and member.party_origin == "sync"
            ]
        if to_remove:
            Member.browse(to_remove).unlink()
        if to_create:
            Member.create(to_create)
        channels.write(
            {"party_sync_needed": False, "party_synced_at": fields.Datetime.now()}
        )
        return len(to_create), len(to_remove)

    @api.model
    def _party_channel_name(self, grid, tier_label):
        names = (grid.complete_name or grid.name).split(" / ")
        return f"{' / '.join(names[1:] or names)} · {tier_label}"

    @api.model
    def _party_grids_without_channel_domain(self):
        return [
            ("level_id.channel_tier", "!=", False),
            ("party_channel_ids", "=", False),
        ]

    @api.model
    def _party_ensure_channels(self, limit=None, grid_ids=None):
        """Create the missing groups of the tower (at most ``limit``, within
        the subtrees of ``grid_ids`` if given): one per active grid whose level
        has a tier."""
        # sudo: the groups are created by the sync, not by the user's rights
        Grid = self.env["party.grid"].sudo()
        domain = self._party_grids_without_channel_domain()
        if grid_ids:
            domain.append(("id", "child_of", grid_ids))
        grids = Grid.search(domain, limit=limit, order="id")
        if not grids:
            return self.browse()
        lang = "zh_CN" if self.env["res.lang"]._lang_get("zh_CN") else self.env.lang
        labels = dict(
            self.env["party.grid.level"]
            .with_context(lang=lang)
            ._fields["channel_tier"]
            ._description_selection(self.with_context(lang=lang).env)
        )
        Channel = self.sudo().with_context(
            party_channel_sync=SYNC_TOKEN, mail_create_nolog=True
        )
        channels = Channel.create(
            [
                {
                    "name": self._party_channel_name(
                        grid, labels[grid.level_id.channel_tier]
                    ),
                    "channel_type": "group",
                    "party_grid_id": grid.id,
                    "party_sync_needed": True,
                }
                for grid in grids
            ]
        )
        # the creator is added by discuss.channel.create: the sync keeps them
        # only where the register puts them
        channels.channel_member_ids.with_context(party_channel_sync=SYNC_TOKEN).write(
            {"party_origin": "sync"}
        )
        return channels

    @api.model
    def _party_channels_to_sync_domain(self):
        stale = fields.Datetime.now() - SYNC_STALE
        return [
            ("party_grid_id", "!=", False),
            ("party_grid_id.active", "=", True),
            "|",
            "|",
            ("party_sync_needed", "=", True),
            ("party_synced_at", "=", False),
            ("party_synced_at", "<", stale),
        ]

    @api.model
    def _cron_party_sync_channels(self, batch_size=SYNC_BATCH):
        """One batch of the scheduled sync: create up to ``batch_size`` missing
        groups, then refresh up to ``batch_size`` groups that wait for it (their
        register changed, or they were not refreshed today). Progress goes to
        ``ir.cron._notify_progress``, so the scheduler calls it again until
        nothing is left; a run killed half-way leaves the remaining groups
        flagged, and the next run goes on from there. Returns what remains."""
        Channel = self.sudo()
        created = Channel._party_ensure_channels(limit=batch_size)
        channels = Channel.search(
            self._party_channels_to_sync_domain(), limit=batch_size, order="id"
        )
        channels._party_sync_members()
        grids_left = (
            self.env["party.grid"]
            .sudo()
            .search_count(self._party_grids_without_channel_domain())
        )
        remaining = grids_left + Channel.search_count(
            self._party_channels_to_sync_domain()
        )
        self.env["ir.cron"]._notify_progress(
            done=len(created) + len(channels), remaining=remaining
        )
        return remaining

    @api.model
    def _party_sync_all(self, batch_size=SYNC_BATCH):
        """Run the sync to the end in this transaction (demo data, tests,
        benchmarks); returns the number of batches."""
        batches = 1
        while self._cron_party_sync_channels(batch_size=batch_size):
            batches += 1
        return batches

    @api.model
    def _party_mark_grids_dirty(self, grids, subtree=False):
        """The register changed for ``grids``: flag the groups of these grids
        and of the grids above them (and below them with ``subtree``), and
        refresh them now when they are few."""
        # sudo: any register change may affect groups the user does not see
        grids = grids.sudo().with_context(active_test=False)
        ids = {gid for grid in grids for gid in _path_ids(grid.parent_path)}
        domain = [("party_grid_id", "in", list(ids))]
        if subtree and grids:
            domain = ["|", ("party_grid_id", "child_of", grids.ids)] + domain
        if not ids:
            return
        channels = self.sudo().search(domain)
        if not channels:
            if grids.filtered(lambda g: g.level_id.channel_tier):
                self._party_trigger_sync()
            return
        if len(channels) <= SYNC_NOW_MAX:
            channels._party_sync_members()
        else:
            channels._party_mark_dirty()
            self._party_trigger_sync()
