"""Demands ↔ products in bulk: eligibility by each product's criteria (three-valued) and fit by amount, term and
technology field, as matrices of products × demands.

Amounts are integer fen, terms whole months, fields the two-digit technology area (``tech_area``); a product with no
fields takes every field. Eligibility is ``YES`` (every clause met), ``UNKNOWN`` (none unmet, some data missing) or
``NO``; a product is suggested when it fits and is not ruled out.
"""

from dataclasses import dataclass

import numpy as np

from gaoqi.rules.criteria import Criteria, Facts
from gaoqi.rules.criteria.evaluate import clause_truths

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
        suggested: np.ndarray = (self.eligible != NO) & self.amount_ok & self.term_ok & self.field_ok
        return suggested


def eligibility(offers: list[Offer], facts: Facts) -> np.ndarray:
    """YES / UNKNOWN / NO per product and enterprise, by Kleene logic over each product's clauses (all met: YES; one
    unmet: NO; else UNKNOWN); a clause shared by several products is evaluated once."""
    table = np.empty((len(offers), facts.size), dtype=np.int8)
    truths: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for index, offer in enumerate(offers):
        met = np.ones(facts.size, dtype=bool)
        unmet = np.zeros(facts.size, dtype=bool)
        for clause_met, clause_unmet in _truths(offer, facts, truths):
            met &= clause_met
            unmet |= clause_unmet
        row = table[index]
        row.fill(UNKNOWN)
        row[met] = YES
        row[unmet] = NO
    return table


def _truths(
    offer: Offer, facts: Facts, cache: dict[str, tuple[np.ndarray, np.ndarray]]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """(met, unmet) per clause of the offer, reusing clauses already evaluated."""
    missing = [clause for clause in offer.criteria.clauses if repr(clause) not in cache]
    if missing:
        partial = Criteria(offer.criteria.source, offer.criteria.tree, tuple(missing), offer.criteria.names)
        for clause, truth in zip(missing, clause_truths(partial, facts), strict=True):
            cache[repr(clause)] = (truth.known & truth.value, truth.known & ~truth.value)
    return [cache[repr(clause)] for clause in offer.criteria.clauses]


def fit(offers: list[Offer], asks: Asks, facts: Facts) -> Fit:
    """Every product against every demand (``facts`` row i belongs to demand i)."""
    low = np.array([o.amount_min for o in offers], dtype=np.int64)[:, None]
    high = np.array([o.amount_max for o in offers], dtype=np.int64)[:, None]
    term_low = np.array([o.term_min for o in offers], dtype=np.int64)[:, None]
    term_high = np.array([o.term_max for o in offers], dtype=np.int64)[:, None]
    amount_ok = (asks.amount[None, :] >= low) & (asks.amount[None, :] <= high)
    term_ok = (asks.term[None, :] >= term_low) & (asks.term[None, :] <= term_high)
    areas, codes = np.unique(asks.area.astype(str), return_inverse=True)
    allowed = np.array([[not o.areas or area in o.areas for area in areas.tolist()] for o in offers], dtype=bool)
    field_ok = allowed.reshape(len(offers), len(areas))[:, codes]
    return Fit(eligibility(offers, facts), amount_ok, term_ok, field_ok)
