"""The periodic reminder pass is queued by the scheduler; publishing a session queues its recommendation."""

import datetime
import io

from django.core.management import call_command
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.training.services import session_create
from gaoqi.apps.training.tasks import send_reminders
from gaoqi.core.models import PeriodicJob


def _pending():
    return DBTaskResult.objects.filter(task_path=send_reminders.module_path, status=TaskResultStatus.READY)


def test_the_scheduler_queues_the_reminder_pass_once_per_half_hour(db):
    call_command("run_periodic", once=True, stdout=io.StringIO())
    call_command("run_periodic", once=True, stdout=io.StringIO())
    assert _pending().count() == 1
    job = PeriodicJob.objects.get(name="training.send_reminders")
    assert job.next_run_at - job.last_run_at == datetime.timedelta(minutes=30)


def test_a_reminder_pass_queues_nothing_itself(db):
    send_reminders.call()
    assert not _pending().exists()


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
