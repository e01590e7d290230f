"""Background work of 科创学堂; tasks take ids and are safe to run twice."""

import datetime

from django.tasks import task

from gaoqi.apps.training import outreach
from gaoqi.core.periodic import periodic

REMINDER_INTERVAL = datetime.timedelta(minutes=30)


@task
def recommend_session(session_id: int) -> int:
    """Recommend a newly published session to the enterprises whose gap plan calls for its topic."""
    return outreach.session_recommend(session_id=session_id)


@task
def send_reminders() -> int:
    """One reminder pass (periodic: every half hour)."""
    return outreach.reminders_send()


periodic("training.send_reminders", every=REMINDER_INTERVAL, task=send_reminders)
