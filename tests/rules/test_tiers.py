"""The tier pipeline: certificates, listing and the 科创属性 / 瞪羚 / 独角兽 rules, exact at their thresholds."""

import numpy as np

from gaoqi.rules.tiers import GAZELLE, HARD_TECH, HTE, LISTED, NONE, SCALE, TSME, missing, tiers, transitions

WAN = 10_000 * SCALE  # 1 万元, scaled


def one(**values):
    base = {
        "tsme_certificate": False,
        "hte_certificate": False,
        "specialised_certificate": False,
        "gazelle_certificate": False,
        "listed": False,
        "age_years": 5,
        "valuation": -1,
        "revenue_y1": 1000 * WAN,
        "revenue_y2": 1100 * WAN,
        "revenue_y3": 1200 * WAN,
        "rd_3y": 200 * WAN,
        "rd_staff_ratio": 2000,
        "invention_patents": 2,
    }
    return {k: np.array([v]) for k, v in (base | values).items()}


def test_the_highest_certificate_decides_and_listing_beats_everything():
    assert tiers(one())[0] == NONE
    assert tiers(one(tsme_certificate=True))[0] == TSME
    assert tiers(one(tsme_certificate=True, hte_certificate=True))[0] == HTE
    assert tiers(one(specialised_certificate=True))[0] == HARD_TECH
    assert tiers(one(hte_certificate=True, listed=True))[0] == LISTED


def test_an_hte_meeting_every_kechuang_condition_counts_as_hard_tech():
    hard = one(hte_certificate=True, invention_patents=7, revenue_y1=900 * WAN, revenue_y3=1500 * WAN)
    assert tiers(hard)[0] == HARD_TECH
    assert tiers(hard | {"invention_patents": np.array([6])})[0] == HTE


def test_kechuang_growth_is_exact_at_twenty_five_percent_a_year():
    hard = one(hte_certificate=True, invention_patents=7, revenue_y1=900 * WAN)  # below a gazelle's base year
    assert tiers(hard | {"revenue_y3": np.array([14_062_500 * SCALE])})[0] == HARD_TECH
    assert tiers(hard | {"revenue_y3": np.array([14_062_500 * SCALE - 1])})[0] == HTE


def test_a_gazelle_is_an_hte_growing_twenty_percent_a_year_from_ten_million():
    grown = one(hte_certificate=True, revenue_y1=1000 * WAN, revenue_y2=1200 * WAN, revenue_y3=1440 * WAN)
    assert tiers(grown)[0] == GAZELLE
    assert tiers(grown | {"hte_certificate": np.array([False])})[0] == NONE
    assert tiers(grown | {"revenue_y1": np.array([999 * WAN])})[0] == HTE


def test_a_young_unlisted_company_valued_at_six_billion_is_a_unicorn():
    assert tiers(one(valuation=600_000 * WAN))[0] == GAZELLE
    assert tiers(one(valuation=600_000 * WAN, age_years=11))[0] == NONE


def test_an_hte_is_told_which_kechuang_conditions_it_misses():
    gaps = missing(one(hte_certificate=True), np.array([HTE]))
    assert gaps == [["发明专利 7 项以上", "近三年营业收入复合增长率 25% 以上（或最近一年营业收入 3 亿元以上）"]]


def test_transitions_count_moves_between_tiers():
    matrix = transitions(np.array([NONE, TSME, TSME]), np.array([TSME, HTE, TSME]))
    assert matrix[NONE, TSME] == 1
    assert matrix[TSME, HTE] == 1
    assert matrix[TSME, TSME] == 1
    assert matrix.sum() == 3
