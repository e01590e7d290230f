"""Escalation of breached SLAs: station first, then the bureau; never twice; the periodic task and its scheduler."""

import datetime
import io

from django.core.management import call_command
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from gaoqi.apps.servicedesk.models import RequestEvent, ServiceRequest
from gaoqi.apps.servicedesk.services import escalation_pass, request_transition
from gaoqi.apps.servicedesk.tasks import escalate_overdue
from gaoqi.core.models import PeriodicJob
from tests.platform.servicedesk.servicedesk_setup import local, submit

State, Escalation = ServiceRequest.State, ServiceRequest.Escalation
FILED = local(2025, 9, 26, 10, 0)  # Friday before 国庆; first response due by the end of Monday 29 September
FIRST_BREACH = local(2025, 9, 30, 0, 0)


def reload(request):
    return ServiceRequest.objects.get(pk=request.pk)


def test_nothing_happens_before_the_deadline(desk):
    request = submit(desk.owner, at=FILED)
    assert escalation_pass(now=FIRST_BREACH - datetime.timedelta(seconds=1)) == 0
    assert reload(request).escalation == Escalation.NONE


def test_a_missed_first_response_flags_the_request_and_tells_the_district_station(desk, sent):
    request = submit(desk.owner, at=FILED)
    sent.clear()
    assert escalation_pass(now=FIRST_BREACH) == 1
    flagged = reload(request)
    assert (flagged.escalation, flagged.station, flagged.escalated_at) == (
        Escalation.STATION,
        desk.desk_station,
        FIRST_BREACH,
    )
    event = flagged.events.get(kind=RequestEvent.Kind.ESCALATED)
    assert event.actor is None
    assert "首次响应已超时（期限 2025-09-30 00:00）" in event.note
    assert "黄埔区高企服务站" in event.note
    reasons = {s.user_id: s.reason for s in sent}
    assert reasons[desk.station.pk] == "该服务需求由您的服务站承办或督办"
    assert desk.mentor.pk in reasons
    assert desk.bureau.pk not in reasons


def test_a_second_pass_never_escalates_again(desk):
    request = submit(desk.owner, at=FILED)
    escalation_pass(now=FIRST_BREACH)
    assert escalation_pass(now=FIRST_BREACH + datetime.timedelta(hours=1)) == 0
    assert reload(request).events.filter(kind=RequestEvent.Kind.ESCALATED).count() == 1


def test_still_breached_two_working_days_later_it_goes_to_the_bureau_once(desk, sent):
    request = submit(desk.owner, at=FILED)
    escalation_pass(now=FIRST_BREACH)  # Tuesday 30 Sep; two working days later is the end of Friday 10 Oct (国庆)
    assert escalation_pass(now=local(2025, 10, 10, 23, 59)) == 0
    sent.clear()
    assert escalation_pass(now=local(2025, 10, 11, 0, 0)) == 1
    assert reload(request).escalation == Escalation.BUREAU
    assert {s.user_id: s.reason for s in sent}[desk.bureau.pk] == "该服务需求由市科技局受理或督办"
    assert escalation_pass(now=local(2025, 12, 1, 0, 0)) == 0
    assert reload(request).events.filter(kind=RequestEvent.Kind.ESCALATED).count() == 2


def test_without_a_station_in_the_district_the_first_stage_is_the_bureau(desk):
    request = submit(desk.outsider, at=FILED)
    assert escalation_pass(now=FIRST_BREACH) == 1
    assert reload(request).escalation == Escalation.BUREAU
    assert "没有运营中的服务站" in reload(request).events.last().note


def test_a_missed_resolution_deadline_escalates_an_accepted_request(desk):
    request = submit(desk.owner, at=FILED)
    request_transition(actor=desk.mentor, pk=request.pk, to=State.ACCEPTED, at=local(2025, 9, 29, 9, 0))
    assert escalation_pass(now=FIRST_BREACH) == 0
    assert escalation_pass(now=request.resolution_due) == 1
    assert "办结已超时" in reload(request).events.last().note


def test_resolved_requests_are_never_escalated(desk):
    request = submit(desk.owner, at=FILED)
    request_transition(actor=desk.mentor, pk=request.pk, to=State.ACCEPTED, at=local(2025, 9, 29, 9, 0))
    request_transition(actor=desk.mentor, pk=request.pk, to=State.RESOLVED, note="已答复", at=local(2025, 9, 29, 10))
    assert escalation_pass(now=local(2026, 1, 1, 0, 0)) == 0


def test_the_periodic_task_runs_one_pass(desk):
    submit(desk.owner, at=FILED)
    assert escalate_overdue.call() == 1
    assert escalate_overdue.call() == 0
    assert not DBTaskResult.objects.exists()


def test_the_scheduler_queues_the_pass_only_once_per_interval(db, settings):
    call_command("run_periodic", once=True, verbosity=0, stdout=io.StringIO())
    call_command("run_periodic", once=True, verbosity=0, stdout=io.StringIO())
    assert DBTaskResult.objects.filter(task_path=escalate_overdue.module_path).count() == 1
    job = PeriodicJob.objects.get(name="servicedesk.escalate_overdue")
    interval = settings.SERVICEDESK["escalation_interval_minutes"]
    assert job.next_run_at - job.last_run_at == datetime.timedelta(minutes=interval)


def test_the_worker_runs_the_queued_pass(desk, run_worker):
    request = submit(desk.owner, at=FILED)
    call_command("run_periodic", once=True, verbosity=0, stdout=io.StringIO())
    run_worker()
    assert reload(request).escalation == Escalation.STATION
    statuses = set(DBTaskResult.objects.values_list("status", flat=True))
    assert statuses == {TaskResultStatus.SUCCESSFUL}
