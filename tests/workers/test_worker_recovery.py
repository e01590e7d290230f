"""A real ``db_worker`` killed with SIGKILL in the middle of a batch re-assessment, and a new one started.

Everything runs as subprocesses on a SQLite file of its own, with the scheduler (``manage.py run_periodic``) ticking
beside the workers and a short lease (``GAOQI_TASK_LEASE_SECONDS``). After the kill: the batch task, left RUNNING,
is re-queued once its lease lapses; the new worker resumes the batch after its last committed chunk (each enterprise
is re-assessed exactly once in the batch); and the periodic escalation pass still runs, escalating requests that
became overdue while no worker was alive.
"""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ENTERPRISES, CHUNK = 240, 8

SET_UP = f"""
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
call_command("demo", enterprises={ENTERPRISES}, seed=3, verbosity=0)
from gaoqi.apps.assessments.models import BatchRun
from gaoqi.apps.assessments.tasks import reassess_all
from gaoqi.apps.enterprises.models import Enterprise
batch = BatchRun.objects.create(total=Enterprise.objects.count())
reassess_all.enqueue(batch.pk)
"""

OVERDUE = """
import datetime
from django.utils import timezone
from gaoqi.apps.enterprises.models import Membership
from gaoqi.apps.servicedesk.services import request_submit
from gaoqi.core.models import PeriodicJob
members = Membership.objects.select_related("user").order_by("pk")[:5]
filed = timezone.now() - datetime.timedelta(days=30)
for m in members:
    request_submit(actor=m.user, category="policy", title="加计扣除", description="预缴时如何享受？", at=filed)
PeriodicJob.objects.filter(name="servicedesk.escalate_overdue").update(next_run_at=timezone.now())
print(len(members))
"""


@pytest.fixture
def env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST") and k != "DATABASE_URL"}
    env |= {
        "DJANGO_SETTINGS_MODULE": "gaoqi.config.settings",
        "GAOQI_SQLITE_PATH": str(tmp_path / "workers.sqlite3"),
        "GAOQI_TASK_LEASE_SECONDS": "1.5",
        "GAOQI_SCHEDULER_SECONDS": "0.2",
        "GAOQI_BATCH_CHUNK": str(CHUNK),
    }
    env.pop("GAOQI_TASKS_REDIS_URL", None)
    return env


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def start(env, *args):
    """A manage.py command in the background, its output in a log file beside the database."""
    with open(Path(env["GAOQI_SQLITE_PATH"]).with_name(f"{args[0]}-{time.monotonic_ns()}.log"), "w") as log:
        return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=log, stderr=log)


def worker(env):
    return start(
        env, "db_worker", "--skip-checks", "--no-reload", "--no-startup-delay", "--interval", "0.1", "--queue-name", "*"
    )


def query(env, sql: str, *params):
    with closing(sqlite3.connect(env["GAOQI_SQLITE_PATH"], timeout=30)) as conn:
        return conn.execute(sql, params).fetchall()


def wait_for(what: str, check, timeout: float = 120):
    deadline = time.monotonic() + timeout
    while not (value := check()):
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)
    return value


def batch_state(env):
    return query(env, "SELECT status, done, total FROM assessments_batchrun")[0]


def batch_task(env):
    return query(
        env,
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE task_path LIKE ?",
        "%.reassess_all",
    )[0]


def test_a_killed_worker_s_batch_is_requeued_resumed_and_periodic_work_goes_on(env):
    manage(env, "shell", "--no-imports", "-c", SET_UP)
    scheduler = start(env, "run_periodic", "--skip-checks")
    first = worker(env)
    try:
        wait_for("two committed chunks", lambda: batch_state(env)[1] >= 2 * CHUNK)

        # Hold the database's write lock so the worker stops before its next chunk commits, then kill it there.
        with closing(sqlite3.connect(env["GAOQI_SQLITE_PATH"], isolation_level=None, timeout=30)) as lock:
            lock.execute("BEGIN IMMEDIATE")
            first.send_signal(signal.SIGKILL)
            first.wait()
            killed_at = time.monotonic()
            lock.execute("ROLLBACK")
        status, done_at_kill, total = batch_state(env)
        assert (status, total) == ("running", ENTERPRISES)
        assert 0 < done_at_kill < total
        assert done_at_kill % CHUNK == 0

        wait_for("the batch task re-queued", lambda: batch_task(env)[0] == "READY")
        requeue_seconds = time.monotonic() - killed_at
        overdue = int(manage(env, "shell", "--no-imports", "-c", OVERDUE))
        assert query(env, "SELECT count(*) FROM servicedesk_servicerequest WHERE escalation > 0") == [(0,)]

        second = worker(env)
        try:
            wait_for("the batch done", lambda: batch_state(env)[0] == "done")
            wait_for(
                "the overdue requests escalated",
                lambda: (
                    query(env, "SELECT count(*) FROM servicedesk_servicerequest WHERE escalation > 0")[0][0] == overdue
                ),
            )
        finally:
            second.send_signal(signal.SIGTERM)
            second.wait(timeout=30)
    finally:
        for process in (first, scheduler):
            if process.poll() is None:
                process.kill()
                process.wait()

    status, worker_ids = batch_task(env)
    assert status == "SUCCESSFUL"
    assert len(json.loads(worker_ids)) == 2  # the killed worker's claim and the new one's
    # resumed, not redone: every enterprise re-assessed exactly once in the batch
    per_enterprise = query(
        env, "SELECT count(*), count(DISTINCT enterprise_id) FROM assessments_assessment WHERE batch_id IS NOT NULL"
    )
    assert per_enterprise == [(ENTERPRISES, ENTERPRISES)]
    assert batch_state(env) == ("done", ENTERPRISES, ENTERPRISES)
    assert query(env, "SELECT count(*) FROM core_tasklease") == [(0,)]
    assert query(env, "SELECT count(*) FROM core_tasklease") == [(0,)]
    print(f"kill → re-queued in {requeue_seconds:.1f} s (lease 1.5 s); {done_at_kill}/{total} done at the kill")


REDIS_URL = os.environ.get("GAOQI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def rq_worker(env):
    """An rq worker in a session of its own (its work horse starts another)."""
    command = [sys.executable, "manage.py", "rqworker", "default", "--job-class", "django_tasks_rq.Job"]
    with open(Path(env["GAOQI_SQLITE_PATH"]).with_name(f"rqworker-{time.monotonic_ns()}.log"), "w") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)


def kill_tree(process) -> None:
    """SIGKILL an rq worker and the work horse it forked (rq puts the horse in a session of its own)."""
    found = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True)
    for pid in [process.pid, *map(int, found.stdout.split())]:
        os.kill(pid, signal.SIGKILL)
    process.wait()


def test_a_killed_rq_worker_s_batch_is_requeued_and_resumed_and_periodic_work_goes_on(env):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(REDIS_URL)
    connection.flushdb()
    env = env | {"GAOQI_TASKS_REDIS_URL": REDIS_URL}
    manage(env, "shell", "--no-imports", "-c", SET_UP)
    scheduler = start(env, "run_periodic", "--skip-checks")
    first = rq_worker(env)
    second = None
    try:
        wait_for("two committed chunks", lambda: batch_state(env)[1] >= 2 * CHUNK)
        with closing(sqlite3.connect(env["GAOQI_SQLITE_PATH"], isolation_level=None, timeout=30)) as lock:
            lock.execute("BEGIN IMMEDIATE")
            kill_tree(first)
            lock.execute("ROLLBACK")
        status, done_at_kill, total = batch_state(env)
        assert status == "running"
        assert 0 < done_at_kill < total

        overdue = int(manage(env, "shell", "--no-imports", "-c", OVERDUE))
        second = rq_worker(env)
        wait_for("the batch done", lambda: batch_state(env)[0] == "done", timeout=240)
        wait_for(
            "the overdue requests escalated",
            lambda: query(env, "SELECT count(*) FROM servicedesk_servicerequest WHERE escalation > 0")[0][0] == overdue,
            timeout=240,
        )
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                kill_tree(process)
        scheduler.kill()
        scheduler.wait()
        connection.flushdb()

    per_enterprise = query(
        env, "SELECT count(*), count(DISTINCT enterprise_id) FROM assessments_assessment WHERE batch_id IS NOT NULL"
    )
    assert per_enterprise == [(ENTERPRISES, ENTERPRISES)]
    assert batch_state(env) == ("done", ENTERPRISES, ENTERPRISES)
    assert query(env, "SELECT count(*) FROM core_tasklease") == [(0,)]
