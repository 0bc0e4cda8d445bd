"""Logins for the generated county, for the group-tower benchmark: a third of the party
members and a fifth of the grid workers and volunteers get a login (internal users without
e-mail, as most grid workers are), and the benchmark's levels get the tiers of the tower
(乡镇党委 → township group, 村党组织 → village group, 自然村党小组 and 网格 → grid group)."""

import random
import time

from .county import NO_TRACK, _batched

TIERS = {"BENCH1": "township", "BENCH2": "village", "BENCH3": "grid", "BENCH4": "grid"}


def set_tiers(env):
    for level in env["party.grid.level"].search([("code", "in", list(TIERS))]):
        if level.channel_tier != TIERS[level.code]:
            level.channel_tier = TIERS[level.code]


def generate_logins(env, data, seed=20261203, log=print):
    rng = random.Random(seed)
    env = env(context=dict(env.context, no_reset_password=True, **NO_TRACK))
    t0 = time.perf_counter()
    root = data["root"]
    members = env["party.member"].search(
        [("grid_id", "child_of", root.id), ("user_id", "=", False)]
    )
    members = members.browse(sorted(rng.sample(members.ids, len(members) // 3)))
    roles = env["party.grid.role"].search(
        [("grid_id", "child_of", root.id), ("user_id", "=", False)]
    )
    roles = roles.browse(sorted(rng.sample(roles.ids, len(roles) // 5)))
    group = env.ref("base.group_user")
    Users = env["res.users"]
    made = 0
    for kind, records in (("m", members), ("r", roles)):
        for chunk in _batched(records, 500):
            users = Users.create(
                [
                    {
                        "login": f"bench_{kind}{rec.id}",
                        "partner_id": rec.partner_id.id,
                        "groups_id": [(6, 0, group.ids)],
                    }
                    for rec in chunk
                ]
            )
            for rec, user in zip(chunk, users, strict=True):
                rec.user_id = user
            made += len(users)
            env.cr.commit()
    log(
        f"  {made} logins ({len(members)} members, {len(roles)} grid workers and volunteers): "
        f"{time.perf_counter() - t0:.1f} s"
    )
    return made
