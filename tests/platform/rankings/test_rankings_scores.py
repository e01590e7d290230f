"""Indicator scores over every enterprise: exact values from the profile, scoped rows, the version in force."""

import datetime
from decimal import Decimal

import pytest

from gaoqi.apps.enterprises.models import ContestResult, EquityRound
from gaoqi.apps.rankings.models import IndicatorVersion
from gaoqi.apps.rankings.selectors import board, indicator_version_current, score_explain
from gaoqi.core.errors import NotFound, PermissionDenied


@pytest.fixture
def today(clock):
    return clock.at(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))


def test_district_staff_see_only_their_districts_rows_with_citywide_ranks(cast, version, today):
    rows = board(actor=cast.district).rows()
    assert [row["enterprise_id"] for row in rows] == [cast.ours.pk]
    assert rows[0]["rank"] == 1
    assert {row["enterprise_id"] for row in board(actor=cast.bureau).rows()} == {cast.ours.pk, cast.theirs.pk}


def test_the_explanation_reads_the_profile_exactly(cast, version, today):
    row, lines = score_explain(actor=cast.bureau, enterprise_pk=cast.ours.pk)
    by_key = {line.key: line for line in lines}
    assert by_key["rd_intensity"].value == Decimal("0.054")  # nine categories of 0.6% of sales
    assert by_key["hightech_share"].value == Decimal("0.7804")  # 32,000,000 ÷ 41,000,000 rounded down
    assert by_key["revenue_growth"].value == Decimal("0.1428")  # 40m over 35m
    assert by_key["invention_per_100"].value == Decimal("0.8333")  # one patent, 120 staff
    assert round(sum(line.points for line in lines), 2) == row["score"]


def test_an_enterprise_without_figures_has_missing_lines_and_ranks_below(cast, version, today):
    row, lines = score_explain(actor=cast.bureau, enterprise_pk=cast.theirs.pk)
    assert row["rank"] == 2
    assert {line.note for line in lines if line.key == "rd_intensity"} == {"缺少数据，按 0 计"}


def test_financing_and_awards_of_the_window_count_and_older_ones_do_not(cast, version, today):
    EquityRound.objects.create(
        enterprise=cast.theirs,
        investor="粤科金融",
        amount=Decimal("5000000.50"),
        closed_on=datetime.date(2025, 3, 1),
        stage="a",
    )
    EquityRound.objects.create(
        enterprise=cast.theirs,
        investor="早年",
        amount=Decimal("9000000"),
        closed_on=datetime.date(2022, 3, 1),
        stage="angel",
    )
    ContestResult.objects.create(enterprise=cast.ours, contest="广州赛区", year=2025, level=3, award=4)
    ContestResult.objects.create(enterprise=cast.ours, contest="旧赛", year=2022, level=4, award=5)
    _row, lines = score_explain(actor=cast.bureau, enterprise_pk=cast.theirs.pk)
    assert next(line.value for line in lines if line.key == "financing") == Decimal("5000000.50")
    _row, lines = score_explain(actor=cast.bureau, enterprise_pk=cast.ours.pk)
    assert next(line.value for line in lines if line.key == "awards") == 12


def test_a_gate_not_met_takes_the_indicator_out(cast, version, today):
    EquityRound.objects.create(
        enterprise=cast.ours,
        investor="粤科金融",
        amount=Decimal("1000000"),
        closed_on=datetime.date(2025, 3, 1),
        stage="a",
    )
    cast.ours.listed_on = datetime.date(2024, 1, 5)
    cast.ours.save()
    _row, lines = score_explain(actor=cast.bureau, enterprise_pk=cast.ours.pk)
    financing = next(line for line in lines if line.key == "financing")
    assert financing.points == 0
    assert "not listed" in financing.note


def test_the_filters_narrow_to_a_district_and_a_field(cast, version, today):
    assert board(actor=cast.bureau, district="440106").rows()[0]["enterprise_id"] == cast.theirs.pk
    assert board(actor=cast.bureau, tech_area="20").rows() == []


def test_others_may_not_read_scores_and_other_districts_get_not_found(cast, version, today):
    with pytest.raises(PermissionDenied):
        board(actor=cast.owner)
    with pytest.raises(NotFound):
        score_explain(actor=cast.other_district, enterprise_pk=cast.ours.pk)


def test_the_version_in_force_is_the_latest_already_effective(cast, version, today):
    later = IndicatorVersion.objects.create(name="2027 版", effective_on=datetime.date(2027, 1, 1), spec=version.spec)
    assert indicator_version_current() == version
    assert indicator_version_current(datetime.date(2027, 1, 1)) == later
