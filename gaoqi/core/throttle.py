"""Counting attempts per key in fixed windows, in the database (``core.Throttle``): shared by every worker process
and every server, with no cache to configure. Used for failed logins (site and admin) and registrations."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gaoqi.core.models import Throttle


def attempts(key: str) -> int:
    """How many attempts ``key`` has made in its current window."""
    row = Throttle.objects.filter(key=key, window_ends__gt=timezone.now()).values_list("count", flat=True).first()
    return row or 0


@transaction.atomic
def attempt(key: str, *, window_seconds: int) -> int:
    """Count one attempt for ``key`` (a new window starts when the last one has ended); returns the count."""
    now = timezone.now()
    if Throttle.objects.filter(key=key, window_ends__gt=now).update(count=F("count") + 1):
        return attempts(key)
    Throttle.objects.filter(window_ends__lte=now).delete()
    window_ends = now + datetime.timedelta(seconds=window_seconds)
    row, created = Throttle.objects.get_or_create(key=key, defaults={"count": 1, "window_ends": window_ends})
    if not created:  # another process opened the window a moment ago
        Throttle.objects.filter(pk=row.pk).update(count=F("count") + 1)
    return attempts(key)


def clear(key: str) -> None:
    Throttle.objects.filter(key=key).delete()
