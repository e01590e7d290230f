"""Background tasks; they take ids and are safe to run twice."""

import datetime as dt

from django.tasks import task
from django.utils import timezone

from gaoqi.apps.policies import services
from gaoqi.core.periodic import periodic

DAILY = dt.timedelta(days=1)


@task
def push_policy(policy_id: int, version: int) -> dict:
    """Match a published policy version against every enterprise and notify the qualifying."""
    return services.policy_push(policy_id=policy_id, version=version)


@task
def rematch_enterprise(enterprise_id: int) -> int:
    """Re-match one enterprise after a new assessment; notify only for newly qualifying policies."""
    return services.enterprise_rematch(enterprise_id=enterprise_id)


@task
def rematch_batch(district: str) -> int:
    """Re-match a finished batch's enterprises ("" = the whole city) in bulk; notify only the newly qualifying."""
    return services.policies_rematch(district=district)


def daily_pass(today: dt.date) -> int:
    """Close expired windows and send closing reminders; idempotent (dedupe keys)."""
    services.policies_close_expired(today=today)
    return services.closing_reminders(today=today)


@task
def policy_daily() -> int:
    """The daily pass (periodic: once a day)."""
    return daily_pass(timezone.localdate())


periodic("policies.daily", every=DAILY, task=policy_daily)
