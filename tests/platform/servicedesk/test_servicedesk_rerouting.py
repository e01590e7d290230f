"""Re-routing by hand: who may, to whom, in which states; the history entry, the SLA clock and the notices."""

import pytest

from gaoqi.apps.mentoring.models import MentorProfile, Station
from gaoqi.apps.servicedesk.models import RequestEvent, ServiceRequest
from gaoqi.apps.servicedesk.selectors import request_get
from gaoqi.apps.servicedesk.services import IllegalTransition, escalation_pass, request_reroute, request_transition
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from tests.platform.servicedesk.servicedesk_setup import local, submit

State, Escalation = ServiceRequest.State, ServiceRequest.Escalation
REASON = "导师出差两周，转服务站跟进"


def reroute(actor, request, reason=REASON, **kwargs):
    return request_reroute(actor=actor, pk=request.pk, reason=reason, **kwargs)


def reload(request):
    return ServiceRequest.objects.get(pk=request.pk)


def test_the_bureau_hands_a_mentors_request_to_a_station_and_the_history_says_so(desk):
    request = submit(desk.owner)
    moved = reroute(desk.bureau, request, station=desk.desk_station, at=local(2025, 9, 28, 9, 0))
    assert (moved.queue, moved.mentor, moved.station) == ("station", None, desk.desk_station)
    assert moved.route_reason == f"bureau 改派：{REASON}"
    event = moved.events.get(kind=RequestEvent.Kind.REROUTED)
    assert (event.actor, event.at, event.note) == (desk.bureau, local(2025, 9, 28, 9, 0), REASON)
    assert (event.from_handler, event.to_handler) == ("服务导师", "服务站 黄埔区高企服务站")
    assert (event.from_state, event.to_state) == ("new", "new")


def test_re_routing_keeps_the_sla_clock_running_from_submission(desk):
    request = submit(desk.owner)
    moved = reroute(desk.bureau, request, station=desk.desk_station, at=local(2025, 10, 9, 9, 0))
    assert (moved.first_response_due, moved.resolution_due) == (request.first_response_due, request.resolution_due)
    assert moved.created_at == request.created_at


def test_an_operator_hands_the_stations_request_to_a_mentor_and_no_longer_sees_it(desk):
    request = submit(desk.owner, category="finance")
    moved = reroute(desk.station, request, mentor=desk.other_mentor)
    assert (moved.queue, moved.mentor, moved.station) == ("mentor", desk.other_mentor, None)
    assert request_get(actor=desk.other_mentor, pk=request.pk) == moved
    with pytest.raises(NotFound):
        request_get(actor=desk.station, pk=request.pk)


def test_a_mentor_and_a_station_together_both_handle_it(desk):
    request = submit(desk.owner, category="finance")
    moved = reroute(desk.bureau, request, mentor=desk.other_mentor, station=desk.desk_station)
    assert (moved.queue, moved.mentor, moved.station) == ("mentor", desk.other_mentor, desk.desk_station)
    assert moved.events.last().to_handler == "服务导师 · 服务站 黄埔区高企服务站"


def test_an_escalated_request_keeps_its_level_and_is_not_escalated_again(desk):
    request = submit(desk.owner, at=local(2025, 9, 26, 10, 0))
    escalation_pass(now=local(2025, 9, 30, 0, 0))
    flagged = reload(request)
    assert flagged.escalation == Escalation.STATION
    moved = reroute(desk.station, request, mentor=desk.other_mentor, at=local(2025, 9, 30, 9, 0))
    assert (moved.escalation, moved.escalated_at) == (Escalation.STATION, flagged.escalated_at)
    assert escalation_pass(now=local(2025, 9, 30, 10, 0)) == 0
    assert escalation_pass(now=local(2025, 10, 11, 0, 0)) == 1  # the bureau stage still follows the first
    assert reload(request).escalation == Escalation.BUREAU


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("mentor", PermissionDenied),
        ("owner", PermissionDenied),
        ("colleague", PermissionDenied),
        ("district", PermissionDenied),
        ("station", NotFound),
        ("other_mentor", NotFound),
        ("outsider", NotFound),
        ("other_district", NotFound),
    ],
)
def test_only_the_bureau_or_the_handling_stations_operators_re_route(desk, who, refusal):
    request = submit(desk.owner)
    with pytest.raises(refusal):
        reroute(getattr(desk, who), request, station=desk.desk_station)
    assert reload(request).queue == "mentor"


def test_the_routed_mentor_may_not_re_route_even_a_request_with_a_station(desk):
    request = submit(desk.owner, category="finance")
    reroute(desk.bureau, request, mentor=desk.mentor, station=desk.desk_station)
    with pytest.raises(PermissionDenied):
        reroute(desk.mentor, request, mentor=desk.other_mentor)
    assert reroute(desk.station, request, mentor=desk.other_mentor).mentor == desk.other_mentor


def _resolved(desk):
    request = submit(desk.owner)
    request_transition(actor=desk.mentor, pk=request.pk, to=State.ACCEPTED)
    request_transition(actor=desk.mentor, pk=request.pk, to=State.RESOLVED, note="已答复")
    return request


def _rated(desk):
    request = _resolved(desk)
    request_transition(actor=desk.owner, pk=request.pk, to=State.RATED, rating=5)
    return request


def _cancelled(desk):
    request = submit(desk.owner)
    request_transition(actor=desk.owner, pk=request.pk, to=State.CANCELLED)
    return request


@pytest.mark.parametrize(("make", "label"), [(_resolved, "已解决"), (_rated, "已评价"), (_cancelled, "已撤销")])
def test_a_closed_request_is_not_re_routed(desk, make, label):
    request = make(desk)
    with pytest.raises(IllegalTransition) as raised:
        reroute(desk.bureau, request, station=desk.desk_station)
    assert raised.value.message == f"当前状态为“{label}”，不能改派。"
    assert raised.value.field == "state"


@pytest.mark.parametrize("state", [State.ACCEPTED, State.IN_PROGRESS, State.REOPENED])
def test_every_open_state_may_be_re_routed(desk, state):
    request = submit(desk.owner)
    request_transition(actor=desk.mentor, pk=request.pk, to=State.ACCEPTED)
    if state == State.IN_PROGRESS:
        request_transition(actor=desk.mentor, pk=request.pk, to=State.IN_PROGRESS)
    if state == State.REOPENED:
        request_transition(actor=desk.mentor, pk=request.pk, to=State.RESOLVED, note="已答复")
        request_transition(actor=desk.owner, pk=request.pk, to=State.REOPENED, note="还不够")
    assert reroute(desk.bureau, request, station=desk.desk_station).state == state


def test_the_same_handler_is_refused_naming_the_field(desk):
    by_mentor, by_station = submit(desk.owner), submit(desk.owner, category="finance")
    with pytest.raises(DomainError) as raised:
        reroute(desk.bureau, by_mentor, mentor=desk.mentor)
    assert (raised.value.field, raised.value.message) == ("mentor", "所选承办方与当前承办方相同，请另选导师或服务站。")
    with pytest.raises(DomainError) as raised:
        reroute(desk.bureau, by_station, station=desk.desk_station)
    assert raised.value.field == "station"


def test_a_mentor_off_duty_or_deactivated_is_refused_naming_the_field(desk):
    request = submit(desk.owner)
    MentorProfile.objects.filter(user=desk.other_mentor).update(is_active=False)
    with pytest.raises(DomainError) as raised:
        reroute(desk.bureau, request, mentor=desk.other_mentor)
    assert (raised.value.field, raised.value.message) == ("mentor", "导师 other_mentor 不在岗或已停用，请另选。")
    desk.mentor.is_active = False
    desk.mentor.save()
    for not_a_mentor in (desk.mentor, desk.district):
        with pytest.raises(DomainError) as raised:
            reroute(desk.bureau, request, mentor=not_a_mentor)
        assert raised.value.field == "mentor"


def test_a_closed_station_is_refused_naming_the_field(desk):
    closed = Station.objects.create(name="已撤站", organisation="x", district="440112", is_active=False)
    with pytest.raises(DomainError) as raised:
        reroute(desk.bureau, submit(desk.owner), station=closed)
    assert (raised.value.field, raised.value.message) == ("station", "服务站 已撤站 已停止运营，请另选。")


def test_a_target_and_a_reason_are_required(desk):
    request = submit(desk.owner)
    with pytest.raises(DomainError) as raised:
        reroute(desk.bureau, request)
    assert (raised.value.field, raised.value.message) == ("mentor", "请选择改派的导师或服务站。")
    with pytest.raises(DomainError) as raised:
        reroute(desk.bureau, request, reason="  ", station=desk.desk_station)
    assert (raised.value.field, raised.value.message) == ("reason", "请填写改派原因。")


def test_the_enterprise_the_former_and_the_new_handler_are_told(desk, sent):
    request = submit(desk.owner)
    sent.clear()
    reroute(desk.bureau, request, station=desk.desk_station)
    assert {s.user_id: s.reason for s in sent} == {
        desk.owner.pk: "您所在的企业提交了该服务需求",
        desk.colleague.pk: "您所在的企业提交了该服务需求",
        desk.mentor.pk: "该服务需求已从您处改派他人承办",
        desk.station.pk: "该服务需求由您的服务站承办或督办",
    }
    spec = sent[0]
    assert spec.title == "服务需求改派：专利布局咨询"
    assert spec.body == "您的服务需求已改由 服务站 黄埔区高企服务站 承办。"
    to_mentor = next(s for s in sent if s.user_id == desk.mentor.pk)
    assert to_mentor.body == f"服务导师 → 服务站 黄埔区高企服务站。原因：{REASON}"
    assert spec.dedupe_key == f"servicedesk:event:{request.events.last().pk}"
