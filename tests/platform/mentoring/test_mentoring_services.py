"""Matching, overrides, the registry and visit logs."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.models import Enterprise, MentorAssignment
from gaoqi.apps.mentoring import services
from gaoqi.apps.mentoring.models import MentorProfile, Visit
from gaoqi.apps.mentoring.selectors import cultivation_pool
from gaoqi.apps.notifications.models import Notice
from gaoqi.core.audit import AuditEntry
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from gaoqi.rules.uscc import make_uscc
from tests.platform.mentoring.conftest import certify

pytestmark = pytest.mark.django_db


def newcomer(i, district="440112", field="10201"):
    return Enterprise.objects.create(
        uscc=make_uscc("91", district, f"MA6{i:05d}"),
        name=f"新入库企业{i}",
        district=district,
        tech_field=field,
        registered_on=datetime.date(2020, 1, 1),
    )


def test_the_pool_holds_the_uncertified_and_the_certified_that_are_no_longer_eligible(cast, make_assessment):
    certify(cast.ours)
    make_assessment(cast.ours, eligible=True)
    assert set(cultivation_pool()) == {cast.theirs}
    make_assessment(cast.ours, eligible=False, status="fail")
    assert set(cultivation_pool()) == {cast.ours, cast.theirs}


def test_matching_keeps_settled_pairs_and_fills_free_capacity_optimally(cast, mentors):
    fresh = [newcomer(i) for i in range(3)] + [newcomer(9, "440106", "20301")]
    outcome = services.match_newcomers(actor=cast.bureau)
    pairs = dict(MentorAssignment.objects.values_list("enterprise_id", "mentor__username"))
    assert pairs[cast.ours.pk] == "mentor"  # settled before, untouched
    assert pairs[fresh[3].pk] == "other_mentor"  # the biomedicine enterprise in 天河 goes to the 天河 mentor
    assert sum(1 for u in pairs.values() if u == "mentor") == 3  # capacity 3, one already used
    assert outcome.assigned == 5
    assert outcome.unassigned == 0
    assert outcome.objective <= outcome.greedy_objective
    assert all(MentorAssignment.objects.exclude(enterprise=cast.ours).values_list("reason", flat=True))


def test_matching_twice_changes_nothing(cast, mentors):
    newcomer(1)
    services.match_newcomers(actor=cast.bureau)
    before = set(MentorAssignment.objects.values_list("enterprise_id", "mentor_id"))
    assert services.match_newcomers(actor=cast.bureau).assigned == 0
    assert set(MentorAssignment.objects.values_list("enterprise_id", "mentor_id")) == before


def test_gap_topics_steer_the_match(cast, mentors, make_assessment):
    MentorProfile.objects.filter(pk=mentors.other.pk).update(district="440112", tech_fields=["10"], topics=["talent"])
    MentorProfile.objects.filter(pk=mentors.mentor.pk).update(topics=["finance"])
    MentorAssignment.objects.all().delete()
    assessment = make_assessment(cast.ours, eligible=False, status="fail")
    assessment.result["gaps"][0]["action"] = "add_st_staff"  # S&T staff to hire: the talent topic
    assessment.save(update_fields=["result"])
    services.match_newcomers(actor=cast.bureau)
    assignment = MentorAssignment.objects.get(enterprise=cast.ours)
    assert assignment.mentor == cast.other_mentor
    assert "可辅导差距主题：科技人才" in assignment.reason


@pytest.mark.parametrize("who", ["district", "mentor", "owner", "station"])
def test_only_the_bureau_runs_the_matching(cast, mentors, who):
    with pytest.raises(PermissionDenied):
        services.match_newcomers(actor=getattr(cast, who))


def test_the_bureau_overrides_a_pair_by_hand(cast, mentors):
    assignment = services.assignment_override(
        actor=cast.bureau, enterprise=cast.ours, mentor_profile=mentors.other, note="企业点名"
    )
    assert list(MentorAssignment.objects.filter(enterprise=cast.ours)) == [assignment]
    assert assignment.manual
    assert assignment.mentor == cast.other_mentor
    assert "企业点名" in assignment.reason
    entry = AuditEntry.objects.get(action="mentor_override")
    assert entry.changes == {"mentor": ["mentor", "other_mentor"]}
    newcomer(1)
    services.match_newcomers(actor=cast.bureau)
    assert MentorAssignment.objects.get(enterprise=cast.ours).manual


def test_an_inactive_mentor_cannot_be_chosen_by_hand(cast, mentors):
    mentors.other.is_active = False
    with pytest.raises(DomainError) as exc:
        services.assignment_override(actor=cast.bureau, enterprise=cast.ours, mentor_profile=mentors.other)
    assert exc.value.field == "mentor"


def test_a_mentor_logs_a_visit_to_an_assigned_enterprise(cast, mentors):
    data = {"on": datetime.date(2026, 3, 2), "kind": "phone", "topics": ["ip"], "notes": "梳理专利", "follow_up": ""}
    visit = services.visit_log(actor=cast.mentor, enterprise_id=cast.ours.pk, data=data)
    assert Visit.objects.get() == visit
    assert visit.mentor == cast.mentor


def test_a_mentor_cannot_log_visits_to_someone_elses_enterprise(cast, mentors):
    data = {"on": datetime.date(2026, 3, 2), "kind": "phone", "topics": [], "notes": "", "follow_up": ""}
    with pytest.raises(NotFound):
        services.visit_log(actor=cast.other_mentor, enterprise_id=cast.ours.pk, data=data)
    with pytest.raises(PermissionDenied):
        services.visit_log(actor=cast.bureau, enterprise_id=cast.ours.pk, data=data)


def test_a_visit_in_the_future_or_with_an_unknown_topic_is_refused_by_field(cast, mentors):
    base = {"kind": "visit", "notes": "", "follow_up": ""}
    with pytest.raises(DomainError) as exc:
        services.visit_log(
            actor=cast.mentor, enterprise_id=cast.ours.pk, data={**base, "on": datetime.date(2999, 1, 1)}
        )
    assert exc.value.field == "on"
    data = {**base, "on": datetime.date(2026, 1, 1), "topics": ["astrology"]}
    with pytest.raises(DomainError) as exc:
        services.visit_log(actor=cast.mentor, enterprise_id=cast.ours.pk, data=data)
    assert exc.value.field == "topics"


def test_a_mentor_profile_needs_a_mentor_account(cast):
    data = {"district": "440112", "tech_fields": ["10"], "topics": ["ip"], "capacity": 5}
    with pytest.raises(DomainError) as exc:
        services.mentor_save(actor=cast.bureau, user=cast.owner, data=data)
    assert exc.value.field == "user"
    profile = services.mentor_save(actor=cast.bureau, user=cast.mentor, data=data)
    assert profile.capacity == 5
    with pytest.raises(PermissionDenied):
        services.mentor_save(actor=cast.district, user=cast.other_mentor, data=data)


def test_station_staff_edit_their_own_station_but_not_its_operators(cast, station):
    data = {"name": station.name, "organisation": "新运营机构", "district": "440112", "services": ["ip"]}
    services.station_save(actor=cast.station, data=data, station=station, operators=[])
    station.refresh_from_db()
    assert station.organisation == "新运营机构"
    assert list(station.operators.all()) == [cast.station]
    with pytest.raises(PermissionDenied):
        services.station_save(actor=cast.station, data=data)
    with pytest.raises(PermissionDenied):
        services.station_save(actor=cast.district, data=data, station=station)


def test_matching_without_mentors_leaves_everyone_waiting(cast):
    outcome = services.match_newcomers(actor=cast.bureau)
    assert outcome.assigned == 0
    assert outcome.unassigned == 1
    assert not Assessment.objects.exists()


def test_both_sides_of_a_new_pair_are_told_why(cast, mentors):
    services.assignment_override(actor=cast.bureau, enterprise=cast.ours, mentor_profile=mentors.other)
    notices = {n.user.username: n for n in Notice.objects.select_related("user")}
    assert set(notices) == {"other_mentor", "owner", "colleague"}
    assert notices["other_mentor"].title == "新分配服务企业：广州华芯科技有限公司"
    assert notices["other_mentor"].reason == MentorAssignment.objects.get(enterprise=cast.ours).reason
    assert notices["owner"].reason == "市科技局为贵企业安排的一对一服务"  # the match reasoning is for staff
    assert "other_mentor" not in notices["owner"].title
    services.match_newcomers(actor=cast.bureau)
    assert Notice.objects.filter(user=cast.outsider, topic="mentor").count() == 1


def test_the_command_matches_as_a_bureau_user_only(cast, mentors):
    out = io.StringIO()
    call_command("match_mentors", "--as", "bureau", stdout=out)
    assert out.getvalue().startswith("匹配 1 家")
    with pytest.raises(CommandError):
        call_command("match_mentors", "--as", "district")
