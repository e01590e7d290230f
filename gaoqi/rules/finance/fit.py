"""Demands ↔ products in bulk: eligibility by each product's criteria (three-valued) and fit by amount, term and
technology field, as matrices of products × demands.

Amounts are integer fen, terms whole months, fields the two-digit technology area (``tech_area``); a product with no
fields takes every field. Eligibility is ``YES`` (every clause met), ``UNKNOWN`` (none unmet, some data missing) or
``NO``; a product is suggested when it fits and is not ruled out.
"""

from dataclasses import dataclass

import numpy as np

from gaoqi.rules.criteria import LACKS, QUALIFY, Criteria, Facts, evaluate

YES, UNKNOWN, NO = 1, 0, -1


@dataclass(frozen=True)
class Offer:
    """One product's terms: eligibility criteria, amount range (fen), term range (months), fields (empty = all)."""

    criteria: Criteria
    amount_min: int
    amount_max: int
    term_min: int
    term_max: int
    areas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Asks:
    """Demands in columns: amount (fen), term (months) and the enterprise's technology area, one row each."""

    amount: np.ndarray
    term: np.ndarray
    area: np.ndarray


@dataclass(frozen=True)
class Fit:
    eligible: np.ndarray  # products × demands: YES / UNKNOWN / NO
    amount_ok: np.ndarray  # products × demands
    term_ok: np.ndarray
    field_ok: np.ndarray

    @property
    def suggested(self) -> np.ndarray:
        return (self.eligible != NO) & self.amount_ok & self.term_ok & self.field_ok


def eligibility(offers: list[Offer], facts: Facts) -> np.ndarray:
    """YES / UNKNOWN / NO per product and enterprise; products sharing criteria are evaluated once."""
    table = np.full((len(offers), facts.size), NO, dtype=np.int8)
    done: dict[str, np.ndarray] = {}
    for index, offer in enumerate(offers):
        key = offer.criteria.source
        if key not in done:
            category = evaluate(offer.criteria, facts).category
            row = np.full(facts.size, NO, dtype=np.int8)
            row[category == QUALIFY] = YES
            row[category == LACKS] = UNKNOWN
            done[key] = row
        table[index] = done[key]
    return table


def fit(offers: list[Offer], asks: Asks, facts: Facts) -> Fit:
    """Every product against every demand (``facts`` row i belongs to demand i)."""
    low = np.array([o.amount_min for o in offers], dtype=np.int64)[:, None]
    high = np.array([o.amount_max for o in offers], dtype=np.int64)[:, None]
    term_low = np.array([o.term_min for o in offers], dtype=np.int64)[:, None]
    term_high = np.array([o.term_max for o in offers], dtype=np.int64)[:, None]
    amount_ok = (asks.amount[None, :] >= low) & (asks.amount[None, :] <= high)
    term_ok = (asks.term[None, :] >= term_low) & (asks.term[None, :] <= term_high)
    field_ok = np.ones((len(offers), len(asks.area)), dtype=bool)
    for index, offer in enumerate(offers):
        if offer.areas:
            field_ok[index] = np.isin(asks.area, list(offer.areas))
    return Fit(eligibility(offers, facts), amount_ok, term_ok, field_ok)
