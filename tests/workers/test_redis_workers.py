"""Scale-out: tasks enqueued through Django's tasks API go to Redis, and two real rq workers execute them all once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("GAOQI_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
ENQUEUE = """
from gaoqi.apps.assessments.tasks import reassess_enterprise
from gaoqi.apps.enterprises.models import Enterprise
for pk in Enterprise.objects.values_list("pk", flat=True):
    reassess_enterprise.enqueue(pk)
"""
COUNT = """
from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.models import Enterprise
print(Enterprise.objects.count(), Assessment.objects.count(), Assessment.objects.filter(is_latest=True).count())
"""


@pytest.fixture
def redis_queue():
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.fail("需要 Redis：127.0.0.1:6379（.ci/run 会启动它）")
    connection.flushdb()
    yield connection
    connection.flushdb()


def _manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, **kwargs
    )


def test_two_rq_workers_drain_the_queue_and_run_every_task_once(tmp_path, redis_queue):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"GAOQI_SQLITE_PATH": str(tmp_path / "db.sqlite3"), "GAOQI_TASKS_REDIS_URL": REDIS_URL}
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "demo", "--enterprises", "12", "--seed", "5", "-v", "0")
    _manage(env, "shell", "--no-imports", "-c", ENQUEUE)
    assert redis_queue.llen("rq:queue:default") == 12

    worker = [sys.executable, "manage.py", "rqworker", "default", "--burst", "--job-class", "django_tasks_rq.Job"]
    workers = [
        subprocess.Popen(worker, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for _ in "ab"
    ]
    outputs = [w.communicate(timeout=120)[0].decode() for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outputs

    enterprises, assessments, latest = map(int, _manage(env, "shell", "--no-imports", "-c", COUNT).stdout.split())
    assert (enterprises, assessments, latest) == (12, 12, 12)
    assert redis_queue.llen("rq:queue:default") == 0
