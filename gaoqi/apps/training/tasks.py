"""Background work of 科创学堂; tasks take ids and are safe to run twice."""

import datetime

from django.tasks import task
from django.utils import timezone

from gaoqi.apps.training import outreach

REMINDER_INTERVAL = datetime.timedelta(minutes=30)


@task
def recommend_session(session_id: int) -> int:
    """Recommend a newly published session to the enterprises whose gap plan calls for its topic."""
    return outreach.session_recommend(session_id=session_id)


@task
def send_reminders() -> int:
    """One reminder pass, then the next one in half an hour."""
    sent = outreach.reminders_send()
    send_reminders.using(run_after=timezone.now() + REMINDER_INTERVAL).enqueue()
    return sent
