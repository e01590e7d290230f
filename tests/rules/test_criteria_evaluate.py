"""Vectorised three-valued evaluation, the qualify / nearly / lacks classification and per-clause explanations."""

import datetime as dt
from decimal import Decimal

import numpy as np

from gaoqi.rules.criteria import (
    LACKS,
    MET,
    NEARLY,
    NO,
    QUALIFY,
    UNKNOWN,
    UNMET,
    Near,
    compile_criteria,
    evaluate,
    explain,
    facts_from_lists,
    facts_from_record,
)

EXAMPLE = 'district in ("440112", "440115") and hte.eligible and hte.rd_ratio >= 5%'
NEAR = Near(max_unmet=1, cost_limit=Decimal(100_000), cost_share=Decimal("0.2"), support_amount=None, since=dt.date.min)


def facts_of(columns: dict):
    size = len(next(iter(columns.values())))
    return facts_from_lists(size, {name.replace("__", "."): values for name, values in columns.items()})


def classify(text: str, near: Near | None = NEAR, **columns) -> list[str]:
    return evaluate(compile_criteria(text), facts_of(columns), near).category.tolist()


def verdicts(text: str, **columns) -> list[str]:
    """Met / unmet / unknown of a one-clause criterion, per enterprise."""
    facts = facts_of(columns)
    outcome = evaluate(compile_criteria(text), facts)
    return [outcome.status(0, row) for row in range(facts.size)]


def test_all_clauses_met_qualifies_a_cheap_gap_is_nearly_unknown_is_lacks_data():
    assert classify(
        EXAMPLE,
        district=["440112", "440112", "440115", "440106"],
        hte__eligible=[True, False, None, False],
        hte__rd_ratio=["0.06", "0.06", "0.07", "0.01"],
        hte__gap_cost=["0", "30000", "0", "0"],
    ) == [QUALIFY, NEARLY, LACKS, NO]


def test_one_unmet_and_one_unknown_is_not_nearly():
    assert classify(EXAMPLE, district=["440106"], hte__eligible=[None], hte__rd_ratio=["0.06"]) == [NO]


def test_a_structural_clause_is_never_nearly_however_small_the_gap():
    values = ["49999999.99", "20000000"]
    assert classify("fy.sales_revenue >= 5000万", fy__sales_revenue=values) == [NO, NO]
    assert classify('district == "440112"', district=["440106"]) == [NO]
    assert classify("hte_certificate", hte_certificate=[False]) == [NO]
    assert classify("age_years <= 10", age_years=[11]) == [NO]


def test_a_gap_plan_clause_is_nearly_up_to_the_cost_limit_and_not_past_it_or_unknown():
    costs = ["100000", "100000.01", None]
    assert classify("hte.eligible", hte__eligible=[False] * 3, hte__gap_cost=costs) == [NEARLY, NO, NO]


def test_the_gap_plan_is_counted_once_for_several_hte_clauses():
    near = Near(2, Decimal(50_000), Decimal("0.2"), None, dt.date.min)
    text = "hte.eligible and hte.rd_ratio >= 5%"
    assert classify(text, near, hte__eligible=[False], hte__rd_ratio=["0.04"], hte__gap_cost=["50000"]) == [NEARLY]


def test_a_spending_shortfall_costs_the_missing_amount():
    text = "fy.rd_total >= 100万"
    assert classify(text, fy__rd_total=["900000", "899999.99", None]) == [NEARLY, NO, LACKS]


def test_more_unmet_clauses_than_allowed_is_not_nearly():
    text = "fy.rd_total >= 100万 and assessed"
    assert classify(text, fy__rd_total=["990000"], assessed=[False]) == [NO]
    near = Near(2, Decimal(100_000), Decimal("0.2"), None, dt.date.min)
    assert classify(text, near, fy__rd_total=["990000"], assessed=[False]) == [NEARLY]


def test_without_a_nearness_rule_nobody_is_nearly():
    assert classify("assessed", None, assessed=[False, True]) == [NO, QUALIFY]


def test_thresholds_are_exact_at_the_boundary():
    text = "hte.rd_ratio >= 5%"
    assert verdicts(text, hte__rd_ratio=["0.05", "0.0499", "0.0500"]) == [MET, UNMET, MET]


def test_a_literal_with_more_places_than_the_data_is_compared_exactly():
    values = ["0.0333", "0.0334"]
    assert verdicts("hte.rd_ratio >= 3.333333%", hte__rd_ratio=values) == [UNMET, MET]
    assert verdicts("hte.rd_ratio < 3.333333%", hte__rd_ratio=values) == [MET, UNMET]
    assert verdicts("hte.rd_ratio == 3.333333%", hte__rd_ratio=values) == [UNMET, UNMET]


def test_money_in_wan_and_yi_compares_with_yuan_amounts():
    values = ["49999999.99", "50000000.00", "200000000.01"]
    assert verdicts("fy.sales_revenue >= 5000万", fy__sales_revenue=values) == [UNMET, MET, MET]
    assert verdicts("fy.sales_revenue <= 2亿", fy__sales_revenue=values) == [MET, MET, UNMET]


def test_or_is_true_when_one_side_is_true_even_if_the_other_is_unknown():
    text = "hte_certificate or tsme.eligible"
    assert verdicts(text, hte_certificate=[True, False, False], tsme__eligible=[None, None, False]) == [
        MET,
        UNKNOWN,
        UNMET,
    ]


def test_not_keeps_unknown_unknown():
    assert verdicts("not tsme.eligible", tsme__eligible=[True, False, None]) == [UNMET, MET, UNKNOWN]


def test_is_known_is_never_unknown():
    assert verdicts("hte.rd_ratio is known", hte__rd_ratio=["0.01", None]) == [MET, UNMET]
    assert verdicts("hte.rd_ratio is not known", hte__rd_ratio=["0.01", None]) == [UNMET, MET]


def test_supplying_missing_data_is_a_free_gap():
    assert classify("hte.rd_ratio is known", hte__rd_ratio=[None]) == [NEARLY]


def test_not_in_and_dates_and_variable_comparisons():
    assert verdicts('district not in ("440112")', district=["440112", "440106"]) == [UNMET, MET]
    dates = [dt.date(2015, 1, 1), dt.date(2020, 1, 1)]
    assert verdicts("registered_on < 2016-01-01", registered_on=dates) == [MET, UNMET]
    assert verdicts("hte.score_min >= hte.score_max", hte__score_min=[80, 60], hte__score_max=[80, 70]) == [
        MET,
        UNMET,
    ]


def test_a_variable_absent_from_the_facts_is_unknown():
    assert classify("hte.eligible and tsme.eligible", hte__eligible=[True]) == [LACKS]


def test_the_outcome_lists_every_unmet_clause():
    criteria = compile_criteria(EXAMPLE)
    facts = facts_from_lists(1, {"district": ["440106"], "hte.eligible": [False], "hte.rd_ratio": ["0.06"]})
    assert evaluate(criteria, facts).unmet_clauses(0) == [0, 1]


def test_counts_cover_every_category():
    criteria = compile_criteria("hte.eligible")
    facts = facts_from_lists(5, {"hte.eligible": [True, True, False, None, False], "hte.gap_cost": [0, 0, 5, 0, None]})
    assert evaluate(criteria, facts, NEAR).counts() == {QUALIFY: 2, NEARLY: 1, LACKS: 1, NO: 1}


def test_each_clause_is_explained_with_the_shortfall():
    criteria = compile_criteria(EXAMPLE + " and fy.sales_revenue >= 5000万")
    facts = facts_from_record(
        {"district": "440112", "hte.eligible": None, "hte.rd_ratio": "0.042", "fy.sales_revenue": "48000000.00"}
    )
    clauses = explain(criteria, evaluate(criteria, facts), facts, names={"440112": "黄埔区"})
    assert clauses == [
        {
            "clause": "所在区（行政区划代码）属于：黄埔区（440112）、440115",
            "status": "met",
            "detail": "所在区（行政区划代码）：黄埔区（440112）",
        },
        {"clause": "符合高企认定条件", "status": "unknown", "detail": "缺少数据：符合高企认定条件"},
        {"clause": "近三年研发费用占销售收入比例 ≥ 5%", "status": "unmet", "detail": "实际4.2%，差 0.8 个百分点"},
        {"clause": "最近一年销售收入 ≥ 5000万元", "status": "unmet", "detail": "实际4800万元，差 200万元"},
    ]


def test_bulk_evaluation_of_a_hundred_thousand_enterprises_is_vectorised():
    size = 100_000
    rng = np.random.default_rng(7)
    facts = facts_from_lists(
        size,
        {
            "district": rng.choice(["440112", "440106", "440115"], size).tolist(),
            "hte.eligible": rng.choice([True, False, None], size).tolist(),
            "hte.rd_ratio": [f"0.0{v:03d}" for v in rng.integers(0, 999, size)],
        },
    )
    outcome = evaluate(compile_criteria(EXAMPLE), facts)
    assert sum(outcome.counts().values()) == size
