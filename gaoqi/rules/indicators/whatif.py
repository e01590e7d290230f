"""What-if: who qualifies under the system in force and under a changed one (weights, bands, gates, the score cut
and the reward per qualifying enterprise), how many change, and what it costs, by district and by technology area."""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np


@dataclass(frozen=True)
class Rule:
    cutoff: Decimal  # the lowest qualifying score (0–100)
    reward: Decimal  # yuan per qualifying enterprise


def qualifying(total: np.ndarray, eligible: np.ndarray, rule: Rule) -> np.ndarray:
    """Eligible and scoring at least the cut (scores are compared at two decimals, as shown)."""
    return eligible & (np.round(total * 100).astype(np.int64) >= int(rule.cutoff * 100))


def _groups(keys: np.ndarray, before: np.ndarray, after: np.ndarray, base: Rule, changed: Rule) -> list[dict]:
    rows = []
    for key in sorted(set(keys.tolist())):
        mask = keys == key
        b, a = int(before[mask].sum()), int(after[mask].sum())
        rows.append(
            {
                "key": key,
                "before": b,
                "after": a,
                "gained": int((after & ~before)[mask].sum()),
                "lost": int((before & ~after)[mask].sum()),
                "cost_before": str(base.reward * b),
                "cost_after": str(changed.reward * a),
            }
        )
    return rows


def compare(before: np.ndarray, after: np.ndarray, districts, areas, base: Rule, changed: Rule) -> dict:
    """Totals and per-district / per-area counts of qualifying enterprises before and after, and the budgets."""
    b, a = int(before.sum()), int(after.sum())
    return {
        "before": b,
        "after": a,
        "gained": int((after & ~before).sum()),
        "lost": int((before & ~after).sum()),
        "cost_before": str(base.reward * b),
        "cost_after": str(changed.reward * a),
        "cost_change": str(changed.reward * a - base.reward * b),
        "districts": _groups(np.asarray(districts, dtype=object), before, after, base, changed),
        "areas": _groups(np.asarray(areas, dtype=object), before, after, base, changed),
    }
