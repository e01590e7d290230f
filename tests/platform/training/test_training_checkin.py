"""Check-in by staff: by QR token or typed code, once; every refusal says why."""

import pytest

from gaoqi.apps.training import codes
from gaoqi.apps.training.services import checkin, registration_create
from gaoqi.core.errors import DomainError, NotFound
from tests.platform.training.training_setup import make_session


@pytest.fixture
def seat(cast, session):
    return registration_create(actor=cast.owner, session=session, attendee_name="王工", attendee_phone="13800000001")


@pytest.mark.parametrize("who", ["station", "district", "bureau"])
def test_staff_of_the_session_check_in_by_the_typed_code(cast, session, seat, who):
    done = checkin(actor=getattr(cast, who), session=session, text=seat.typed_code)
    assert done.pk == seat.pk
    assert done.checked_in_at is not None
    assert done.checked_in_by == getattr(cast, who)


def test_the_scanned_qr_token_checks_in_too(cast, session, seat):
    assert checkin(actor=cast.station, session=session, text=codes.qr_token(seat.code)).checked_in_at


def test_a_second_check_in_is_refused_with_the_name_and_time(cast, session, seat):
    checkin(actor=cast.station, session=session, text=seat.typed_code)
    with pytest.raises(DomainError, match=r"王工（广州华芯科技有限公司）已于 \d\d:\d\d 签到，不能重复签到") as exc:
        checkin(actor=cast.bureau, session=session, text=seat.typed_code.lower())
    assert exc.value.code == "already_checked_in"


def test_a_mistyped_code_is_invalid(cast, session, seat):
    with pytest.raises(DomainError, match="签到码无效"):
        checkin(
            actor=cast.station,
            session=session,
            text=seat.typed_code[:-1] + "Z" if seat.typed_code[-1] != "Z" else seat.typed_code[:-1] + "Y",
        )


def test_a_code_for_another_session_names_that_session(cast, programme, station, session, seat):
    other = make_session(programme, station, title="知识产权布局")
    with pytest.raises(DomainError, match="另一场培训：研发费用归集实务"):
        checkin(actor=cast.station, session=other, text=seat.typed_code)


def test_someone_on_the_waiting_list_cannot_check_in(cast, programme, station):
    session = make_session(programme, station, capacity=1)
    registration_create(actor=cast.owner, session=session, attendee_name="甲", attendee_phone="13800000001")
    waiting = registration_create(actor=cast.owner, session=session, attendee_name="乙", attendee_phone="13800000002")
    with pytest.raises(DomainError, match="候补"):
        checkin(actor=cast.station, session=session, text=waiting.typed_code)


@pytest.mark.parametrize("who", ["other_district", "mentor", "owner"])
def test_people_who_do_not_run_the_session_cannot_check_in(cast, session, seat, who):
    with pytest.raises(NotFound):
        checkin(actor=getattr(cast, who), session=session, text=seat.typed_code)


def test_the_operator_of_another_station_cannot_check_in(cast, session, seat, other_station):
    with pytest.raises(NotFound):
        checkin(actor=other_station.operators.get(), session=session, text=seat.typed_code)
