"""Background tasks of 有求必应; they take ids or nothing and are safe to run twice."""

import datetime

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from gaoqi.apps.servicedesk import services
from gaoqi.core.periodic import periodic


@task
def escalate_overdue() -> int:
    """One escalation pass (periodic: every ``escalation_interval_minutes``)."""
    return services.escalation_pass(now=timezone.now())


periodic(
    "servicedesk.escalate_overdue",
    every=datetime.timedelta(minutes=settings.SERVICEDESK["escalation_interval_minutes"]),
    task=escalate_overdue,
)
