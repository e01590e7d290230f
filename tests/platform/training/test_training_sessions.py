"""Publishing programmes and sessions: who may, where, and the checks on times and places."""

import datetime

import pytest
from django.utils import timezone

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.training.services import programme_create, registration_create, session_cancel, session_create
from gaoqi.core.errors import DomainError, PermissionDenied


def _times(days=10):
    start = timezone.now() + datetime.timedelta(days=days)
    return {
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=2),
        "registration_opens": timezone.now(),
        "registration_closes": start - datetime.timedelta(hours=2),
    }


def _create(actor, programme, **extra):
    values = {"programme": programme, "title": "八大条件逐条讲", "speakers": "陈老师", "capacity": 80, **_times()}
    values.update(extra)
    return session_create(actor=actor, **values)


def test_a_station_operator_publishes_at_its_station_in_its_district(cast, programme, station):
    session = _create(cast.station, programme, station=station)
    assert session.district == "440112"
    assert session.topic == "recognition"
    assert session.venue.startswith("黄埔")


def test_district_staff_may_not_use_another_districts_station(cast, programme, other_station):
    with pytest.raises(DomainError, match="无权") as exc:
        _create(cast.district, programme, station=other_station)
    assert exc.value.field == "station"


def test_an_online_session_belongs_to_the_district_of_the_organiser(cast, programme):
    session = _create(cast.district, programme, online_url="https://meeting.example.cn/1", district="440106")
    assert session.district == "440112"
    assert session.venue == "线上"


def test_an_online_session_needs_a_link(cast, programme):
    with pytest.raises(DomainError) as exc:
        _create(cast.bureau, programme, district="440106")
    assert exc.value.field == "online_url"


def test_registration_must_close_before_the_start(cast, programme, station):
    times = _times()
    with pytest.raises(DomainError, match="不能晚于开始时间"):
        _create(cast.bureau, programme, station=station, registration_closes=times["starts_at"] + datetime.timedelta(1))


@pytest.mark.parametrize("who", ["owner", "mentor"])
def test_enterprises_and_mentors_do_not_publish(cast, programme, station, who):
    with pytest.raises(PermissionDenied):
        _create(getattr(cast, who), programme, station=station)
    with pytest.raises(PermissionDenied):
        programme_create(actor=getattr(cast, who), title="x", topic="ip", year=2026)


def test_a_programme_needs_a_known_topic(cast):
    with pytest.raises(DomainError) as exc:
        programme_create(actor=cast.bureau, title="x", topic="cooking", year=2026)
    assert exc.value.field == "topic"


def test_cancelling_a_session_tells_every_registered_enterprise_why_once(cast, session):
    registration_create(actor=cast.owner, session=session, attendee_name="甲", attendee_phone="13800000001")
    registration_create(actor=cast.outsider, session=session, attendee_name="乙", attendee_phone="13800000002")
    with pytest.raises(DomainError) as exc:
        session_cancel(actor=cast.station, session=session, reason=" ")
    assert exc.value.field == "reason"
    assert session_cancel(actor=cast.station, session=session, reason="主讲人临时出差") == 3
    notice = Notice.objects.get(user=cast.outsider, dedupe_key=f"training:session:{session.pk}:cancelled")
    assert "主讲人临时出差" in notice.body
    with pytest.raises(DomainError, match="已取消"):
        session_cancel(actor=cast.bureau, session=session, reason="重复")
    with pytest.raises(DomainError, match="不在报名时间内"):
        registration_create(actor=cast.owner, session=session, attendee_name="丙", attendee_phone="13800000003")


@pytest.mark.parametrize("who", ["other_district", "mentor", "owner"])
def test_only_the_sessions_staff_cancel_it(cast, session, who):
    with pytest.raises(PermissionDenied):
        session_cancel(actor=getattr(cast, who), session=session, reason="x")
