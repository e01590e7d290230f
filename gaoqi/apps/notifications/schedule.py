"""When a delivery may go out: digest periods, quiet hours and retry backoff (pure functions of local time)."""

import datetime

from django.conf import settings
from django.utils import timezone

from gaoqi.apps.notifications.models import DigestMode


def options() -> dict:
    return settings.NOTIFICATIONS


def digest_slot(mode: str, now: datetime.datetime) -> tuple[str, datetime.datetime]:
    """The digest a delivery created at ``now`` joins: its key and when it is sent (the next digest hour)."""
    local = timezone.localtime(now)
    hour = datetime.time(options()["digest_hour"])
    day = local.date() if local.time() < hour else local.date() + datetime.timedelta(days=1)
    if mode == DigestMode.WEEKLY:
        day += datetime.timedelta(days=(7 - day.weekday()) % 7)
        key = f"weekly-{day.isoformat()}"
    else:
        key = f"daily-{day.isoformat()}"
    return key, timezone.make_aware(datetime.datetime.combine(day, hour), local.tzinfo)


def quiet_until(start: datetime.time | None, end: datetime.time | None, now: datetime.datetime):
    """The end of the quiet hours ``now`` falls in, or None when sending is fine now; the span may cross midnight."""
    if start is None or end is None or start == end:
        return None
    local = timezone.localtime(now)
    moment = local.time()
    inside = start <= moment < end if start < end else moment >= start or moment < end
    if not inside:
        return None
    day = local.date() if moment < end else local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, end), local.tzinfo)


def backoff(attempts: int, now: datetime.datetime) -> datetime.datetime:
    """Exponential backoff after the ``attempts``-th failure: base × 2^(attempts-1), capped."""
    seconds = min(options()["retry_base_seconds"] * 2 ** (attempts - 1), options()["retry_max_seconds"])
    return now + datetime.timedelta(seconds=seconds)


def day_start(now: datetime.datetime) -> datetime.datetime:
    """Local midnight of ``now``'s day, for the daily frequency cap."""
    local = timezone.localtime(now)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)
