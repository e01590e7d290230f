"""精准画像 and 标杆: standings among peers, anonymised quartiles only for groups large enough, the best of a group."""

import datetime

import pytest

from gaoqi.apps.enterprises.models import Enterprise, FiscalYear
from gaoqi.apps.rankings.profiles import benchmarks, profile_get
from gaoqi.core.errors import NotFound
from tests.platform.conftest import complete_years


@pytest.fixture
def today(clock):
    clock.at(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))


@pytest.fixture
def peers(cast, settings):
    """Five more 黄埔 electronics enterprises with the cast's figures, R&D lowered for each."""
    settings.SMALL_CELLS = [{"since": "2020-01-01", "min_count": 5}]
    made = []
    for i in range(5):
        e = Enterprise.objects.create(
            uscc=f"91440112MA5PEER{i:02d}X"[:18],
            name=f"同行{i}",
            district="440112",
            tech_field="10101",
            registered_on=datetime.date(2016, 1, 1),
        )
        complete_years(e)
        FiscalYear.objects.filter(enterprise=e).update(rd_other=0, rd_personnel=i * 10_000)
        made.append(e)
    return made


def test_an_enterprise_sees_where_it_stands_and_only_quartiles_of_its_peers(cast, version, today, peers):
    profile = profile_get(actor=cast.owner)
    assert profile["enterprise_id"] == cast.ours.pk
    area = next(g for g in profile["groups"] if g["key"] == "area")
    rd = next(m for m in area["measures"] if m["key"] == "rd_intensity")
    assert area["peers"] == 6  # the five and 天河云 (same area, another district)
    assert rd["standing"] == 100.0
    assert len(rd["quartiles"]) == 3
    assert "同行0" not in str(profile)


def test_a_group_below_the_small_cell_minimum_shows_nothing(cast, version, today):
    profile = profile_get(actor=cast.owner)
    assert all(group["peers"] is None for group in profile["groups"])
    assert all(m["standing"] is None and m["quartiles"] is None for g in profile["groups"] for m in g["measures"])


def test_an_enterprise_may_not_read_another_enterprises_profile(cast, version, today):
    with pytest.raises(NotFound):
        profile_get(actor=cast.outsider, enterprise_pk=cast.ours.pk)
    with pytest.raises(NotFound):
        profile_get(actor=cast.other_district, enterprise_pk=cast.ours.pk)


def test_the_benchmark_is_the_best_of_its_district_and_area_with_a_reason(cast, version, today, peers):
    [best] = benchmarks(actor=cast.district)
    assert best["enterprise_id"] == cast.ours.pk
    assert best["peers"] == 6
    assert "6 家企业中得分最高" in best["reason"]
    assert benchmarks(actor=cast.other_district) == []
