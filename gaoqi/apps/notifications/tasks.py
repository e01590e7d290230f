"""Background delivery: one idempotent pass over the outbox, queued every minute and at once after new notices."""

import datetime

from django.conf import settings
from django.tasks import TaskResultStatus, task, task_backends
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.notifications import worker
from gaoqi.core.periodic import periodic

EVERY = datetime.timedelta(minutes=1)


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
    """Send what is due for up to a minute, then queue another pass for the next due row when that comes before the
    next periodic pass (at once when rows are still waiting); the periodic job (every minute) covers the rest."""
    handled = worker.deliver_pass(budget_seconds=settings.NOTIFICATIONS["pass_seconds"])
    now = timezone.now()
    if (nxt := worker.next_due_at()) is not None and nxt < now + EVERY:
        delivery_kick(max(now, nxt))
    return handled


periodic("notifications.deliver_due", every=EVERY, task=deliver_due)
