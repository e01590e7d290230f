"""The state machine: allowed moves per party, recorded events, Chinese errors, notices to every other party."""

import pytest

from gaoqi.apps.servicedesk.models import RequestEvent, ServiceRequest
from gaoqi.apps.servicedesk.selectors import next_states
from gaoqi.apps.servicedesk.services import IllegalTransition
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from tests.platform.servicedesk.servicedesk_setup import local, move, submit

State = ServiceRequest.State


def test_the_whole_journey_is_recorded_event_by_event(desk):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED, at=local(2025, 9, 28, 9, 0))
    move(desk.mentor, request, State.IN_PROGRESS, note="约了周一上门", at=local(2025, 9, 28, 10, 0))
    move(desk.mentor, request, State.RESOLVED, note="已梳理专利布局方案", at=local(2025, 10, 9, 15, 0))
    done = move(desk.colleague, request, State.RATED, rating=5, comment="很及时", at=local(2025, 10, 10, 9, 0))
    assert (done.state, done.rating, done.rating_comment) == (State.RATED, 5, "很及时")
    assert done.first_responded_at == local(2025, 9, 28, 9, 0)
    assert done.resolved_at == local(2025, 10, 9, 15, 0)
    rows = list(done.events.values_list("kind", "actor__username", "from_state", "to_state"))
    assert rows == [
        (RequestEvent.Kind.ROUTED, "owner", "", "new"),
        (RequestEvent.Kind.TRANSITION, "mentor", "new", "accepted"),
        (RequestEvent.Kind.TRANSITION, "mentor", "accepted", "in_progress"),
        (RequestEvent.Kind.TRANSITION, "mentor", "in_progress", "resolved"),
        (RequestEvent.Kind.TRANSITION, "colleague", "resolved", "rated"),
    ]


def test_a_move_the_table_does_not_have_is_refused_in_chinese(desk):
    request = submit(desk.owner)
    with pytest.raises(IllegalTransition) as raised:
        move(desk.mentor, request, State.RATED)
    assert raised.value.message == "当前状态为“待受理”，不能变更为“已评价”。"
    assert raised.value.code == "illegal_transition"


def test_a_rated_request_is_final(desk):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED)
    move(desk.mentor, request, State.RESOLVED, note="已答复")
    move(desk.owner, request, State.RATED, rating=4)
    for to in State.values:
        with pytest.raises(IllegalTransition):
            move(desk.owner, request, to)


@pytest.mark.parametrize("who", ["owner", "colleague", "district"])
def test_only_the_handler_accepts(desk, who):
    request = submit(desk.owner)
    with pytest.raises(PermissionDenied):
        move(getattr(desk, who), request, State.ACCEPTED)


def test_the_enterprise_mentor_sees_but_cannot_handle_a_request_routed_to_the_station(desk):
    request = submit(desk.owner, category="finance")
    assert next_states(actor=desk.mentor, request=request) == []
    with pytest.raises(PermissionDenied):
        move(desk.mentor, request, State.ACCEPTED)
    assert move(desk.station, request, State.ACCEPTED).state == State.ACCEPTED


def test_the_bureau_can_handle_anything_and_outsiders_cannot_even_see_it(desk):
    request = submit(desk.owner)
    with pytest.raises(NotFound):
        move(desk.other_mentor, request, State.ACCEPTED)
    with pytest.raises(NotFound):
        move(desk.outsider, request, State.ACCEPTED)
    assert move(desk.bureau, request, State.ACCEPTED).state == State.ACCEPTED


def test_only_the_enterprise_rates_or_reopens(desk):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED)
    move(desk.mentor, request, State.RESOLVED, note="已答复")
    assert next_states(actor=desk.mentor, request=ServiceRequest.objects.get(pk=request.pk)) == []
    with pytest.raises(PermissionDenied):
        move(desk.mentor, request, State.RATED, rating=5)


def test_resolving_and_reopening_need_a_note(desk):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED)
    with pytest.raises(DomainError) as raised:
        move(desk.mentor, request, State.RESOLVED, note="  ")
    assert raised.value.field == "note"


@pytest.mark.parametrize("rating", [None, 0, 6])
def test_a_rating_is_one_to_five(desk, rating):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED)
    move(desk.mentor, request, State.RESOLVED, note="已答复")
    with pytest.raises(DomainError) as raised:
        move(desk.owner, request, State.RATED, rating=rating)
    assert raised.value.field == "rating"
    assert "1 至 5" in raised.value.message


def test_reopening_restarts_the_resolution_clock(desk):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED)
    move(desk.mentor, request, State.RESOLVED, note="已答复", at=local(2025, 10, 9, 10, 0))
    reopened = move(desk.owner, request, State.REOPENED, note="还需要补充材料清单", at=local(2025, 10, 10, 10, 0))
    assert reopened.resolved_at is None
    assert reopened.resolution_due == local(
        2025, 10, 24, 0, 0
    )  # 10 working days after Friday 10 Oct, Saturday 11th worked
    assert next_states(actor=desk.mentor, request=reopened) == [State.IN_PROGRESS, State.RESOLVED]


def test_every_change_tells_every_other_party_why(desk, sent):
    request = submit(desk.owner)
    assert {(s.user_id, s.reason) for s in sent} == {
        (desk.colleague.pk, "您所在的企业提交了该服务需求"),
        (desk.mentor.pk, "该服务需求分派给您承办"),
    }
    sent.clear()
    move(desk.mentor, request, State.ACCEPTED)
    assert {s.user_id for s in sent} == {desk.owner.pk, desk.colleague.pk}
    spec = sent[0]
    assert spec.topic == "service"
    assert spec.link == f"/servicedesk/{request.pk}/"
    assert spec.title == "服务需求已受理：专利布局咨询"
    assert spec.enterprise_id == desk.ours.pk
    assert spec.dedupe_key == f"servicedesk:event:{request.events.last().pk}"


def test_the_station_operators_and_bureau_hear_of_requests_in_their_queues(desk, sent):
    submit(desk.owner, category="finance")
    assert desk.station.pk in {s.user_id for s in sent}
    sent.clear()
    submit(desk.outsider, category="ip")
    assert {s.user_id for s in sent} == {desk.bureau.pk}
