"""Generate a county-scale dataset for the benchmarks, in batches through the ORM.

Scale (DESIGN.md §6): about 1,000 grids over 5 levels, 6,000 party members plus 5,000 grid
workers and volunteers (11,000 people), 50,000 households. ``scale`` multiplies everything
but the tree's depth (``scale=0.02`` gives a small county for a quick try).

Everything is created with tracking and chatter logging off, in batches of ``BATCH`` records
per ``create`` call, and committed per step so that a long generation is not lost.
"""

import random
import time

BATCH = 2000
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "建国军华明强伟芳娟敏静丽秀英桂兰玉霞平刚勇杰涛超海燕红梅春林文志福德云"
TAGS = ("hardship", "low_income", "elderly_alone", "left_behind", "unemployed", "special")
NO_TRACK = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True,
            "mail_create_nosubscribe": True}
# grids per parent at each level below the root: 1 + 10 + 100 + 300 + 589 (capped) = 1,000
FANOUT = (10, 10, 3, 2)


def person_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _batched(seq, size=BATCH):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def _create(model, vals_list):
    records = model.browse()
    for chunk in _batched(vals_list):
        records |= model.create(chunk)
    return records


def generate(env, scale=1.0, seed=20261122, log=print):
    """Create the county; return a dict of what was made and how long each step took."""
    rng = random.Random(seed)
    env = env(context=dict(env.context, **NO_TRACK))
    timings = {}
    t0 = time.perf_counter()

    # ---------------------------------------------------------------- levels and grids
    level_names = ("县委", "乡镇党委", "村党组织", "自然村党小组", "网格")
    levels = env["party.grid.level"].create([
        {"name": f"{n}（基准）", "code": f"BENCH{i}", "sequence": 100 + i} for i, n in enumerate(level_names)
    ])
    root = env["party.grid"].create({"name": "基准县", "code": "B", "level_id": levels[0].id,
                                     "org_type": "committee", "org_name": "中共基准县委员会"})
    tree = [root]
    layer = root
    n_target = max(int(1000 * scale), 5)
    made = 1
    for depth, fanout in enumerate(FANOUT, start=1):
        vals = []
        for parent in layer:
            count = fanout
            for k in range(count):
                if made + len(vals) >= n_target:
                    break
                vals.append({"name": f"{parent.name[-6:]}-{k + 1}", "parent_id": parent.id,
                             "level_id": levels[depth].id,
                             "org_type": ("committee", "branch", "group", "group")[depth - 1]})
        if not vals:
            break
        layer = _create(env["party.grid"], vals)
        made += len(layer)
        tree.append(layer)
    grids = env["party.grid"].browse([g.id for layer_ in tree for g in layer_])
    leaves = tree[-1]
    env.cr.commit()
    timings["grids"] = time.perf_counter() - t0
    log(f"  {len(grids)} grids over {len(tree)} levels: {timings['grids']:.1f} s")

    # ---------------------------------------------------------------- members
    t1 = time.perf_counter()
    n_members = int(6000 * scale)
    member_grids = [rng.choice(leaves) for _ in range(n_members)]
    members = _create(env["party.member"], [
        {"name": person_name(rng), "grid_id": g.id, "phone": f"13{rng.randrange(10**9):09d}",
         "status": rng.choices(("full", "probationary", "activist", "applicant"), (85, 5, 6, 4))[0],
         "is_away": rng.random() < 0.1}
        for g in member_grids
    ])
    env.cr.commit()
    timings["members"] = time.perf_counter() - t1
    log(f"  {len(members)} party members: {timings['members']:.1f} s")

    # ---------------------------------------------------------------- workers and volunteers
    t2 = time.perf_counter()
    n_workers = int(5000 * scale)
    partners = _create(env["res.partner"], [{"name": person_name(rng)} for _ in range(n_workers)])
    roles = _create(env["party.grid.role"], [
        {"grid_id": rng.choice(leaves).id, "partner_id": p.id,
         "role": rng.choices(("full_time", "part_time", "volunteer", "mediator"), (20, 30, 45, 5))[0]}
        for p in partners
    ])
    env.cr.commit()
    timings["workers"] = time.perf_counter() - t2
    log(f"  {len(roles)} grid workers and volunteers: {timings['workers']:.1f} s")

    # ---------------------------------------------------------------- households
    t3 = time.perf_counter()
    tags = env["party.household.tag"].search([])
    by_grid = {}
    for m in members:
        # contact members are full or probationary members (activists and applicants are not)
        if m.status in ("full", "probationary"):
            by_grid.setdefault(m.grid_id.id, []).append(m.id)
    n_households = int(50000 * scale)
    vals = []
    for i in range(n_households):
        grid = leaves[i % len(leaves)]
        candidates = by_grid.get(grid.id)
        covered = candidates and rng.random() < 0.93
        vals.append({
            "name": f"{person_name(rng)}户", "grid_id": grid.id,
            "kind": rng.choices(("household", "tenant", "shop", "enterprise"), (88, 6, 5, 1))[0],
            "residents_count": rng.randint(1, 6),
            "contact_member_id": rng.choice(candidates) if covered else False,
            "contact_reason": "near" if covered else False,
            "tag_ids": [(6, 0, rng.sample(tags.ids, 1))] if tags and rng.random() < 0.15 else [],
        })
    households = _create(env["party.household"], vals)
    env.cr.commit()
    timings["households"] = time.perf_counter() - t3
    log(f"  {len(households)} households: {timings['households']:.1f} s")

    # ---------------------------------------------------------------- users for the benchmarks
    worker_group = env.ref("party_grid.party_grid_group_worker")
    township_group = env.ref("party_grid.party_grid_group_township")
    users = env["res.users"].with_context(no_reset_password=True)
    worker = users.create({"name": "基准网格员", "login": "bench_worker",
                           "groups_id": [(6, 0, [worker_group.id])]})
    officer = users.create({"name": "基准乡镇干部", "login": "bench_township",
                            "groups_id": [(6, 0, [township_group.id])]})
    env["party.grid.role"].create({"grid_id": leaves[0].id, "user_id": worker.id, "role": "full_time"})
    township = tree[1][0]
    officer.party_grid_extra_ids = [(6, 0, [township.id])]
    env.cr.commit()
    timings["total"] = time.perf_counter() - t0
    return {"root": root, "township": township, "leaf": leaves[0], "worker": worker,
            "officer": officer, "grids": len(grids), "members": len(members),
            "workers": len(roles), "households": len(households), "timings": timings}
