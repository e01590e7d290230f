"""Load figures (not a timed test): rps and latency of the production server under an open-loop load on loopback.

    source env.sh   # GAOQI_SECRET_KEY, DATABASE_URL (PostgreSQL), GAOQI_SITE_URL, as for scripts/serve
    .venv/bin/python bench/load_bench.py --enterprises 100000 --rate 200 --seconds 20 --runs 3

Loads demo data when the database holds fewer enterprises than asked, gives 200 enterprises a user each, starts
``scripts/serve`` (web only, on ``--port``) unless ``--url`` names a running server, and signs the users and the bureau
in by writing their sessions (the server's own secret key validates them). Each scenario is then offered ``--rate``
requests a second for ``--seconds`` (arrivals on a fixed schedule, at most ``--in-flight`` outstanding), as through
the TLS proxy (``X-Forwarded-Proto: https``). Prints per scenario and run: completed rps, p50/p95/p99 in ms and errors
(non-200 answers, timeouts) and the CPU the server's processes and this database's PostgreSQL backends spent per
request (on a shared machine the rps depends on the neighbours; the CPU per request does much less), then the median
of the runs. Loopback only; every run is bounded in count and time.
"""

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from importlib import import_module
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.production")

import aiohttp  # noqa: E402
import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.templatetags.static import static  # noqa: E402

from gaoqi.apps.assessments.models import Assessment  # noqa: E402
from gaoqi.apps.enterprises.models import Enterprise, Membership  # noqa: E402
from gaoqi.core.districts import DISTRICTS, TECH_FIELDS  # noqa: E402
from gaoqi.core.roles import Role  # noqa: E402

LOAD_USERS = 200
SEARCHES = ["高企", "研发费用", "补贴", "人才", "知识产权", "专精特新", "科技型中小企业", "贷款贴息", "孵化器", "IPO"]
SCENARIOS = ("enterprise-home", "report", "console-list", "policy-search", "static")


def load_users(rng: random.Random) -> list:
    """``LOAD_USERS`` enterprise users (made once, on random enterprises with an assessment)."""
    User = get_user_model()
    users = list(User.objects.filter(username__startswith="load-").order_by("pk"))
    if len(users) < LOAD_USERS:
        taken = Membership.objects.values("enterprise_id")
        pool = list(
            Assessment.objects.filter(is_latest=True)
            .exclude(enterprise_id__in=taken)
            .values_list("enterprise_id", flat=True)[:20_000]
        )
        for pk in rng.sample(pool, LOAD_USERS - len(users)):
            user = User.objects.create(username=f"load-{pk}", role=Role.ENTERPRISE, password="!")
            Membership.objects.create(user=user, enterprise_id=pk, is_admin=True)
        users = list(User.objects.filter(username__startswith="load-").order_by("pk"))
    return users


def session_cookie(user) -> str:
    """A signed-in session for the user, written where the server reads sessions."""
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def targets(rng: random.Random, users: list, bureau) -> dict[str, list[tuple[str, str]]]:
    """Per scenario, the (path, cookie) pairs requests are drawn from."""
    cookies = {u.pk: session_cookie(u) for u in users}
    reports = dict(
        Assessment.objects.filter(is_latest=True, enterprise__memberships__user__in=users).values_list(
            "enterprise__memberships__user", "pk"
        )
    )
    staff = session_cookie(bureau)
    consoles = [
        "/console/?"
        + urlencode(
            {
                "district": rng.choice(["", *(c for c, _n in DISTRICTS)]),
                "field": rng.choice(["", *(c for c, _n in TECH_FIELDS)]),
                "verdict": rng.choice(["", "eligible", "ineligible", "unknown"]),
                "page": rng.randint(1, 5),
            }
        )
        for _ in range(200)
    ]
    return {
        "enterprise-home": [("/portal/", cookies[u.pk]) for u in users],
        "report": [(f"/reports/{reports[u.pk]}/", cookies[u.pk]) for u in users if u.pk in reports],
        "console-list": [(path, staff) for path in consoles],
        "policy-search": [("/policies/?" + urlencode({"q": q}), cookies[u.pk]) for q in SEARCHES for u in users[:20]],
        "static": [(static(name), "") for name in ("vendor/htmx.min.js", "web/theme.css", "vendor/echarts.min.js")],
    }


async def offer(base: str, host: str, pairs, rate: float, seconds: float, in_flight: int, rng) -> dict:
    """Send ``rate`` requests a second on a fixed schedule; returns latencies (s) and the error count."""
    latencies, errors = [], 0
    gate = asyncio.Semaphore(in_flight)
    timeout = aiohttp.ClientTimeout(total=10)
    connector = aiohttp.TCPConnector(limit=in_flight)
    async with aiohttp.ClientSession(
        base, connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()
    ) as s:

        async def one(path, cookie):
            nonlocal errors
            async with gate:
                headers = {"Host": host, "X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"}
                if cookie:
                    headers["Cookie"] = cookie
                start = time.perf_counter()
                try:
                    async with s.get(path, headers=headers, allow_redirects=False) as response:
                        await response.read()
                        ok = response.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                latencies.append(time.perf_counter() - start)
                errors += not ok

        tasks, start, n = [], time.perf_counter(), int(rate * seconds)
        for i in range(n):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(*rng.choice(pairs))))
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - start
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def cpu_seconds(pids) -> float:
    """User + system CPU time of these processes (Linux /proc), those still alive."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def serving_pids(server_pid: int | None) -> list[int]:
    """The web server's processes and the PostgreSQL backends serving this database (the machine may be shared:
    CPU per request counts only these)."""
    pids = []
    if server_pid is not None:
        children = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        todo = [server_pid]
        while todo:
            pid = todo.pop()
            pids.append(pid)
            todo.extend(children.get(pid, []))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        pids += [row[0] for row in cursor.fetchall()]
    return pids


def figures(result: dict, cpu: float) -> dict:
    cuts = statistics.quantiles(result["latencies"], n=100)
    return {
        "rps": len(result["latencies"]) / result["elapsed"],
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "errors": result["errors"],
        "cpu_ms": cpu * 1000 / len(result["latencies"]),
    }


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "GAOQI_BIND": f"127.0.0.1:{port}", "GAOQI_SERVE_WORKERS": "0", "GAOQI_ACCESS_LOG": "0"}
    server = subprocess.Popen([str(ROOT / "scripts" / "serve")], cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        probe = subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/static/web/app.css"])
        if probe.returncode == 0:
            return server
        time.sleep(0.5)
    server.terminate()
    raise SystemExit("the server did not answer within 120 s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--enterprises", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=200, help="requests offered per second")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--in-flight", type=int, default=64)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--url", help="a running server (default: start scripts/serve on --port)")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.rate * args.seconds > 20_000 or urlsplit(args.url or "http://127.0.0.1").hostname not in {
        "127.0.0.1",
        "::1",
    }:
        raise SystemExit("bounded: at most 20,000 requests a run, against loopback only")

    if Enterprise.objects.count() < args.enterprises:
        call_command("demo", enterprises=args.enterprises, seed=args.seed, verbosity=0)
    if not Assessment.objects.filter(is_latest=True).exists():
        call_command("reassess", verbosity=0)
    pools = targets(rng, load_users(rng), get_user_model().objects.get(username="bureau"))
    server = None if args.url else start_server(args.port)
    base = args.url or f"http://127.0.0.1:{args.port}"
    host = urlsplit(settings.NOTIFICATIONS["site_url"]).hostname
    try:
        for name in args.scenarios.split(","):
            runs = []
            asyncio.run(offer(base, host, pools[name], args.rate, 2, args.in_flight, rng))  # warm the workers
            for n in range(args.runs):
                pids = serving_pids(server.pid if server else None)
                before, load = cpu_seconds(pids), os.getloadavg()[0]
                result = asyncio.run(offer(base, host, pools[name], args.rate, args.seconds, args.in_flight, rng))
                runs.append(figures(result, cpu_seconds(pids) - before))
                r = runs[-1]
                print(f"{name:<16} run {n + 1}  {r['rps']:7.1f} rps  p50 {r['p50']:6.1f}  p95 {r['p95']:6.1f}  "
                      f"p99 {r['p99']:6.1f} ms  errors {r['errors']}  server+db CPU {r['cpu_ms']:.1f} ms/request  "
                      f"(load average {load:.1f})", flush=True)  # fmt: skip
            med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
            print(f"{name:<16} median {med['rps']:7.1f} rps  p50 {med['p50']:6.1f}  p95 {med['p95']:6.1f}  "
                  f"p99 {med['p99']:6.1f} ms  errors {med['errors']:.0f}  server+db CPU {med['cpu_ms']:.1f} ms/request "
                  f"(offered {args.rate:.0f}/s)", flush=True)  # fmt: skip
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
