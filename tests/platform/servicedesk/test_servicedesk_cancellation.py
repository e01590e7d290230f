"""Withdrawal by the enterprise: allowed until resolved, terminal, told to the handler, outside SLA figures."""

import pytest

from gaoqi.apps.servicedesk.models import RequestEvent, ServiceRequest
from gaoqi.apps.servicedesk.selectors import next_states, sla_dashboard
from gaoqi.apps.servicedesk.services import IllegalTransition, escalation_pass
from gaoqi.apps.servicedesk.station_section import open_requests
from gaoqi.core.errors import NotFound, PermissionDenied
from tests.platform.servicedesk.servicedesk_setup import local, move, submit

State = ServiceRequest.State


def withdraw(actor, request, reason=""):
    return move(actor, request, State.CANCELLED, note=reason)


def test_the_owner_withdraws_a_new_request_with_a_reason_and_the_mentor_is_told(desk, sent):
    request = submit(desk.owner)
    sent.clear()
    done = withdraw(desk.owner, request, "问题已自行解决")
    assert done.state == State.CANCELLED
    assert done.first_responded_at is None  # withdrawing is not a response
    event = done.events.last()
    assert (event.kind, event.actor, event.from_state, event.to_state, event.note) == (
        RequestEvent.Kind.TRANSITION,
        desk.owner,
        "new",
        "cancelled",
        "问题已自行解决",
    )
    reasons = {s.user_id: s.reason for s in sent}
    assert reasons == {desk.colleague.pk: "您所在的企业提交了该服务需求", desk.mentor.pk: "该服务需求分派给您承办"}
    assert sent[0].title == "服务需求已撤销：专利布局咨询"


def test_without_a_reason_the_history_says_none_was_given(desk):
    done = withdraw(desk.colleague, submit(desk.owner))
    assert done.events.last().note == "企业撤销了该需求，未说明原因。"


def test_the_station_operators_hear_of_a_withdrawal_in_their_queue(desk, sent):
    request = submit(desk.owner, category="finance")
    sent.clear()
    withdraw(desk.owner, request)
    assert {s.user_id: s.reason for s in sent}[desk.station.pk] == "该服务需求由您的服务站承办或督办"


@pytest.mark.parametrize("state", [State.ACCEPTED, State.IN_PROGRESS, State.REOPENED])
def test_a_request_not_yet_resolved_may_be_withdrawn(desk, state):
    request = submit(desk.owner)
    move(desk.mentor, request, State.ACCEPTED)
    if state == State.IN_PROGRESS:
        move(desk.mentor, request, State.IN_PROGRESS)
    if state == State.REOPENED:
        move(desk.mentor, request, State.RESOLVED, note="已答复")
        move(desk.owner, request, State.REOPENED, note="还不够")
    assert withdraw(desk.colleague, request).state == State.CANCELLED


@pytest.mark.parametrize(("steps", "label"), [(1, "已解决"), (2, "已评价"), (3, "已撤销")])
def test_a_resolved_rated_or_withdrawn_request_cannot_be_withdrawn(desk, steps, label):
    request = submit(desk.owner)
    if steps == 3:
        withdraw(desk.owner, request)
    else:
        move(desk.mentor, request, State.ACCEPTED)
        move(desk.mentor, request, State.RESOLVED, note="已答复")
        if steps == 2:
            move(desk.owner, request, State.RATED, rating=4)
    with pytest.raises(IllegalTransition) as raised:
        withdraw(desk.owner, request)
    assert raised.value.message == f"当前状态为“{label}”，不能变更为“已撤销”。"


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("mentor", PermissionDenied),
        ("bureau", PermissionDenied),
        ("district", PermissionDenied),
        ("outsider", NotFound),
        ("other_mentor", NotFound),
    ],
)
def test_only_the_requesting_enterprise_withdraws(desk, who, refusal):
    request = submit(desk.owner)
    with pytest.raises(refusal):
        withdraw(getattr(desk, who), request)


def test_the_station_operator_may_not_withdraw_a_request_it_handles(desk):
    request = submit(desk.owner, category="finance")
    assert State.CANCELLED not in next_states(actor=desk.station, request=request)
    with pytest.raises(PermissionDenied):
        withdraw(desk.station, request)


def test_a_withdrawn_request_is_final_and_never_escalated(desk):
    request = submit(desk.owner, at=local(2025, 9, 26, 10, 0))
    done = withdraw(desk.owner, request)
    for who in ("owner", "mentor", "bureau"):
        assert next_states(actor=getattr(desk, who), request=done) == []
    assert escalation_pass(now=local(2026, 1, 5, 0, 0)) == 0


def test_withdrawn_requests_stay_out_of_sla_compliance_and_open_counts(desk):
    kept = submit(desk.owner, at=local(2025, 9, 1, 9, 0))
    move(desk.mentor, kept, State.ACCEPTED, at=local(2025, 9, 2, 9, 0))
    late = submit(desk.owner, at=local(2025, 9, 1, 9, 0))
    move(desk.mentor, late, State.ACCEPTED, at=local(2025, 9, 20, 9, 0))
    withdraw(desk.owner, late, "不需要了")
    withdraw(desk.owner, submit(desk.owner, at=local(2025, 10, 1, 9, 0)))
    stats = sla_dashboard(actor=desk.bureau, now=local(2025, 11, 3, 12, 0))
    assert (stats["total"], stats["cancelled"], stats["open"], stats["overdue"]) == (1, 2, 1, 1)
    assert (stats["responded"], stats["response_rate"]) == (1, 100.0)
    assert stats["by_month"] == [{"month": "2025-09", "total": 1, "on_time": 0, "late": 0}]


def test_the_station_page_leaves_withdrawn_requests_out(desk):
    request = submit(desk.owner, category="finance")
    assert open_requests(station=desk.desk_station, user=desk.station) is not None
    withdraw(desk.owner, request)
    assert open_requests(station=desk.desk_station, user=desk.station) is None
