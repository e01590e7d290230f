"""The working-day calendar at its edges: 国庆, 春节, adjusted working days, unknown years."""

import datetime

import pytest

from gaoqi.apps.servicedesk.workdays import DATA, _calendar, add_working_days, is_working_day, reference, year_known

D = datetime.date


@pytest.mark.parametrize(
    ("filed", "count", "due"),
    [
        pytest.param(D(2025, 9, 26), 2, D(2025, 9, 29), id="国庆前的周五提交：周日9月28日调休上班算第1天"),
        pytest.param(D(2025, 9, 30), 2, D(2025, 10, 10), id="国庆前一天提交：假期8天不算，10月9日起算"),
        pytest.param(D(2025, 9, 30), 3, D(2025, 10, 11), id="2025年10月11日周六调休上班是工作日"),
        pytest.param(D(2025, 10, 11), 1, D(2025, 10, 13), id="在调休上班的周六提交：当天不算，下周一是第1天"),
        pytest.param(D(2025, 10, 3), 1, D(2025, 10, 9), id="假期中提交：假期后第一个工作日"),
        pytest.param(D(2025, 1, 24), 2, D(2025, 1, 27), id="春节前周五提交：周日1月26日调休上班"),
        pytest.param(D(2025, 1, 27), 1, D(2025, 2, 5), id="除夕前一天提交：春节假期至2月4日"),
        pytest.param(D(2025, 4, 25), 1, D(2025, 4, 27), id="劳动节前周日4月27日调休上班"),
        pytest.param(D(2025, 4, 30), 1, D(2025, 5, 6), id="劳动节5月1日至5日放假"),
        pytest.param(D(2025, 5, 30), 1, D(2025, 6, 3), id="端午节5月31日至6月2日放假"),
        pytest.param(D(2025, 12, 31), 1, D(2026, 1, 4), id="跨年：2026年元旦放假至1月3日，1月4日周日上班是第1天"),
        pytest.param(D(2026, 2, 13), 1, D(2026, 2, 14), id="2026年春节前周六2月14日上班"),
        pytest.param(D(2026, 2, 14), 1, D(2026, 2, 24), id="2026年春节2月15日至23日放假"),
        pytest.param(D(2026, 2, 27), 1, D(2026, 2, 28), id="2026年春节后周六2月28日上班"),
        pytest.param(D(2026, 9, 18), 2, D(2026, 9, 21), id="2026年国庆前周日9月20日上班"),
        pytest.param(D(2026, 9, 24), 1, D(2026, 9, 28), id="2026年中秋9月25日至27日放假"),
        pytest.param(D(2026, 9, 30), 3, D(2026, 10, 10), id="2026年国庆10月1日至7日放假，10月10日周六上班"),
        pytest.param(D(2026, 12, 31), 1, D(2027, 1, 1), id="2027年安排未知：按周一至周五计"),
    ],
)
def test_the_nth_working_day_after_filing(filed, count, due):
    assert add_working_days(filed, count) == due


def test_weekends_are_rest_days_unless_declared_working_days():
    assert not is_working_day(D(2025, 9, 27))
    assert is_working_day(D(2025, 9, 28))
    assert not is_working_day(D(2025, 10, 1))
    assert is_working_day(D(2025, 10, 9))


def test_an_unknown_year_falls_back_to_monday_to_friday_and_says_so():
    assert not year_known(2027)
    assert reference(2027) == ""
    assert is_working_day(D(2027, 1, 1))  # a Friday; its real arrangement is not published yet
    assert not is_working_day(D(2027, 1, 2))


def test_each_known_year_cites_its_notice():
    assert year_known(2025)
    assert year_known(2026)
    assert "国办发明电〔2024〕12号" in reference(2025)
    assert "2026年部分节假日安排" in reference(2026)


def test_the_data_file_matches_the_notices_in_size_and_shape():
    years = _calendar()
    assert len(years[2025]["holidays"]) == 1 + 8 + 3 + 5 + 3 + 8
    assert len(years[2026]["holidays"]) == 3 + 9 + 3 + 5 + 3 + 3 + 7
    for year, entry in years.items():
        assert all(day.year == year for day in entry["holidays"] | entry["working_days"])
        assert all(day.weekday() >= 5 for day in entry["working_days"])
        assert not entry["holidays"] & entry["working_days"]
    assert DATA.name == "holidays.yaml"


def test_counting_needs_at_least_one_day():
    with pytest.raises(ValueError, match="at least 1"):
        add_working_days(D(2025, 1, 2), 0)
