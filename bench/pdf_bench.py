"""Report PDF figures (not a timed test): documents/s and peak memory at 1 and 4 concurrent users.

    source env.sh   # GAOQI_SECRET_KEY, DATABASE_URL (PostgreSQL, with assessed demo enterprises), GAOQI_SITE_URL
    .venv/bin/python bench/pdf_bench.py                       # this tree: scripts/serve (gunicorn + task workers)
    .venv/bin/python bench/pdf_bench.py --tree /tmp/before --no-workers   # an older checkout, same gunicorn config

Starts the server (``--tree``'s gunicorn with ``gaoqi/config/gunicorn.py``, plus one ``db_worker`` per queue unless
``--no-workers``), signs the bureau in by writing its session, then fetches report PDFs of distinct assessments the
way a browser without script does: GET ``report.pdf``, and while it answers 202 ("生成中"), ask again every 0.25 s.
Phases: 1 user × ``--documents`` reports, 4 users × ``--documents`` reports each (all cold: stored PDFs of the
chosen reports are deleted first), then the same reports again (cached). Prints documents/s, the median and slowest
time to a PDF, and the peak memory of the whole process tree (gunicorn, workers, every Chromium): RSS summed, and PSS
(shared pages divided among their processes).
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gaoqi.config.production")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model  # noqa: E402

from gaoqi.apps.assessments.models import Assessment  # noqa: E402
from gaoqi.apps.assessments.pdf import REPORT  # noqa: E402
from gaoqi.core.models import PrintedDocument  # noqa: E402


def session_cookie(user) -> str:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def memory_kib(pids) -> tuple[int, int]:
    """Summed RSS and PSS of the processes (KiB)."""
    rss = pss = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return rss, pss


class Peak(threading.Thread):
    """Samples the server's process tree every 0.2 s and keeps the highest RSS and PSS seen."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root, self.rss, self.pss, self.running = root, 0, 0, True

    def run(self):
        while self.running:
            rss, pss = memory_kib(tree(self.root))
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            time.sleep(0.2)


def fetch(base: str, host: str, cookie: str, pk: int) -> float:
    """Seconds until the report PDF of assessment ``pk`` arrives."""
    headers = {"Host": host, "X-Forwarded-Proto": "https", "Cookie": cookie}
    start = time.perf_counter()
    while time.perf_counter() - start < 300:
        request = urllib.request.Request(f"{base}/files/reports/{pk}/report.pdf", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=120) as response:
                body, status, kind = response.read(), response.status, response.headers["Content-Type"]
        except urllib.error.HTTPError as error:
            raise SystemExit(f"report {pk}: HTTP {error.code} {error.read()[:200]!r}") from None
        if status == 200 and kind == "application/pdf":
            assert body.startswith(b"%PDF")
            return time.perf_counter() - start
        time.sleep(0.25)
    raise SystemExit(f"report {pk}: no PDF after 300 s")


def phase(name, base, host, cookie, pks, users, peak):
    peak.rss = peak.pss = 0
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        times = list(pool.map(lambda pk: fetch(base, host, cookie, pk), pks))
    elapsed = time.perf_counter() - start
    time.sleep(0.4)
    print(
        f"{name:<24} {len(pks):>3} PDFs  {len(pks) / elapsed:5.2f} PDF/s  median {statistics.median(times):5.2f} s  "
        f"slowest {max(times):5.2f} s  peak RSS {peak.rss / 1024:6.0f} MiB  peak PSS {peak.pss / 1024:6.0f} MiB",
        flush=True,
    )


def start(tree_dir: Path, port: int, workers: bool) -> subprocess.Popen:
    env = {**os.environ, "GAOQI_BIND": f"127.0.0.1:{port}", "GAOQI_ACCESS_LOG": "0", "PYTHONPATH": str(tree_dir)}
    bin_dir = Path(sys.executable).parent
    command = f"exec {bin_dir}/gunicorn --config {ROOT}/gaoqi/config/gunicorn.py gaoqi.config.wsgi:application"
    if workers:
        worker = f"{bin_dir}/python manage.py db_worker --no-reload --no-startup-delay --queue-name"
        command = f"{worker} default & {worker} pdf & {command.removeprefix('exec ')}"
    server = subprocess.Popen(["bash", "-c", command], cwd=tree_dir, env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        probe = ["curl", "-sf", "-o", "/dev/null", f"http://127.0.0.1:{port}/accounts/login/"]
        if subprocess.run([*probe, "-H", "X-Forwarded-Proto: https", "-H", f"Host: {args_host()}"]).returncode == 0:
            return server
        time.sleep(0.5)
    os.killpg(server.pid, 15)
    raise SystemExit("the server did not answer within 120 s")


def args_host() -> str:
    return urlsplit(settings.NOTIFICATIONS["site_url"]).hostname


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout to serve (default: this one)")
    parser.add_argument("--no-workers", action="store_true", help="for trees that print in the request")
    parser.add_argument("--documents", type=int, default=6, help="reports per user and phase")
    parser.add_argument("--port", type=int, default=8741)
    args = parser.parse_args()

    cookie = session_cookie(get_user_model().objects.get(username="bureau"))
    latest = Assessment.objects.filter(is_latest=True).order_by("-pk").values_list("pk", flat=True)
    pks = list(latest[: 5 * args.documents])
    PrintedDocument.objects.filter(kind=REPORT, object_id__in=pks).delete()  # every run starts cold
    server = start(args.tree.resolve(), args.port, workers=not args.no_workers)
    base, host = f"http://127.0.0.1:{args.port}", args_host()
    peak = Peak(server.pid)
    peak.start()
    try:
        time.sleep(2)
        rss, pss = memory_kib(tree(server.pid))
        print(f"{'idle server':<24} {'':>31} {'':>33}  RSS {rss / 1024:6.0f} MiB       PSS {pss / 1024:6.0f} MiB")
        phase("1 user, cold", base, host, cookie, pks[: args.documents], 1, peak)
        four = pks[args.documents : 5 * args.documents]
        phase("4 users, cold", base, host, cookie, four, 4, peak)
        phase("4 users, same reports", base, host, cookie, four, 4, peak)
    finally:
        peak.running = False
        os.killpg(server.pid, 15)
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
