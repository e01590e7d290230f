"""Reads: a user's station, an enterprise's mentors, KPI, load, the workbench."""

import pytest

from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.mentoring.selectors import (
    mentor_list,
    mentor_load,
    mentors_of,
    pool_summary,
    station_kpi,
    station_of,
    workbench,
)
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.errors import PermissionDenied

pytestmark = pytest.mark.django_db


def test_station_of_gives_the_station_a_user_operates(cast, station):
    assert station_of(cast.station) == station
    assert station_of(cast.bureau) is None


def test_mentors_of_lists_the_assigned_mentors(cast):
    assert mentors_of(cast.ours.pk) == [cast.mentor]
    assert mentors_of(cast.theirs.pk) == []


def test_the_kpi_counts_active_stations_against_30_and_the_districts_left_uncovered(cast, station):
    Station.objects.create(name="停运站", organisation="某机构", district="440106", is_active=False)
    kpi = station_kpi()
    assert (kpi["stations"], kpi["target"], kpi["target_met"]) == (1, 30, False)
    assert (kpi["covered"], kpi["district_count"]) == (1, 11)
    assert "天河区" in kpi["uncovered"]
    assert "黄埔区" not in kpi["uncovered"]


def test_the_kpi_is_met_with_30_stations_over_all_11_districts(cast):
    Station.objects.bulk_create(
        Station(name=f"站{i}", organisation="某机构", district=DISTRICTS[i % 11][0]) for i in range(30)
    )
    kpi = station_kpi()
    assert kpi["target_met"]
    assert kpi["covered"] == 11
    assert not kpi["uncovered"]


def test_mentor_load_compares_assignments_with_capacity(cast, mentors):
    rows = {r["mentor"].user.username: r for r in mentor_load(actor=cast.bureau)}
    assert (rows["mentor"]["load"], rows["mentor"]["capacity"], rows["mentor"]["percent"]) == (1, 3, 33)
    assert rows["other_mentor"]["load"] == 0


def test_the_registry_filters_by_topic_and_is_closed_to_mentors(cast, mentors):
    assert list(mentor_list(actor=cast.district, topic="finance")) == [mentors.other]
    with pytest.raises(PermissionDenied):
        mentor_list(actor=cast.mentor)


def test_the_workbench_shows_the_latest_verdict_and_top_gaps(cast, mentors, make_assessment):
    make_assessment(cast.ours, eligible=False, status="fail")
    [row] = workbench(actor=cast.mentor)
    assert row.enterprise == cast.ours
    assert row.assessment.verdict == "ineligible"
    assert row.gaps[0]["description"] == "科技人员再增加 3 人"
    assert workbench(actor=cast.other_mentor) == []
    with pytest.raises(PermissionDenied):
        workbench(actor=cast.bureau)


def test_the_pool_summary_is_scoped_to_what_the_actor_sees(cast):
    assert pool_summary(actor=cast.bureau) == {"pool": 2, "assigned": 1, "waiting": 1}
    assert pool_summary(actor=cast.other_district) == {"pool": 1, "assigned": 0, "waiting": 1}
