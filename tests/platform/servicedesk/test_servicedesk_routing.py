"""Routing: the enterprise's choice, its mentor for the topic, its district's station, else the bureau; SLA clocks."""

import pytest

from gaoqi.apps.enterprises.models import MentorAssignment
from gaoqi.apps.mentoring.models import MentorProfile
from gaoqi.apps.servicedesk.models import RequestEvent, SlaTarget
from gaoqi.core.errors import DomainError, PermissionDenied
from tests.platform.servicedesk.servicedesk_setup import local, submit


def test_an_assigned_mentor_who_covers_the_category_gets_the_request(desk):
    request = submit(desk.owner, category="ip")
    assert (request.queue, request.mentor, request.station) == ("mentor", desk.mentor, None)
    assert "mentor" in request.route_reason
    assert "知识产权" in request.route_reason
    event = request.events.get()
    assert (event.kind, event.actor, event.from_state, event.to_state) == (
        RequestEvent.Kind.ROUTED,
        desk.owner,
        "",
        "new",
    )


def test_without_a_covering_mentor_it_goes_to_the_station_of_the_district(desk):
    request = submit(desk.owner, category="finance")
    assert (request.queue, request.mentor, request.station) == ("station", None, desk.desk_station)
    assert "黄埔区" in request.route_reason
    assert "科技金融" in request.route_reason


def test_a_station_offering_the_category_is_preferred_within_the_district(desk):
    from gaoqi.apps.mentoring.models import Station

    talent = Station.objects.create(
        name="黄埔人才驿站", organisation="人才中心", district="440112", services=["talent"]
    )
    desk.desk_station.services = ["recognition"]
    desk.desk_station.save()
    assert submit(desk.owner, category="talent").station == talent


def test_with_no_mentor_and_no_station_it_lands_in_the_bureau_queue(desk):
    request = submit(desk.outsider, category="ip")
    assert (request.queue, request.mentor, request.station) == ("bureau", None, None)
    assert "天河区" in request.route_reason
    assert "市科技局" in request.route_reason


def test_the_enterprise_may_ask_for_one_of_its_mentors_or_any_active_station(desk):
    by_mentor = submit(desk.owner, category="finance", preferred_mentor=desk.mentor)
    assert (by_mentor.queue, by_mentor.mentor) == ("mentor", desk.mentor)
    assert "指定" in by_mentor.route_reason
    by_station = submit(desk.outsider, category="ip", preferred_station=desk.desk_station)
    assert (by_station.queue, by_station.station) == ("station", desk.desk_station)


def test_a_mentor_not_serving_the_enterprise_cannot_be_asked_for(desk):
    with pytest.raises(DomainError) as raised:
        submit(desk.owner, preferred_mentor=desk.other_mentor)
    assert raised.value.field == "preferred_mentor"
    assert "本企业服务的导师" in raised.value.message


def test_an_inactive_station_cannot_be_asked_for(desk):
    desk.desk_station.is_active = False
    desk.desk_station.save()
    with pytest.raises(DomainError) as raised:
        submit(desk.owner, preferred_station=desk.desk_station)
    assert raised.value.field == "preferred_station"


def test_the_covering_mentor_with_fewer_open_requests_is_chosen(desk):
    MentorAssignment.objects.create(mentor=desk.other_mentor, enterprise=desk.ours)
    first = submit(desk.owner, category="ip")
    second = submit(desk.owner, category="ip")
    assert {first.mentor, second.mentor} == {desk.mentor, desk.other_mentor}


def test_an_inactive_mentor_profile_is_skipped(desk):
    MentorProfile.objects.filter(user=desk.mentor).update(is_active=False)
    assert submit(desk.owner, category="ip").queue == "station"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("category", "nonsense", "服务类别"), ("title", "  ", "标题"), ("description", "", "描述")],
)
def test_missing_or_bad_input_names_the_field_in_chinese(desk, field, value, message):
    with pytest.raises(DomainError) as raised:
        submit(desk.owner, **{field: value})
    assert raised.value.field == field
    assert message in raised.value.message


@pytest.mark.parametrize("who", ["mentor", "station", "bureau", "district"])
def test_only_enterprise_users_file_requests(desk, who):
    with pytest.raises(PermissionDenied):
        submit(getattr(desk, who))


def test_sla_clocks_use_the_defaults_on_the_working_day_calendar(desk):
    request = submit(desk.owner, at=local(2025, 9, 26, 16, 30))  # Friday before 国庆
    assert request.first_response_due == local(2025, 9, 30, 0, 0)  # end of Monday 29th (Sunday 28th is a working day)
    assert request.resolution_due == local(2025, 10, 17, 0, 0)  # 10 working days: 28, 29, 30 Sep, 9–11, 13–16 Oct


def test_sla_targets_per_category_override_the_defaults(desk):
    SlaTarget.objects.create(category="ip", first_response_days=1, resolution_days=3)
    request = submit(desk.owner, category="ip", at=local(2025, 9, 30, 9, 0))
    assert request.first_response_due == local(2025, 10, 10, 0, 0)
    assert request.resolution_due == local(2025, 10, 12, 0, 0)  # 9, 10 Oct and the adjusted Saturday 11 Oct
