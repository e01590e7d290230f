"""SLA targets per category and deadlines on the working-day calendar."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from gaoqi.apps.servicedesk.models import ServiceRequest, SlaTarget
from gaoqi.apps.servicedesk.workdays import add_working_days


def sla_days(category: str) -> tuple[int, int]:
    """(first-response, resolution) working days for a category: the database row, else the settings default."""
    target = SlaTarget.objects.filter(category=category).first()
    if target is not None:
        return target.first_response_days, target.resolution_days
    defaults = settings.SERVICEDESK["sla"]
    return defaults["first_response_days"], defaults["resolution_days"]


def due_after(start: datetime.datetime, working_days: int) -> datetime.datetime:
    """The end (local midnight) of the ``working_days``-th working day after the local day of ``start``."""
    day = add_working_days(timezone.localtime(start).date(), working_days)
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


def breached(now) -> Q:
    """Requests past a deadline at ``now``: the first response while still new, or the resolution."""
    return Q(state=ServiceRequest.State.NEW, first_response_due__lte=now) | Q(resolution_due__lte=now)
