"""Who sees which registrations, what is recommended, and the KPIs against the plan."""

import copy
import datetime

import pytest
from django.utils import timezone

from gaoqi.apps.training.selectors import kpis, registration_list, sessions_recommended
from gaoqi.apps.training.services import checkin, feedback_submit, registration_create
from gaoqi.core.errors import DomainError, PermissionDenied
from tests.platform.conftest import canned_result
from tests.platform.training.training_setup import make_session


@pytest.fixture
def both(cast, session):
    ours = registration_create(actor=cast.owner, session=session, attendee_name="甲", attendee_phone="13800000001")
    theirs = registration_create(actor=cast.outsider, session=session, attendee_name="乙", attendee_phone="13800000002")
    return ours, theirs


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("owner", {"甲"}),
        ("colleague", {"甲"}),
        ("outsider", {"乙"}),
        ("mentor", {"甲"}),
        ("other_mentor", set()),
        ("district", {"甲", "乙"}),  # the session is in 黄埔
        ("other_district", {"乙"}),  # 天河's enterprise
        ("bureau", {"甲", "乙"}),
        ("station", {"甲", "乙"}),  # runs the session
    ],
)
def test_an_enterprise_never_sees_another_enterprises_registrations(cast, both, who, sees):
    names = set(registration_list(actor=getattr(cast, who)).values_list("attendee_name", flat=True))
    assert names == sees


def test_recommendations_follow_the_latest_gap_plan_most_urgent_topic_first(cast, programme, station, make_assessment):
    result = copy.deepcopy(canned_result())
    result["gaps"] = [
        {**result["gaps"][0], "action": "increase_rd"},
        {**result["gaps"][0], "action": "add_class_ii_ip"},
    ]
    assessment = make_assessment(cast.ours)
    assessment.result = result
    assessment.save()
    ip = make_session(programme, station, topic="ip", title="专利布局")
    rd = make_session(programme, None, topic="rd_accounting", title="研发费用归集")
    make_session(programme, station, topic="listing", title="上市培育")
    assert sessions_recommended(enterprise=cast.ours) == [rd, ip]


def test_no_assessment_means_no_recommendation(cast, session):
    assert sessions_recommended(enterprise=cast.ours) == []


def test_kpis_count_sessions_check_ins_and_enterprises_by_district_against_the_targets(cast, programme, station, both):
    ours, theirs = both
    checkin(actor=cast.bureau, session=ours.session, text=ours.typed_code)
    checkin(actor=cast.bureau, session=ours.session, text=theirs.typed_code)
    make_session(programme, None, district="440106")
    year = timezone.localtime(ours.session.starts_at).year
    figures = kpis(actor=cast.bureau, year=year)
    rows = {row["district"]: row for row in figures["rows"]}
    assert figures["totals"] == {
        "sessions": 2,
        "trainee_visits": 2,
        "enterprises": 2,
    }
    assert rows["440112"] == {
        "district": "440112",
        "name": "黄埔区",
        "sessions": 1,
        "trainee_visits": 1,
        "enterprises": 1,
    }
    assert rows["440106"]["sessions"] == 1
    assert rows["440106"]["trainee_visits"] == 1
    assert figures["targets"] == {"sessions": 100, "trainee_visits": 10_000}
    assert figures["progress"]["sessions"] == pytest.approx(0.02)
    assert kpis(actor=cast.bureau, year=year - 1)["totals"] == {"sessions": 0, "trainee_visits": 0, "enterprises": 0}


def test_district_staff_get_the_kpis_of_their_own_district_only(cast, programme, station, both):
    ours, theirs = both
    checkin(actor=cast.bureau, session=ours.session, text=ours.typed_code)
    checkin(actor=cast.bureau, session=ours.session, text=theirs.typed_code)
    make_session(programme, None, district="440106")
    figures = kpis(actor=cast.district, year=timezone.localtime(ours.session.starts_at).year)
    assert [row["district"] for row in figures["rows"]] == ["440112"]
    assert figures["totals"] == {"sessions": 1, "trainee_visits": 1, "enterprises": 1}
    assert not figures["citywide"]


def test_feedback_is_given_once_after_checking_in_by_the_enterprise(cast, both):
    ours, _theirs = both
    with pytest.raises(DomainError, match="签到后"):
        feedback_submit(actor=cast.owner, registration=ours, rating=5, usefulness=4)
    checkin(actor=cast.station, session=ours.session, text=ours.typed_code)
    ours.refresh_from_db()
    with pytest.raises(PermissionDenied):
        feedback_submit(actor=cast.outsider, registration=ours, rating=5, usefulness=4)
    with pytest.raises(DomainError) as exc:
        feedback_submit(actor=cast.owner, registration=ours, rating=6, usefulness=4)
    assert exc.value.field == "rating"
    feedback_submit(actor=cast.colleague, registration=ours, rating=5, usefulness=4, comment=" 很实用 ")
    with pytest.raises(DomainError, match="已提交"):
        feedback_submit(actor=cast.owner, registration=ours, rating=5, usefulness=4)
    assert ours.feedback.comment == "很实用"


def test_sessions_outside_the_year_do_not_count(cast, programme):
    next_year = timezone.now() + datetime.timedelta(days=400)
    make_session(programme, None, starts_at=next_year)
    assert kpis(actor=cast.bureau, year=timezone.localdate().year)["totals"]["sessions"] == 0
