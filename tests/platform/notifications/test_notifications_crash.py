"""Kill the real worker with SIGKILL in the middle of a delivery batch, restart it: every notice arrives exactly once.

The worker runs as ``manage.py db_worker`` in a subprocess against its own database (a SQLite file, or a scratch
PostgreSQL database when DATABASE_URL is set) and sends to a real SMTP server in this process. The receiver counts
distinct Message-IDs; the sender guarantees a resend repeats the Message-ID, and at most the one message that was in
flight when the worker died is sent twice.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.platform.notifications.conftest import SmtpSink, free_port

ROOT = Path(__file__).resolve().parents[3]
NOTICES = 30

SEED = f"""
from django.contrib.auth import get_user_model
from django.db import transaction
from gaoqi.apps.notifications.services import NoticeSpec, notify
users = [get_user_model().objects.create_user(f"u{{n}}", email=f"u{{n}}@example.cn") for n in range({NOTICES})]
with transaction.atomic():
    notify(NoticeSpec(user_id=u.id, topic="policy", title="申报提醒", body="正文", reason="满足第十一条",
                      dedupe_key="policy:1") for u in users)
"""

REPORT = "SELECT notice_id, state, attempts FROM notifications_delivery ORDER BY id"


@pytest.fixture
def worker_env(tmp_path):
    """Environment for subprocesses on a fresh, migrated database of their own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env |= {"GAOQI_NOTIFY_LEASE_SECONDS": "3", "DJANGO_SETTINGS_MODULE": "gaoqi.config.settings"}
    scratch = None
    if url := os.environ.get("DATABASE_URL"):
        import psycopg

        parts = urlsplit(url)
        scratch = f"{parts.path.lstrip('/') or 'gaoqi'}_notifications_crash"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            conn.execute(f'CREATE DATABASE "{scratch}"')
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{scratch}"))
    else:
        env["GAOQI_SQLITE_PATH"] = str(tmp_path / "crash.sqlite3")
    manage(env, "migrate", "--noinput", "-v", "0")
    yield env
    if scratch:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')


def manage(env, *args) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def start_worker(env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def deliveries(env) -> list:
    """The outbox rows, read straight from the worker's database."""
    if url := env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(url) as conn:
            return conn.execute(REPORT).fetchall()
    with closing(sqlite3.connect(env["GAOQI_SQLITE_PATH"])) as conn:
        return conn.execute(REPORT).fetchall()


def test_a_killed_worker_restarted_delivers_every_notice_exactly_once(worker_env):
    sink = SmtpSink(free_port(), delay=0.15)
    sink.controller.start()
    env = worker_env | {"GAOQI_SMTP_HOST": "127.0.0.1", "GAOQI_SMTP_PORT": str(sink.port)}
    try:
        manage(env, "shell", "-c", SEED)
        worker = start_worker(env)
        sink.wait_for(8)
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert len(sink.messages) < NOTICES
        assert any(state == "sending" for _, state, _ in deliveries(env))

        manage(env, "run_periodic", "--once")
        worker = start_worker(env)
        sink.wait_for(NOTICES)
        deadline = time.monotonic() + 30
        while {state for _, state, _ in deliveries(env)} != {"sent"}:
            assert time.monotonic() < deadline, deliveries(env)
            time.sleep(0.5)
        worker.terminate()
        worker.wait(timeout=30)
    finally:
        sink.controller.stop()

    rows = deliveries(env)
    expected = {f"<email-{notice_id}@gaoqi.example.cn>" for notice_id, _, _ in rows}
    assert set(sink.message_ids()) == expected
    assert len(sink.messages) - len(expected) <= 1
