"""A web-client stand-in for tests/test_replica.py: JSON-RPC calls through the
real HTTP routes, as Odoo 18's web client makes them (web_search_read and
web_read with the fields of the served views, web_read_group and
read_progress_bar for a grouped kanban, read_group for pivot and graph, the
form's smart buttons through call_button), each remembered with whether it
only reads, so that the server's log line of the call (its cursor mode: ro,
rw, ro->rw) can be held against it."""

import itertools
import json
import re
import time

import requests
from lxml import etree

# the client's read calls: Odoo 18 serves them from the replica (@api.readonly)
READS = {
    "web_search_read",
    "web_read",
    "web_read_group",
    "read_group",
    "read_progress_bar",
    "search_read",
    "search_count",
    "get_views",
    "name_search",
}
# a request line of the log: the call's number (the query string ?replay=N, which
# the routes ignore) and the cursor that served it, last on the line
ACCESS_LINE = re.compile(
    r'werkzeug: \S+ - - \[[^\]]*\] "\w+ \S+[?&]replay=(\d+) [^"]*" \d+ .* (ro->rw|ro|rw)\s*$'
)


class RpcError(Exception):
    pass


class Call:
    """One request: what it was, whether the product only reads in it
    (expect "ro"), writes ("rw") or it is the platform's (None: reported)."""

    def __init__(self, number, server, method, path, label, expect):
        self.number, self.server, self.method, self.path = number, server, method, path
        self.label, self.expect, self.mode = label, expect, None

    def __repr__(self):
        return f"{self.label} [{self.mode}, expected {self.expect or 'any'}]"


class Client:
    _ids = itertools.count(int(time.time()) * 10000)  # unique across runs on one log

    def __init__(self, base_urls, db, login, calls):
        self.bases, self.db, self.login = base_urls, db, login
        self.calls = calls  # shared journal, in the order the requests were made
        self.http = requests.Session()
        self.server = 0
        self.uid = None
        self.context = {}
        self.views = {}  # the web client keeps the views it has loaded
        # with ``dedupe``, a read this user already made (same route and parameters, e.g.
        # the same list behind two menus) is answered from the first answer, not sent again:
        # the server's cursor for it was checked the first time
        self.dedupe = False
        self.answered = {}
        self.repeated = 0

    # ------------------------------------------------------------ transport
    def _record(self, method, path, label, expect):
        call = Call(
            next(self._ids), self.server, method, path, f"{self.login}: {label}", expect
        )
        self.calls.append(call)
        return f"{self.bases[self.server]}{path}?replay={call.number}", call

    def json(self, path, params, label, expect):
        key = None
        if self.dedupe and expect == "ro":
            key = (self.server, path, json.dumps(params, sort_keys=True, default=str))
            if key in self.answered:
                self.repeated += 1
                return self.answered[key]
        url, call = self._record("POST", path, label, expect)
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": call.number,
            "params": params,
        }
        resp = self.http.post(url, json=payload, timeout=60)
        resp.raise_for_status()
        body = resp.json()
        if body.get("error"):
            data = body["error"].get("data", {})
            raise RpcError(
                f"{self.login}: {label}: {data.get('name')}: {data.get('message')}"
            )
        if key:
            self.answered[key] = body["result"]
        return body["result"]

    def authenticate(self, password):
        info = self.json(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": password},
            "authenticate",
            None,
        )
        self.uid = info["uid"]
        self.context = dict(info["user_context"])
        return info

    def load_menus(self):
        url, _call = self._record(
            "GET",
            f"/web/webclient/load_menus/{int(time.time() * 1000)}",
            "load_menus",
            "ro",
        )
        resp = self.http.get(url, timeout=60)
        resp.raise_for_status()
        return resp.json()

    def call(self, model, method, args=(), kwargs=None, button=False, expect=None):
        kwargs = dict(kwargs or {})
        kwargs["context"] = {**self.context, **kwargs.get("context", {})}
        if expect is None:
            expect = "ro" if method in READS else None
        route = "call_button" if button else "call_kw"
        return self.json(
            f"/web/dataset/{route}/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            f"{model}.{method}",
            expect,
        )

    # ------------------------------------------------------------ screens
    def open_action(self, action_id, form=True):
        """The web client opening a window action: load it, its views, and
        its first view's data; with ``form``, then the first record's form and
        its smart buttons. Returns the first record's id (or None)."""
        action = self.json(
            "/web/action/load", {"action_id": action_id}, "action/load", "ro"
        )
        return self.show_action(action, form=form)

    def show_action(self, action, form=True):
        if action.get("type") != "ir.actions.act_window" or not action.get("res_model"):
            return None
        model = action["res_model"]
        ctx = action.get("context") or {}
        if isinstance(ctx, str):
            ctx = self.eval(ctx) or {}
        views = [
            list(v) for v in action.get("views") or [[False, "list"], [False, "form"]]
        ]
        views.append(
            [action.get("search_view_id") and action["search_view_id"][0], "search"]
        )
        key = (model, repr(views))
        got = self.views.get(key) or self.call(
            model,
            "get_views",
            kwargs={
                "views": views,
                "options": {
                    "action_id": action.get("id"),
                    "load_filters": True,
                    "toolbar": True,
                },
                "context": ctx,
            },
        )
        self.views[key] = got
        fields_of = {m: (v.get("fields", v)) for m, v in got["models"].items()}
        archs = {
            vtype: etree.fromstring(v["arch"]) for vtype, v in got["views"].items()
        }
        domain = action.get("domain") or []
        if isinstance(domain, str):
            domain = self.eval(domain) or []
        domain = list(domain) + self.default_filters(archs.get("search"), ctx)
        first = views[0][1]
        arch = archs.get(first)
        record_id = None
        kw = {"context": ctx}
        if first in ("list", "kanban") and arch is not None:
            spec = self.spec(arch, model, fields_of)
            group_by = arch.get("default_group_by") if first == "kanban" else None
            group_by = group_by or (
                ctx.get("group_by") if isinstance(ctx.get("group_by"), str) else None
            )
            if group_by:
                groups = self.call(
                    model,
                    "web_read_group",
                    kwargs={
                        "domain": domain,
                        "fields": [],
                        "groupby": [group_by],
                        "lazy": True,
                        **kw,
                    },
                )
                bar = arch.find("progressbar")
                if bar is not None:
                    self.call(
                        model,
                        "read_progress_bar",
                        kwargs={
                            "domain": domain,
                            "group_by": group_by,
                            "progress_bar": {
                                "field": bar.get("field"),
                                "colors": self.eval(bar.get("colors")),
                            },
                            **kw,
                        },
                    )
                for group in groups["groups"]:
                    if group.get("__fold") or not group.get(f"{group_by}_count", 1):
                        continue
                    res = self.call(
                        model,
                        "web_search_read",
                        kwargs={
                            "domain": group["__domain"],
                            "specification": spec,
                            "limit": 40,
                            **kw,
                        },
                    )
                    record_id = record_id or (
                        res["records"] and res["records"][0]["id"]
                    )
            else:
                res = self.call(
                    model,
                    "web_search_read",
                    kwargs={
                        "domain": domain,
                        "specification": spec,
                        "limit": 80,
                        "count_limit": 10001,
                        **kw,
                    },
                )
                record_id = res["records"] and res["records"][0]["id"]
        elif first in ("pivot", "graph") and arch is not None:
            rows = [
                f.get("name")
                for f in arch.iter("field")
                if f.get("type") in ("row", "col", None) and f.get("type") != "measure"
            ]
            measures = [
                f"{f.get('name')}:sum"
                for f in arch.iter("field")
                if f.get("type") == "measure"
            ]
            self.call(
                model,
                "read_group",
                kwargs={
                    "domain": domain,
                    "fields": ["__count", *measures],
                    "groupby": rows[:2],
                    "lazy": False,
                    **kw,
                },
            )
            res = self.call(
                model,
                "search_read",
                kwargs={"domain": domain, "fields": ["id"], "limit": 1, **kw},
            )
            record_id = res and res[0]["id"]
        elif action.get("res_id"):
            record_id = action["res_id"]
        elif first == "form" and archs.get("form") is not None:
            # a new record (a wizard): the client asks for its defaults
            spec = self.spec(archs["form"], model, fields_of)
            self.call(model, "onchange", [[], {}, [], spec], {"context": ctx})
        form_arch = archs.get("form")
        if form and record_id and form_arch is not None:
            self.read_form(model, record_id, form_arch, fields_of, ctx)
        return record_id

    def read_form(self, model, record_id, form, fields_of, ctx, buttons=True):
        spec = self.spec(form, model, fields_of)
        record = self.call(
            model, "web_read", [[record_id]], {"specification": spec, "context": ctx}
        )[0]
        if buttons:
            for button in form.iterfind(
                ".//div[@name='button_box']/button[@type='object']"
            ):
                # the smart button's own method (the list it opens is a screen like the others)
                self.call(
                    model,
                    button.get("name"),
                    [[record_id]],
                    {"context": ctx},
                    button=True,
                    expect="ro",
                )
        return record

    def form_spec(self, model, view_xmlid=None, view_id=False):
        got = self.call(
            model, "get_views", kwargs={"views": [[view_id, "form"]], "options": {}}
        )
        fields_of = {m: (v.get("fields", v)) for m, v in got["models"].items()}
        return self.spec(
            etree.fromstring(got["views"]["form"]["arch"]), model, fields_of
        )

    # ------------------------------------------------------------ helpers
    def eval(self, text):
        if not text:
            return None
        from odoo.tools.safe_eval import (
            datetime as sdt,
        )
        from odoo.tools.safe_eval import (
            dateutil,
            safe_eval,
        )
        from odoo.tools.safe_eval import (
            time as stime,
        )

        today = sdt.date.today()
        env = {
            "uid": self.uid,
            "context_today": lambda: today,
            "relativedelta": dateutil.relativedelta.relativedelta,
            "datetime": sdt,
            "time": stime,
            "context": self.context,
            "active_id": False,
            "active_ids": [],
            "allowed_company_ids": self.context.get("allowed_company_ids", []),
        }
        try:
            return safe_eval(text, env)
        except Exception:  # a filter the stand-in cannot evaluate: the client's own
            return None

    def default_filters(self, search, ctx):
        """The domains of the search view's default filters (search_default_*)."""
        if search is None:
            return []
        parts = []
        for key, value in ctx.items():
            if not (key.startswith("search_default_") and value):
                continue
            node = search.find(f".//filter[@name='{key[len('search_default_') :]}']")
            domain = self.eval(node.get("domain")) if node is not None else None
            if domain:
                parts.append(domain)
        out = []
        for d in parts:
            out = ["&", *out, *d] if out else list(d)
        return out

    def spec(self, arch, model, fields_of):
        """The specification the web client sends for a view: every field of
        the view; many2one with its display name; x2many with the fields of
        its inline list or kanban, else its display names."""
        fields = fields_of.get(model, {})
        spec = {}
        for node in self._own_fields(arch):
            name = node.get("name")
            info = fields.get(name)
            if not info or name in spec:
                continue
            ftype = info.get("type")
            if ftype == "many2one":
                spec[name] = {"fields": {"display_name": {}}}
            elif ftype in ("one2many", "many2many"):
                sub = next((c for c in node if c.tag in ("list", "kanban")), None)
                if sub is not None:
                    spec[name] = {
                        "fields": self.spec(sub, info["relation"], fields_of),
                        "limit": 40,
                    }
                else:
                    spec[name] = {"fields": {"display_name": {}}}
            else:
                spec[name] = {}
        spec.setdefault("display_name", {})
        return spec

    def _own_fields(self, node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                yield child
            elif child.tag not in ("list", "kanban", "form", "templates"):
                yield from self._own_fields(child)
            elif child.tag == "templates":
                yield from (f for f in child.iter("field"))


def parse_access_log(text):
    """{call number: cursor mode} of the replayed requests in an Odoo log
    written with --db_replica_host (the cursor mode ends each request line)."""
    return {
        int(m.group(1)): m.group(2)
        for m in map(ACCESS_LINE.search, text.splitlines())
        if m
    }
