"""Background delivery: one idempotent pass over the outbox that re-queues itself for the next due row."""

import datetime

from django.conf import settings
from django.tasks import TaskResultStatus, task, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.notifications import worker

HEARTBEAT = datetime.timedelta(minutes=15)


def _queued_by(when) -> bool:
    """Whether a delivery pass is already waiting to run by ``when`` (only the database backend can tell)."""
    if not isinstance(task_backends["default"], DatabaseBackend):
        return False
    return DBTaskResult.objects.filter(
        task_path=deliver_due.module_path, status=TaskResultStatus.READY, run_after__lte=when
    ).exists()


def delivery_kick(when=None) -> None:
    """Queue a delivery pass for ``when`` (now by default) unless one is already waiting by then."""
    when = when or timezone.now()
    if not _queued_by(when):
        deliver_due.using(run_after=when).enqueue()


@task
def deliver_due() -> int:
    """Send what is due for up to a minute, then queue the next pass for the next due row (at once when rows are still
    waiting, at least every 15 minutes)."""
    handled = worker.deliver_pass(budget_seconds=settings.NOTIFICATIONS["pass_seconds"])
    now = timezone.now()
    nxt = worker.next_due_at()
    delivery_kick(max(now, min(nxt, now + HEARTBEAT)) if nxt else now + HEARTBEAT)
    return handled
