"""The tier pipeline over stored snapshots: judged from certificates, scoped funnels with the year's moves, small
cells of the city hidden from district staff, and the enterprises about to move up with what they miss."""

import datetime

import pytest

from gaoqi.apps.enterprises.models import Certificate
from gaoqi.apps.rankings.models import TierSnapshot
from gaoqi.apps.rankings.pipeline import tier_candidates, tier_funnel
from gaoqi.apps.rankings.services import tier_snapshots_take
from gaoqi.apps.rankings.tiers import TSME_READY, take_snapshots
from gaoqi.core.errors import DomainError, PermissionDenied

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def today(clock):
    clock.at(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))
    return TODAY


def certify(enterprise, kind, issued, expires):
    Certificate.objects.create(enterprise=enterprise, kind=kind, issued_on=issued, expires_on=expires)


def test_a_tsme_registered_this_year_moves_up_in_this_years_funnel(cast, today):
    certify(cast.ours, "tsme", datetime.date(2026, 3, 1), datetime.date(2026, 12, 31))
    take_snapshots(year=2025, today=today)
    take_snapshots(year=2026, today=today)
    assert TierSnapshot.objects.get(enterprise=cast.ours, year=2025).tier == TierSnapshot.Tier.NONE
    funnel = tier_funnel(actor=cast.bureau, year=2026)
    tsme = next(row for row in funnel.counts if row["key"] == "tsme")
    assert (tsme["count"], tsme["moved_up"], funnel.total) == (1, 1, 2)


def test_district_staff_count_their_district_and_see_the_citys_small_cells_hidden(cast, today):
    certify(cast.theirs, "hte", datetime.date(2025, 1, 1), datetime.date(2027, 12, 31))
    take_snapshots(year=2026, today=today)
    funnel = tier_funnel(actor=cast.district)
    assert funnel.total == 1
    assert funnel.citywide
    by_key = {row["key"]: row for row in funnel.counts}
    assert by_key["hte"]["count"] == 0
    assert by_key["hte"]["citywide"] is None  # one enterprise in the city: a small cell
    assert by_key["gazelle"]["citywide"] == 0
    assert not tier_funnel(actor=cast.bureau).citywide


def test_a_tsme_is_told_its_hte_gap_plan(cast, today, make_assessment):
    certify(cast.ours, "tsme", datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    make_assessment(cast.ours)
    take_snapshots(year=2026, today=today)
    [row] = tier_candidates(actor=cast.district)
    assert row["next_tier"] == "高新技术企业"
    assert row["missing"] == ["科技人员再增加 3 人"]


def test_an_unregistered_enterprise_the_assessment_finds_eligible_is_told_to_register(cast, today, make_assessment):
    make_assessment(cast.theirs)
    take_snapshots(year=2026, today=today)
    [row] = tier_candidates(actor=cast.other_district)
    assert row["missing"] == [TSME_READY]
    assert tier_candidates(actor=cast.district) == []


def test_an_hte_near_hard_tech_is_told_the_kechuang_conditions_it_misses(cast, today):
    certify(cast.ours, "hte", datetime.date(2025, 1, 1), datetime.date(2027, 12, 31))
    take_snapshots(year=2026, today=today)
    [row] = tier_candidates(actor=cast.bureau)
    assert row["tier"] == "高新技术企业"
    assert "发明专利 7 项以上" in row["missing"]


def test_only_the_bureau_takes_snapshots_and_only_for_past_or_current_years(cast, today):
    with pytest.raises(PermissionDenied):
        tier_snapshots_take(actor=cast.district, year=2026)
    with pytest.raises(DomainError):
        tier_snapshots_take(actor=cast.bureau, year=2027)
    assert tier_snapshots_take(actor=cast.bureau, year=2026) == 2


def test_the_funnel_page_draws_the_chart_and_the_bureau_can_judge_again(client, cast, today):
    take_snapshots(year=2026, today=today)
    client.force_login(cast.bureau)
    page = client.get("/rankings/tiers/").content.decode()
    assert 'id="tier-funnel-data"' in page
    assert "重新判定梯次" in page
    response = client.post("/rankings/tiers/", {"year": "2026"})
    assert response.status_code == 302
