# Copyright 2026 party_grid developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Load test of the residents' submit page (party_grid_portal) against a
served Odoo: COUNT residents, CONCURRENCY at a time, each opens the grid's QR
page (GET, for the session and the CSRF token) and submits a request (POST,
one photo), with their own phone number; the POST ends with the 303 to
the new request's tracking page, which is not fetched. Prints the latency of both steps
(median, p95, max) and fails when a submission is refused or p95 of the
POST exceeds --max-p95. Bounded: --count at most 500, every request times
out after --timeout seconds and the whole run after --deadline seconds.

    python bench/portal_load.py --url http://127.0.0.1:8069 \\
        --token demo-zhangshijun-1 --count 50 --concurrency 50 --forwarded

Stdlib only. The per-address rate limit (30 per hour by default) would
refuse 50 submissions from one machine: serve Odoo with --proxy-mode and
pass --forwarded (each resident gets an X-Forwarded-For address of its own,
as behind the county's reverse proxy), or raise the system parameter
party_grid_portal.limit_ip_per_hour on the test database.

Odoo's prefork server (--workers N) queues 8 waiting connections per worker
process; a connection beyond that is dropped and the phone's kernel tries
again after 1 s (then 3 s). 50 residents at once need --workers 7 or more;
the script prints how many connections the kernel dropped (Linux, server on
the same machine)."""

import argparse
import http.cookiejar
import random
import re
import statistics
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor, as_completed


def make_png(width=64, height=48):
    """A small valid PNG (grey), built with the standard library."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = make_png()
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
CATEGORY_RE = re.compile(r'<option value="(\d+)"')


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
            f"\r\n\r\n{value}\r\n".encode()
        )
    for name, filename, data in files:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: image/png\r\n\r\n'.encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def resident(index, args):
    """One resident: open the page, submit; returns (get_s, post_s, ok, why)."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(jar), NoRedirect()
    )
    headers = {"User-Agent": "party-grid-portal-load"}
    if args.forwarded:
        # Odoo (--proxy-mode) trusts X-Forwarded-For with X-Forwarded-Host
        headers["X-Forwarded-For"] = (
            f"10.{index // 250}.{index % 250}.{random.randint(1, 250)}"
        )
        headers["X-Forwarded-Host"] = urllib.parse.urlsplit(args.url).netloc
    page = f"{args.url}/party/grid/{args.token}"
    start = time.perf_counter()
    with opener.open(
        urllib.request.Request(page, headers=headers), timeout=args.timeout
    ) as resp:
        html = resp.read().decode()
    get_s = time.perf_counter() - start
    csrf = CSRF_RE.search(html).group(1)
    category = CATEGORY_RE.search(html).group(1)
    body, ctype = multipart(
        {
            "csrf_token": csrf,
            "category_id": category,
            "description": f"压力测试第 {index} 件：路灯不亮，请尽快维修。",
            "name": f"测试居民{index}",
            "phone": f"139{args.phone_seed:04d}{index:04d}",
            # --email: every other resident asks for the receipt by e-mail
            "email": (
                f"r{args.phone_seed}-{index}@example.com"
                if args.email and index % 2
                else ""
            ),
        },
        [("photos", "photo.png", PNG)],
    )
    request = urllib.request.Request(
        page, data=body, headers={**headers, "Content-Type": ctype}, method="POST"
    )
    start = time.perf_counter()
    try:
        with opener.open(request, timeout=args.timeout) as resp:
            resp.read()
            status, location = resp.status, resp.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        status, location = error.code, error.headers.get("Location", "")
    # the submission is done when the server sends the resident on to the
    # tracking page of the new request (303); that page is not timed here
    ok = status == 303 and "/my/requests/" in location and "access_token=" in location
    why = "" if ok else f"HTTP {status} {location}"
    post_s = time.perf_counter() - start
    return get_s, post_s, ok, why


def listen_overflows():
    """The kernel's count of connections dropped because a listen queue was
    full (Linux; None elsewhere): meaningful when the server runs on this
    machine, as in the load test."""
    try:
        with open("/proc/net/netstat") as f:
            lines = f.read().splitlines()
    except OSError:
        return None
    for names, values in zip(lines[::2], lines[1::2], strict=False):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split(), values.split(), strict=False))
            return int(table.get("ListenOverflows", 0))
    return None


def summary(label, values):
    values = sorted(values)
    p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
    print(
        f"{label}: n={len(values)} median={statistics.median(values) * 1000:.0f} ms "
        f"p95={p95 * 1000:.0f} ms max={values[-1] * 1000:.0f} ms"
    )
    return p95


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--token", default="demo-zhangshijun-1")
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--deadline", type=float, default=120)
    parser.add_argument("--max-p95", type=float, default=1.0)
    parser.add_argument("--forwarded", action="store_true")
    parser.add_argument(
        "--email", action="store_true", help="every other resident gives an e-mail"
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=16,
        help="residents sent at once before the timed run (not counted)",
    )
    parser.add_argument("--phone-seed", type=int, default=random.randint(0, 9999))
    args = parser.parse_args()
    args.count = max(1, min(args.count, 500))
    args.concurrency = max(1, min(args.concurrency, args.count))
    args.warmup = max(1, min(args.warmup, 50))
    # warm-up (not counted): the first requests build the asset bundles and
    # fill each worker process's caches (a server that has just started
    # compiles its templates once per process)
    with ThreadPoolExecutor(max_workers=args.warmup) as pool:
        list(pool.map(lambda i: resident(args.count + i, args), range(args.warmup)))
    overflows = listen_overflows()
    started = time.perf_counter()
    results, failures = [], []
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        futures = [pool.submit(resident, i, args) for i in range(args.count)]
        for future in as_completed(futures, timeout=args.deadline):
            try:
                results.append(future.result())
            except Exception as error:  # noqa: BLE001 - reported, run goes on
                failures.append(repr(error))
    wall = time.perf_counter() - started
    failures += [why for _g, _p, ok, why in results if not ok]
    print(
        f"{args.count} residents, {args.concurrency} at a time, in {wall:.1f} s "
        f"({len(failures)} failed)"
    )
    if results:
        summary("GET submit page", [r[0] for r in results])
        p95 = summary("POST submission", [r[1] for r in results])
    if overflows is not None:
        # a connection the server's listen queue had no room for waits for
        # the kernel's SYN retry (1 s, then 3 s): Odoo's prefork server
        # queues 8 connections per worker process
        print(
            "connections dropped by a full listen queue (each waits >= 1 s): "
            f"{listen_overflows() - overflows}"
        )
    for why in failures[:5]:
        print("failure:", why)
    if failures or not results or p95 > args.max_p95:
        sys.exit(1)


if __name__ == "__main__":
    main()
