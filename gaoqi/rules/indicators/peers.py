"""Peers: where one enterprise stands among a group on each measure (the share of the others strictly below it, in
percent) and the group's anonymised distribution (quartiles), and the best-scoring enterprise of each group."""

import numpy as np

from gaoqi.rules.criteria import Column

SIZE_BANDS = ((0, "50 人以下"), (50, "50–299 人"), (300, "300 人及以上"))


def size_band(employees: np.ndarray) -> np.ndarray:
    """The size band index of each enterprise (-1 when its staff count is unknown)."""
    bounds = np.array([low for low, _label in SIZE_BANDS])
    return np.where(employees >= 0, np.searchsorted(bounds, employees, side="right") - 1, -1)


def standing(column: Column, peers: np.ndarray, row: int) -> float | None:
    """Percent of the other peers with a known value strictly below ``row``'s (None when either is unknown)."""
    others = peers.copy()
    others[row] = False
    known = column.known & others
    if not column.known[row] or not known.any():
        return None
    return round(100.0 * float((column.values[known] < column.values[row]).sum()) / int(known.sum()), 1)


def quartiles(column: Column, peers: np.ndarray) -> tuple[int, int, int] | None:
    """The 25th, 50th and 75th percentiles of the peers' known values (scaled integers), None when none is known."""
    known = column.values[column.known & peers]
    if not len(known):
        return None
    return tuple(int(v) for v in np.percentile(known, [25, 50, 75], method="nearest"))


def best_of_groups(keys: np.ndarray, total: np.ndarray, ids: np.ndarray, rows: np.ndarray, minimum: int) -> dict:
    """For each group key among ``rows`` with at least ``minimum`` members: the row with the highest total (ties: the
    lower id) and the group's size."""
    best = {}
    for key in sorted(set(keys[rows].tolist())):
        members = rows[keys[rows] == key]
        if len(members) < minimum:
            continue
        top = members[np.lexsort((ids[members], -total[members]))[0]]
        best[key] = (int(top), len(members))
    return best
