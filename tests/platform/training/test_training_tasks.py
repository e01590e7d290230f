"""The periodic reminder pass re-queues itself; publishing a session queues its recommendation."""

import datetime
import io

from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.training.services import session_create
from gaoqi.apps.training.tasks import send_reminders


def _pending():
    return DBTaskResult.objects.filter(task_path=send_reminders.module_path, status=TaskResultStatus.READY)


def test_schedule_training_queues_the_reminder_pass_once(db):
    out = io.StringIO()
    call_command("schedule_training", stdout=out)
    call_command("schedule_training", stdout=out)
    assert _pending().count() == 1
    assert "已在队列中" in out.getvalue()


def test_a_reminder_pass_queues_the_next_one_half_an_hour_later(db):
    send_reminders.call()
    later = _pending().get()
    assert later.run_after > timezone.now() + datetime.timedelta(minutes=29)


def test_publishing_a_session_recommends_it_through_the_worker(
    cast, programme, station, make_assessment, run_worker, django_capture_on_commit_callbacks
):
    make_assessment(cast.ours)  # gap plan → recognition, the programme's topic
    start = timezone.now() + datetime.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        session = session_create(
            actor=cast.station,
            programme=programme,
            title="八大条件逐条讲",
            speakers="陈老师",
            station=station,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=2),
            capacity=60,
            registration_opens=timezone.now(),
            registration_closes=start - datetime.timedelta(days=1),
        )
    run_worker()
    assert Notice.objects.filter(dedupe_key=f"training:recommend:{session.pk}").count() == 2
