"""Add a year of service tickets to a generated county (issue #5): ``10,000 * scale`` tickets
with their handling logs, in batches through the ORM.

The mix follows seed 002 (青草镇: 144 items, 102 self-closed, 39 to the village, 3 to the
township): about 70 % closed by the grid itself, 27 % reported to the village, 3 % to the
township; 85 % concluded, the rest open at some stage; a few reopened, extended, rejected.
Tickets are created with their final state and one log line per step, as the operations
would have left them.
"""

import random
import time
from datetime import datetime, timedelta

from .county import NO_TRACK, _batched

BATCH = 2000
TITLES = ("路灯不亮", "道路破损", "邻里纠纷", "代办医保报销", "咨询低保政策", "垃圾清运",
          "违规搭建", "自来水管漏水", "困难家庭帮扶", "私拉电线隐患", "施划道路标线", "代购农资")


def _stages(env):
    return {s.code: s for s in env["party.ticket.stage"].search([])}


def generate_tickets(env, data, scale=1.0, seed=20261123, log=print):
    """Create the tickets of the county of ``data`` (see bench.common.find_dataset)."""
    rng = random.Random(seed)
    env = env(context=dict(env.context, **NO_TRACK))
    t0 = time.perf_counter()
    root = data["root"]
    grids = env["party.grid"].search([("id", "child_of", root.id)])
    depth = {g.id: len(g.parent_path.strip("/").split("/")) for g in grids}
    max_depth = max(depth.values())
    leaves = grids.filtered(lambda g: depth[g.id] == max_depth)
    by_id = {g.id: g for g in grids}
    stages = _stages(env)
    categories = env["party.ticket.category"].search([])
    worker, officer = data["worker"], data["officer"]
    now = datetime.now().replace(microsecond=0)
    n = int(10000 * scale)
    made = logs = 0
    for chunk in _batched(list(range(n)), BATCH):
        vals_list, steps_list = [], []
        for i in chunk:
            # the bench worker's grid gets its share first, so that its board is not empty
            leaf = leaves[0] if i % 50 == 0 else leaves[i % len(leaves)]
            path = [int(x) for x in leaf.parent_path.strip("/").split("/")]
            village, township = by_id[path[-2]], by_id[path[2]] if len(path) > 2 else by_id[path[-2]]
            received = now - timedelta(days=rng.uniform(0, 365))
            level = rng.choices(("self", "village", "township"), (70, 27, 3))[0]
            grid = {"self": leaf, "village": village, "township": township}[level]
            category = rng.choice(categories)
            user = worker if leaf == leaves[0] and level == "self" else (
                officer if grid == township and township == data["township"] else False)
            concluded = rng.random() < 0.85 and received < now - timedelta(days=2)
            accepted = received + timedelta(hours=rng.uniform(0.2, 30))
            vals = {
                "title": rng.choice(TITLES), "grid_id": grid.id, "origin_grid_id": leaf.id,
                "category_id": category.id, "source": rng.choice(("visit", "walk_in", "phone", "online")),
                "date_received": received, "date_assigned": received, "date_accepted": accepted,
                "user_id": user and user.id, "partner_id": False,
            }
            steps = [("create", leaf, leaf, "new")]
            if level != "self":
                steps.append(("report", leaf, village, "new"))
                if level == "township":
                    steps.append(("report", village, township, "new"))
            steps.append(("claim", grid, grid, "accepted"))
            if concluded:
                closed = accepted + timedelta(days=rng.uniform(0.1, 12))
                rejected = rng.random() < 0.03
                vals.update({
                    "resolved_grid_id": grid.id, "resolved_level_id": grid.level_id.id,
                    "date_closed": closed, "feedback": "已当面告知", "feedback_date": closed,
                })
                if rejected:
                    vals.update({"stage_id": stages["rejected"].id, "handling_type": "reject",
                                 "reject_reason": "不符合政策规定"})
                    steps.append(("reject", grid, grid, "rejected"))
                else:
                    visited = rng.random() < 0.8
                    vals.update({
                        "stage_id": stages["closed" if visited else "done"].id,
                        "resolution": "已办结", "is_verified": True,
                        "satisfaction": visited and rng.choices(("satisfied", "basic", "unsatisfied"), (85, 12, 3))[0],
                        "reopen_count": 1 if rng.random() < 0.03 else 0,
                        "extension_count": 1 if rng.random() < 0.05 else 0,
                    })
                    steps += [("submit", grid, grid, "verify"), ("verify", grid, grid, "verify"),
                              ("close", grid, grid, "done")]
                    if visited:
                        steps.append(("return_visit", grid, grid, "closed"))
            else:
                vals["stage_id"] = stages[rng.choice(("new", "accepted", "in_progress", "in_progress"))].id
                if vals["stage_id"] == stages["new"].id:
                    vals["user_id"] = False
                    vals["date_accepted"] = False
                    steps.pop()
            vals_list.append(vals)
            steps_list.append((steps, received))
        tickets = env["party.ticket"].create(vals_list)
        # the create log line comes from create(); add the other steps
        log_vals = []
        for ticket, (steps, received) in zip(tickets, steps_list, strict=True):
            for k, (operation, from_grid, to_grid, stage) in enumerate(steps[1:], start=1):
                log_vals.append({
                    "ticket_id": ticket.id, "operation": operation,
                    "date": received + timedelta(hours=k), "user_id": env.uid,
                    "from_grid_id": from_grid.id, "to_grid_id": to_grid.id,
                    "to_stage_id": stages[stage].id, "reason": "基准数据",
                })
        env["party.ticket.log"].create(log_vals)
        made += len(tickets)
        logs += len(log_vals) + len(tickets)
        env.cr.commit()
    # fresh statistics, as a database in use would have (autovacuum runs later)
    env.cr.execute("ANALYZE party_ticket, party_ticket_log")
    env.cr.commit()
    elapsed = time.perf_counter() - t0
    log(f"  {made} tickets with {logs} handling log lines: {elapsed:.1f} s")
    return {"tickets": made, "logs": logs, "seconds": elapsed}
