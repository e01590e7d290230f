"""Leases for running tasks, and the reaper that puts a task back in the queue when its worker died.

A worker that starts a task takes a lease (``TaskLease``) and a heartbeat thread in that worker renews it every third
of ``BACKGROUND["lease_seconds"]`` while the task runs; the lease is dropped when the task ends, whatever the outcome.
A worker killed mid-task (SIGKILL, out of memory, a lost machine) stops renewing, and ``reap`` — run on every
scheduler tick (``gaoqi.core.periodic``) — finds the task whose lease lapsed:

- on the database backend the task's own row goes back from RUNNING to READY (or to FAILED once it has been started
  ``max_attempts`` times, so a task that kills its worker cannot loop forever);
- on other backends (rq) a copy of the task is queued with the same arguments.

Tasks are written to be safe to run twice, so a task whose worker was only slow runs again without harm.
"""

import datetime
import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.tasks import TaskResultStatus, task_backends
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import normalize_uuid

from gaoqi.core.models import TaskLease

logger = logging.getLogger(__name__)

WORKER_LOST = "gaoqi.core.background.WorkerLost"
RQ_ABANDONED = "rq.exceptions.AbandonedJobError"


class WorkerLost(Exception):
    """The worker running a task stopped renewing its lease too many times."""


def lease_length() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.BACKGROUND["lease_seconds"])


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Heartbeat:
    """One daemon thread per worker process renewing the leases of the tasks that process is running."""

    def __init__(self) -> None:
        self.held: set[str] = set()
        self.lock = threading.Lock()
        self.thread: threading.Thread | None = None
        self.pid: int | None = None

    def hold(self, task_id: str) -> None:
        with self.lock:
            self.held.add(task_id)
            if self.thread is None or self.pid != os.getpid() or not self.thread.is_alive():
                self.pid = os.getpid()
                self.thread = threading.Thread(target=self._run, name="gaoqi-task-heartbeat", daemon=True)
                self.thread.start()

    def release(self, task_id: str) -> None:
        with self.lock:
            self.held.discard(task_id)

    def renew(self) -> int:
        with self.lock:
            held = list(self.held)
        if not held:
            return 0
        try:
            return TaskLease.objects.filter(task_id__in=held).update(expires_at=timezone.now() + lease_length())
        except DatabaseError:
            logger.exception("Could not renew the leases of %s", held)
            return 0
        finally:
            connections.close_all()

    def _run(self) -> None:
        while True:
            time.sleep(settings.BACKGROUND["lease_seconds"] / 3)
            self.renew()


HEARTBEAT = Heartbeat()


def lease_take(sender: type, task_result: Any, **kwargs: Any) -> None:
    """``task_started``: lease the task to this worker and keep the lease renewed while it runs."""
    task_id = str(task_result.id)
    task = task_result.task
    TaskLease.objects.update_or_create(
        task_id=task_id,
        defaults={
            "task_path": task.module_path,
            "queue_name": task.queue_name,
            "arguments": {"args": list(task_result.args), "kwargs": dict(task_result.kwargs)},
            "worker": worker_name(),
            "started_at": timezone.now(),
            "expires_at": timezone.now() + lease_length(),
        },
    )
    HEARTBEAT.hold(task_id)


def lease_drop(sender: type, task_result: Any, **kwargs: Any) -> None:
    """``task_finished`` (success or failure): the task no longer needs its lease. rq reports a job whose worker died
    as failed with ``AbandonedJobError`` when it cleans up; that lease is kept, so the reaper re-queues the task."""
    if task_result.errors and task_result.errors[-1].exception_class_path == RQ_ABANDONED:
        return
    task_id = str(task_result.id)
    HEARTBEAT.release(task_id)
    TaskLease.objects.filter(task_id=task_id).delete()


def _reap_database_rows(now: datetime.datetime, live: set[str]) -> tuple[int, int]:
    requeued = failed = 0
    stale = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=now - lease_length())
    for row in stale.only("id", "worker_ids", "task_path"):
        if normalize_uuid(row.id) in live:
            continue
        running = DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.RUNNING)
        if len(row.worker_ids) >= settings.BACKGROUND["max_attempts"]:
            failed += running.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=WORKER_LOST,
                traceback=f"{WORKER_LOST}: the worker died {len(row.worker_ids)} times while running this task "
                f"(workers {', '.join(row.worker_ids)})\n",
            )
            logger.error("Task %s %s failed: its worker died %d times", row.task_path, row.pk, len(row.worker_ids))
        else:
            requeued += running.update(status=TaskResultStatus.READY, run_after=now, started_at=None)
            logger.warning("Task %s %s re-queued: its worker stopped renewing the lease", row.task_path, row.pk)
    return requeued, failed


def _reap_copies(expired: list[TaskLease]) -> int:
    requeued = 0
    for lease in expired:
        task = import_string(lease.task_path).using(queue_name=lease.queue_name)
        task.enqueue(*lease.arguments.get("args", []), **lease.arguments.get("kwargs", {}))
        logger.warning("Task %s re-queued as a copy: its worker stopped renewing the lease", lease)
        requeued += 1
    return requeued


def reap(now: datetime.datetime | None = None) -> dict[str, int]:
    """Re-queue (or fail, after ``max_attempts`` starts) every running task whose worker stopped renewing its
    lease; returns ``{"requeued": n, "failed": m}``."""
    now = now or timezone.now()
    expired = list(TaskLease.objects.filter(expires_at__lte=now))
    if isinstance(task_backends["default"], DatabaseBackend):
        live = set(TaskLease.objects.filter(expires_at__gt=now).values_list("task_id", flat=True))
        requeued, failed = _reap_database_rows(now, live)
    else:
        requeued, failed = _reap_copies(expired), 0
    TaskLease.objects.filter(pk__in=[lease.pk for lease in expired], expires_at__lte=now).delete()
    return {"requeued": requeued, "failed": failed}


def connect() -> None:
    """Take and drop leases on the tasks API's signals (and on django-tasks' own, which the rq backend sends)."""
    from django.tasks.signals import task_finished, task_started

    task_started.connect(lease_take, dispatch_uid="gaoqi-lease-take")
    task_finished.connect(lease_drop, dispatch_uid="gaoqi-lease-drop")
    if "django_tasks_rq" in settings.INSTALLED_APPS:
        from django_tasks import signals

        signals.task_started.connect(lease_take, dispatch_uid="gaoqi-lease-take-rq")
        signals.task_finished.connect(lease_drop, dispatch_uid="gaoqi-lease-drop-rq")
