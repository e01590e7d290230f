"""Reads of the tier pipeline, scoped like every staff read: the funnel of a year with the moves since the year
before, and the enterprises about to move up with what they miss. District staff also see the city's funnel, with
small cells hidden (``gaoqi.core.disclosure``): those enterprises are not theirs to read one by one."""

from dataclasses import dataclass

import numpy as np
from django.db.models import Count, Max

from gaoqi.apps.rankings.models import TierSnapshot
from gaoqi.apps.rankings.selectors import staff_only
from gaoqi.core import disclosure
from gaoqi.rules import tiers as rules

CANDIDATES_SHOWN = 200
MAX_MISSING = 3


@dataclass(frozen=True)
class Funnel:
    year: int
    counts: list[dict]  # per tier: key, label, count, moved_up (arrived this year from a lower tier), citywide
    citywide: bool  # the rows carry the city's count (district staff): None where the cell is small
    total: int


def tier_years() -> list[int]:
    return list(TierSnapshot.objects.order_by("-year").values_list("year", flat=True).distinct())


def _scoped(qs, overseen, district: str, tech_area: str):
    qs = qs.filter(district__in=overseen)
    if district:
        qs = qs.filter(district=district)
    if tech_area:
        qs = qs.filter(tech_field__startswith=tech_area)
    return qs


def _per_tier(qs) -> np.ndarray:
    counts = np.zeros(len(rules.TIERS), dtype=np.int64)
    for tier, n in qs.values("tier").annotate(n=Count("pk")).values_list("tier", "n"):
        counts[tier] = n
    return counts


def tier_funnel(*, actor, year: int | None = None, district: str = "", tech_area: str = "") -> Funnel | None:
    """The funnel of ``year`` (the latest taken when not given) over the enterprises ``actor`` oversees."""
    overseen = staff_only(actor)
    year = year or TierSnapshot.objects.aggregate(latest=Max("year"))["latest"]
    if year is None:
        return None
    now = _scoped(TierSnapshot.objects.filter(year=year), overseen, district, tech_area)
    counts = _per_tier(now)
    before = dict(
        _scoped(TierSnapshot.objects.filter(year=year - 1), overseen, district, tech_area).values_list(
            "enterprise_id", "tier"
        )
    )
    moved_up = np.zeros(len(rules.TIERS), dtype=np.int64)
    for enterprise_id, tier in now.values_list("enterprise_id", "tier"):
        if enterprise_id in before and before[enterprise_id] < tier:
            moved_up[tier] += 1
    rows = [
        {"key": rules.KEYS[t], "label": rules.TIERS[t], "count": int(counts[t]), "moved_up": int(moved_up[t])}
        for t in range(len(rules.TIERS))
    ]
    citywide = len(overseen) == 1
    if citywide:
        city, minimum = _per_tier(TierSnapshot.objects.filter(year=year)), disclosure.min_count()
        for t, row in enumerate(rows):
            row["citywide"] = disclosure.shown(int(city[t]), minimum)
    return Funnel(year, rows, citywide, int(counts.sum()))


def tier_candidates(*, actor, district: str = "", tech_area: str = "") -> list[dict]:
    """Enterprises of the latest year's snapshot one step from the next tier: below 瞪羚/独角兽 and missing at most
    three things (a short HTE gap plan, one or two 科创属性 or 瞪羚 conditions, or only 科技型中小企业 registration)."""
    overseen = staff_only(actor)
    year = TierSnapshot.objects.aggregate(latest=Max("year"))["latest"]
    if year is None:
        return []
    qs = _scoped(TierSnapshot.objects.filter(year=year, tier__lt=rules.GAZELLE), overseen, district, tech_area)
    found = []
    for snapshot in qs.exclude(missing=[]).select_related("enterprise").order_by("-tier", "enterprise_id").iterator():
        if len(snapshot.missing) <= MAX_MISSING:
            found.append(
                {
                    "enterprise_id": snapshot.enterprise_id,
                    "name": snapshot.enterprise.name,
                    "district": snapshot.district,
                    "tier": rules.TIERS[snapshot.tier],
                    "next_tier": rules.TIERS[snapshot.tier + 1],
                    "missing": snapshot.missing,
                }
            )
            if len(found) >= CANDIDATES_SHOWN:
                break
    return found
