"""Registering named attendees: confirmed within the capacity, then a waiting list that promotes on cancellation."""

import datetime

import pytest
from django.utils import timezone

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.training.models import Registration
from gaoqi.apps.training.services import registration_cancel, registration_create
from gaoqi.core.errors import DomainError, PermissionDenied
from tests.platform.training.training_setup import make_session


def _register(actor, session, n=1, phone_base=13800000000):
    return [
        registration_create(actor=actor, session=session, attendee_name=f"学员{i}", attendee_phone=str(phone_base + i))
        for i in range(n)
    ]


def test_attendees_are_confirmed_until_the_session_is_full_then_wait_in_order(cast, programme, station):
    session = make_session(programme, station, capacity=2)
    first, second, third, fourth = _register(cast.owner, session, 4)
    assert [r.status for r in (first, second, third, fourth)] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert first.enterprise == cast.ours
    assert len(first.code) == 8


def test_a_confirmed_registration_tells_every_member_of_the_enterprise(cast, session):
    (registration,) = _register(cast.colleague, session)
    notices = Notice.objects.filter(dedupe_key=f"training:registration:{registration.pk}:confirmed")
    assert sorted(n.user.username for n in notices) == ["colleague", "owner"]
    assert all("学员0" in n.body and n.reason and n.link == f"/training/sessions/{session.pk}/" for n in notices)


def test_cancelling_a_confirmed_seat_promotes_the_first_on_the_waiting_list(cast, programme, station):
    session = make_session(programme, station, capacity=1)
    (seat,) = _register(cast.owner, session)
    (waiting,) = _register(cast.outsider, session, phone_base=13900000000)
    promoted = registration_cancel(actor=cast.owner, registration=seat)
    assert promoted.pk == waiting.pk
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    assert waiting.promoted_at is not None
    notice = Notice.objects.get(user=cast.outsider, dedupe_key=f"training:registration:{waiting.pk}:promoted")
    assert "候补" in notice.title
    assert "排在第一位" in notice.reason


def test_cancelling_a_waiting_registration_promotes_nobody(cast, programme, station):
    session = make_session(programme, station, capacity=1)
    _seat, waiting = _register(cast.owner, session, 2)
    assert registration_cancel(actor=cast.owner, registration=waiting) is None
    assert session.registrations.filter(status="confirmed").count() == 1


def test_the_same_phone_cannot_register_twice_for_a_session_but_may_after_cancelling(cast, session):
    (first,) = _register(cast.owner, session)
    with pytest.raises(DomainError, match="已报名") as exc:
        _register(cast.colleague, session)
    assert exc.value.field == "attendee_phone"
    registration_cancel(actor=cast.owner, registration=first)
    (again,) = _register(cast.owner, session)
    assert again.status == "confirmed"


def test_registration_outside_the_window_is_refused(cast, programme, station):
    later = timezone.now() + datetime.timedelta(days=30)
    session = make_session(programme, station, starts_at=later, registration_opens=later - datetime.timedelta(days=5))
    with pytest.raises(DomainError, match="不在报名时间内"):
        _register(cast.owner, session)


def test_a_cancelled_session_takes_no_registrations(cast, session):
    session.status = session.Status.CANCELLED
    session.save()
    with pytest.raises(DomainError, match="不在报名时间内"):
        _register(cast.owner, session)


@pytest.mark.parametrize(
    ("name", "phone", "field"), [("", "13800000000", "attendee_name"), ("张三", "2380000", "attendee_phone")]
)
def test_bad_attendee_details_name_the_field(cast, session, name, phone, field):
    with pytest.raises(DomainError) as exc:
        registration_create(actor=cast.owner, session=session, attendee_name=name, attendee_phone=phone)
    assert exc.value.field == field


@pytest.mark.parametrize("who", ["mentor", "district", "bureau", "station"])
def test_only_enterprise_users_register_attendees(cast, session, who):
    with pytest.raises(PermissionDenied):
        _register(getattr(cast, who), session)


def test_another_enterprise_cannot_cancel_our_registration(cast, session):
    (ours,) = _register(cast.owner, session)
    with pytest.raises(PermissionDenied):
        registration_cancel(actor=cast.outsider, registration=ours)


def test_the_station_running_the_session_may_cancel_a_registration(cast, session):
    (ours,) = _register(cast.owner, session)
    registration_cancel(actor=cast.station, registration=ours)
    assert Registration.objects.get(pk=ours.pk).status == "cancelled"


def test_a_registration_cannot_be_cancelled_twice_or_after_the_start(cast, session):
    first, second = _register(cast.owner, session, 2)
    registration_cancel(actor=cast.owner, registration=first)
    with pytest.raises(DomainError, match="已取消"):
        registration_cancel(actor=cast.owner, registration=first)
    with pytest.raises(DomainError, match="不能取消"):
        registration_cancel(actor=cast.owner, registration=second, now=session.starts_at)
