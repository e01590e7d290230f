"""Self-healing background work in one process: leases, the reaper, periodic jobs, batch resume.

The same behaviour with real workers killed by SIGKILL is in ``tests/workers/test_worker_recovery.py``.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.assessments.batch import batch_execute
from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.servicedesk.tasks import escalate_overdue
from gaoqi.core import periodic
from gaoqi.core.background import WORKER_LOST, reap
from gaoqi.core.models import PeriodicJob, TaskLease

NOON = datetime.datetime(2026, 3, 2, 12, 0, tzinfo=datetime.UTC)
LEASES_SEEN = []


@task
def note_my_lease() -> None:
    """Records the leases held while it runs (as a task, through the real worker)."""
    LEASES_SEEN.extend(TaskLease.objects.values_list("task_path", "queue_name"))


def _running(started_at, workers=1):
    row = note_my_lease.enqueue()
    DBTaskResult.objects.filter(pk=row.id).update(
        status=TaskResultStatus.RUNNING, started_at=started_at, worker_ids=[f"w{n}" for n in range(workers)]
    )
    return DBTaskResult.objects.get(pk=row.id)


def test_a_task_holds_a_lease_while_it_runs_and_drops_it_after(db, run_worker):
    LEASES_SEEN.clear()
    note_my_lease.enqueue()
    run_worker()
    assert [(note_my_lease.module_path, "default")] == LEASES_SEEN
    assert not TaskLease.objects.exists()


def test_the_reaper_requeues_a_running_task_whose_lease_lapsed(db, clock, settings):
    clock.at(NOON)
    lease = datetime.timedelta(seconds=settings.BACKGROUND["lease_seconds"])
    dead = _running(NOON - 2 * lease)
    TaskLease.objects.create(task_id=str(dead.pk), task_path="x", queue_name="default", worker="w0", expires_at=NOON)
    alive = _running(NOON - 2 * lease)
    TaskLease.objects.create(
        task_id=str(alive.pk), task_path="x", queue_name="default", worker="w1", expires_at=NOON + lease
    )
    just_started = _running(NOON - lease / 2)  # claimed, its lease not written yet

    assert reap() == {"requeued": 1, "failed": 0}
    dead.refresh_from_db()
    assert (dead.status, dead.run_after, dead.started_at) == (TaskResultStatus.READY, NOON, None)
    statuses = DBTaskResult.objects.filter(pk__in=[alive.pk, just_started.pk]).values_list("status", flat=True)
    assert set(statuses) == {TaskResultStatus.RUNNING}
    assert list(TaskLease.objects.values_list("worker", flat=True)) == ["w1"]


def test_a_task_whose_worker_died_too_often_fails_instead(db, clock, settings):
    clock.at(NOON)
    poison = _running(NOON - datetime.timedelta(hours=1), workers=settings.BACKGROUND["max_attempts"])
    assert reap() == {"requeued": 0, "failed": 1}
    poison.refresh_from_db()
    assert (poison.status, poison.exception_class_path) == (TaskResultStatus.FAILED, WORKER_LOST)


def test_ticks_queue_each_due_job_once_however_often_they_run(db, clock):
    clock.at(NOON)
    for _ in range(3):
        call_command("run_periodic", once=True, stdout=io.StringIO())
    jobs = {job.name: job for job in PeriodicJob.objects.all()}
    assert set(jobs) == set(periodic.declarations())
    assert DBTaskResult.objects.count() == len(jobs)
    escalation = jobs["servicedesk.escalate_overdue"]
    assert escalation.next_run_at == NOON + escalation.interval


def test_a_job_still_waiting_is_not_queued_again_and_missed_runs_keep_the_cadence(db, clock):
    clock.at(NOON)
    periodic.tick()
    job = PeriodicJob.objects.get(name="servicedesk.escalate_overdue")
    later = clock.at(NOON + 3 * job.interval + datetime.timedelta(minutes=1))
    assert "servicedesk.escalate_overdue" not in periodic.tick()["queued"]  # the first one never started
    DBTaskResult.objects.filter(task_path=escalate_overdue.module_path).update(status=TaskResultStatus.SUCCESSFUL)
    clock.at(later + job.interval)
    assert "servicedesk.escalate_overdue" in periodic.tick()["queued"]
    job.refresh_from_db()
    assert job.next_run_at == NOON + 5 * job.interval
    assert DBTaskResult.objects.filter(task_path=escalate_overdue.module_path).count() == 2


def test_a_job_no_longer_declared_is_removed_and_a_changed_interval_applies(db, clock, monkeypatch):
    clock.at(NOON)
    periodic.tick()
    PeriodicJob.objects.create(name="gone", task_path="x.y", interval=datetime.timedelta(days=1), next_run_at=NOON)
    declared = periodic.DECLARED["training.send_reminders"]
    faster = periodic.Declaration(declared.name, datetime.timedelta(minutes=5), declared.task)
    monkeypatch.setitem(periodic.DECLARED, declared.name, faster)
    periodic.jobs_sync(timezone.now())
    assert not PeriodicJob.objects.filter(name="gone").exists()
    job = PeriodicJob.objects.get(name=declared.name)
    assert (job.interval, job.next_run_at) == (faster.every, NOON + faster.every)


@pytest.mark.parametrize("status", [BatchRun.Status.RUNNING, BatchRun.Status.QUEUED])
def test_a_requeued_batch_resumes_after_its_last_committed_chunk(cast, settings, status):
    settings.BACKGROUND = {**settings.BACKGROUND, "batch_chunk": 1}
    first, second = Enterprise.objects.order_by("pk")
    batch = BatchRun.objects.create(total=2, status=status, done=1, resume_after=first.pk)
    batch_execute(batch_id=batch.pk)
    batch.refresh_from_db()
    assessed = set(Assessment.objects.filter(batch=batch).values_list("enterprise_id", flat=True))
    if status == BatchRun.Status.RUNNING:  # its worker died after the first chunk: only the rest is redone
        assert assessed == {second.pk}
    else:  # a batch that never ran starts from the beginning
        assert assessed == {first.pk, second.pk}
    assert (batch.status, batch.done, batch.resume_after) == (BatchRun.Status.DONE, 2, second.pk)
