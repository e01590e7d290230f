"""The bulk fit agrees with the criteria evaluator and checks amount, term and field at their edges."""

import numpy as np

from gaoqi.rules.criteria import LACKS, QUALIFY, compile_criteria, evaluate, facts_from_lists
from gaoqi.rules.finance.fit import NO, UNKNOWN, YES, Asks, Offer, fit

CRITERIA = ["hte_certificate and hte.rd_ratio >= 5%", "age_years >= 3 or tsme_certificate", "contest.award_level >= 3"]


def _facts():
    rng = np.random.default_rng(7)
    n = 400
    return facts_from_lists(
        n,
        {
            "hte_certificate": [None if v < 0.1 else v < 0.5 for v in rng.random(n)],
            "tsme_certificate": list(rng.random(n) < 0.5),
            "hte.rd_ratio": [None if v < 0.2 else f"{v / 5:.4f}" for v in rng.random(n)],
            "age_years": [int(v) for v in rng.integers(0, 8, n)],
            "contest.award_level": [int(v) for v in rng.integers(0, 6, n)],
        },
    )


def test_eligibility_matches_the_evaluators_classification():
    facts = _facts()
    offers = [Offer(compile_criteria(text), 1, 10, 1, 12) for text in CRITERIA]
    asks = Asks(np.full(facts.size, 5), np.full(facts.size, 6), np.array(["10"] * facts.size, dtype=object))
    found = fit(offers, asks, facts)
    for row, offer in zip(found.eligible, offers, strict=True):
        category = evaluate(offer.criteria, facts).category
        expected = np.where(category == QUALIFY, YES, np.where(category == LACKS, UNKNOWN, NO))
        assert (row == expected).all()


def test_amount_term_and_field_are_inclusive_ranges():
    offer = Offer(compile_criteria("district is known"), 100, 200, 6, 12, frozenset({"10"}))
    asks = Asks(np.array([99, 100, 200, 201, 150, 150]), np.array([6, 6, 12, 12, 13, 6]), np.array(["10"] * 5 + ["20"]))
    facts = facts_from_lists(6, {"district": ["440112"] * 6})
    found = fit([offer], asks, facts)
    assert found.amount_ok[0].tolist() == [False, True, True, False, True, True]
    assert found.term_ok[0].tolist() == [True, True, True, True, False, True]
    assert found.field_ok[0].tolist() == [True] * 5 + [False]
    assert found.suggested[0].tolist() == [False, True, True, False, False, False]
