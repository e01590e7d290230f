"""Small cells: counts of what a few enterprises did are not shown where the viewer cannot read those enterprises'
records one by one (notices read or clicked, policies marked as applied, training feedback).

A count of 1 to ``min_count() - 1`` (``settings.SMALL_CELLS``, dated) is hidden: the cell is ``None`` and pages show
"<5". Zero is shown, as statistics offices do: it names no enterprise and says only that nothing happened. A total
is shown only when the parts it hides could not be recovered by subtracting the shown parts from it (complementary
suppression), and a rate only when its numerator is shown. Aggregates over records the
viewer may read one by one (the criteria preview, console counts, service-desk figures) are exact: they are
computed over that viewer's enterprises only (``enterprises.selectors.enterprise_list``), so no filter reaches
anyone else's figures.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone


def min_count(on: datetime.date | None = None) -> int:
    """The smallest count shown, by the rule in force on ``on`` (today when not given)."""
    on = on or timezone.localdate()
    rules = sorted(settings.SMALL_CELLS, key=lambda rule: rule["since"])
    in_force = [rule for rule in rules if datetime.date.fromisoformat(rule["since"]) <= on]
    return (in_force or rules[:1])[-1]["min_count"]


def shown(count: int | None, minimum: int) -> int | None:
    """``count`` when it may be shown (zero, or at least ``minimum``), else None."""
    return count if count is not None and (count == 0 or count >= minimum) else None


def shown_total(total: int, parts: Iterable[int], minimum: int) -> int | None:
    """A total of ``parts``: None when it is small, or when the parts it would reveal by subtraction are."""
    parts = list(parts)
    hidden = [part for part in parts if shown(part, minimum) is None]
    if shown(total, minimum) is None or 0 < sum(hidden) < minimum:
        return None
    return total


def rate(part: int | None, whole: int) -> float | None:
    """``part`` as a share of ``whole`` (capped at 1), None when the part is hidden or the whole is zero."""
    return min(part, whole) / whole if part is not None and whole else None
