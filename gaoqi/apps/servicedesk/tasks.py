"""Background tasks of 有求必应; they take ids or nothing and are safe to run twice."""

import datetime

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from gaoqi.apps.servicedesk import services


@task
def escalate_overdue() -> int:
    """One escalation pass, then the next one queued ``escalation_interval_minutes`` later."""
    now = timezone.now()
    moved = services.escalation_pass(now=now)
    interval = datetime.timedelta(minutes=settings.SERVICEDESK["escalation_interval_minutes"])
    escalate_overdue.using(run_after=now + interval).enqueue()
    return moved
