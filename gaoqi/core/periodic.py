"""Periodic jobs: one declaration per job, one table, one idempotent scheduler for every task backend.

An app declares a job next to its task (``periodic("servicedesk.escalate_overdue", every=…, task=…)`` in its
``tasks.py``). ``tick`` — run by ``manage.py run_periodic`` every few seconds, by any number of processes at once —
first reaps tasks whose worker died (``gaoqi.core.background``), then brings the ``PeriodicJob`` table in line with the
declarations and queues each due job. A due row is claimed by moving its ``next_run_at`` forward in one conditional
UPDATE (with ``select_for_update(skip_locked=True)`` where the database has row locks): only the process whose update
wins queues the task, so N schedulers never make N chains. A job whose last queued task has not started yet is not
queued again; missed runs are not made up one by one, the job simply runs once and keeps its cadence.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.tasks import Task, task_backends
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from gaoqi.core import background
from gaoqi.core.models import PeriodicJob


@dataclass(frozen=True)
class Declaration:
    name: str
    every: datetime.timedelta
    task: Task[[], Any]


DECLARED: dict[str, Declaration] = {}


def periodic(name: str, *, every: datetime.timedelta, task: Task[[], Any]) -> Task[[], Any]:
    """Declare that ``task`` (taking no arguments) runs every ``every``; returns the task."""
    DECLARED[name] = Declaration(name, every, task)
    return task


def declarations() -> dict[str, Declaration]:
    autodiscover_modules("tasks")
    return DECLARED


def jobs_sync(now: datetime.datetime) -> None:
    """One row per declared job (a new job is due at once); rows of jobs no longer declared are removed."""
    declared = declarations()
    rows = {job.name: job for job in PeriodicJob.objects.all()}
    for name, declaration in declared.items():
        path = declaration.task.module_path
        row = rows.get(name)
        if row is None:
            try:
                with transaction.atomic():
                    PeriodicJob.objects.create(name=name, task_path=path, interval=declaration.every, next_run_at=now)
            except IntegrityError:  # another scheduler created it first
                pass
        elif (row.task_path, row.interval) != (path, declaration.every):
            PeriodicJob.objects.filter(pk=row.pk).update(
                task_path=path, interval=declaration.every, next_run_at=min(row.next_run_at, now + declaration.every)
            )
    PeriodicJob.objects.exclude(name__in=list(declared)).delete()


def _following(due: datetime.datetime, interval: datetime.timedelta, now: datetime.datetime) -> datetime.datetime:
    """The first run after ``now`` on the job's cadence."""
    return due + ((now - due) // interval + 1) * interval


def _waiting(task_id: str) -> bool:
    """Whether the task queued last time is still waiting to start (then queueing another would only pile up)."""
    if not task_id:
        return False
    try:
        return task_backends["default"].get_result(task_id).status == "READY"
    except Exception:  # a result the backend no longer knows (pruned, expired) is not waiting
        return False


def job_claim(job: PeriodicJob, now: datetime.datetime) -> bool:
    """Move a due job's ``next_run_at`` past ``now``; True only for the one caller whose update won."""
    locked = PeriodicJob.objects.select_for_update(skip_locked=True).filter(pk=job.pk, next_run_at=job.next_run_at)
    if locked.values_list("pk", flat=True).first() is None:
        return False
    following = _following(job.next_run_at, job.interval, now)
    return bool(
        PeriodicJob.objects.filter(pk=job.pk, next_run_at=job.next_run_at).update(
            next_run_at=following, last_run_at=now
        )
    )


def tick(now: datetime.datetime | None = None) -> dict[str, Any]:
    """Reap dead workers' tasks, then queue every due job once; returns what was done."""
    now = now or timezone.now()
    reaped = background.reap(now)
    jobs_sync(now)
    queued = []
    for job in PeriodicJob.objects.filter(next_run_at__lte=now):
        declaration = DECLARED.get(job.name)
        if declaration is None:
            continue
        with transaction.atomic():
            if not job_claim(job, now) or _waiting(job.last_task_id):
                continue
            result = declaration.task.enqueue()
            PeriodicJob.objects.filter(pk=job.pk).update(last_task_id=str(result.id))
        queued.append(job.name)
    return reaped | {"queued": queued}


def next_due() -> datetime.datetime | None:
    return PeriodicJob.objects.order_by("next_run_at").values_list("next_run_at", flat=True).first()
