"""Vectorised three-valued evaluation, the qualify / nearly / lacks classification and per-clause explanations."""

import datetime as dt

import numpy as np

from gaoqi.rules.criteria import (
    LACKS,
    NEARLY,
    NO,
    QUALIFY,
    compile_criteria,
    evaluate,
    explain,
    facts_from_lists,
    facts_from_record,
)

EXAMPLE = 'district in ("440112", "440115") and hte.eligible and hte.rd_ratio >= 5%'


def classify(text: str, **columns) -> list[str]:
    size = len(next(iter(columns.values())))
    facts = facts_from_lists(size, {name.replace("__", "."): values for name, values in columns.items()})
    return evaluate(compile_criteria(text), facts).category.tolist()


def test_all_clauses_met_qualifies_one_unmet_is_nearly_unknown_is_lacks_data():
    assert classify(
        EXAMPLE,
        district=["440112", "440106", "440115", "440106"],
        hte__eligible=[True, True, None, False],
        hte__rd_ratio=["0.06", "0.06", "0.07", "0.01"],
    ) == [QUALIFY, NEARLY, LACKS, NO]


def test_one_unmet_and_one_unknown_is_not_nearly():
    assert classify(EXAMPLE, district=["440106"], hte__eligible=[None], hte__rd_ratio=["0.06"]) == [NO]


def test_thresholds_are_exact_at_the_boundary():
    text = "hte.rd_ratio >= 5%"
    assert classify(text, hte__rd_ratio=["0.05", "0.0499", "0.0500"]) == [QUALIFY, NEARLY, QUALIFY]


def test_a_literal_with_more_places_than_the_data_is_compared_exactly():
    values = ["0.0333", "0.0334"]
    assert classify("hte.rd_ratio >= 3.333333%", hte__rd_ratio=values) == [NEARLY, QUALIFY]
    assert classify("hte.rd_ratio < 3.333333%", hte__rd_ratio=values) == [QUALIFY, NEARLY]
    assert classify("hte.rd_ratio == 3.333333%", hte__rd_ratio=values) == [NEARLY, NEARLY]


def test_money_in_wan_and_yi_compares_with_yuan_amounts():
    values = ["49999999.99", "50000000.00", "200000000.01"]
    assert classify("fy.sales_revenue >= 5000万", fy__sales_revenue=values) == [NEARLY, QUALIFY, QUALIFY]
    assert classify("fy.sales_revenue <= 2亿", fy__sales_revenue=values) == [QUALIFY, QUALIFY, NEARLY]


def test_or_is_true_when_one_side_is_true_even_if_the_other_is_unknown():
    text = "hte_certificate or tsme.eligible"
    assert classify(text, hte_certificate=[True, False, False], tsme__eligible=[None, None, False]) == [
        QUALIFY,
        LACKS,
        NEARLY,
    ]


def test_not_keeps_unknown_unknown():
    assert classify("not tsme.eligible", tsme__eligible=[True, False, None]) == [NEARLY, QUALIFY, LACKS]


def test_is_known_is_never_unknown():
    assert classify("hte.rd_ratio is known", hte__rd_ratio=["0.01", None]) == [QUALIFY, NEARLY]
    assert classify("hte.rd_ratio is not known", hte__rd_ratio=["0.01", None]) == [NEARLY, QUALIFY]


def test_not_in_and_dates_and_variable_comparisons():
    assert classify('district not in ("440112")', district=["440112", "440106"]) == [NEARLY, QUALIFY]
    dates = [dt.date(2015, 1, 1), dt.date(2020, 1, 1)]
    assert classify("registered_on < 2016-01-01", registered_on=dates) == [QUALIFY, NEARLY]
    assert classify("hte.score_min >= hte.score_max", hte__score_min=[80, 60], hte__score_max=[80, 70]) == [
        QUALIFY,
        NEARLY,
    ]


def test_a_variable_absent_from_the_facts_is_unknown():
    assert classify("hte.eligible and tsme.eligible", hte__eligible=[True]) == [LACKS]


def test_nearly_names_the_one_unmet_clause():
    criteria = compile_criteria(EXAMPLE)
    facts = facts_from_lists(1, {"district": ["440106"], "hte.eligible": [True], "hte.rd_ratio": ["0.06"]})
    assert evaluate(criteria, facts).unmet_clause.tolist() == [0]


def test_counts_cover_every_category():
    criteria = compile_criteria("hte.eligible")
    facts = facts_from_lists(4, {"hte.eligible": [True, True, False, None]})
    assert evaluate(criteria, facts).counts() == {QUALIFY: 2, NEARLY: 1, LACKS: 1, NO: 0}


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
