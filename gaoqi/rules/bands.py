"""Grade tables: the first band whose threshold a ratio meets, compared exactly."""

from fractions import Fraction

import numpy as np

from gaoqi.rules import exact

_COMPILED: dict[int, tuple] = {}


def _compile(rows: list[dict]) -> tuple:
    """Thresholds as Fractions and the points as arrays, once per grade table."""
    key = id(rows)
    if key not in _COMPILED:
        tests = [
            (exact.at_least, Fraction(str(row["at_least"])))
            if "at_least" in row
            else (exact.above, Fraction(str(row["above"])))
            for row in rows
        ]
        points = [row["points"] if isinstance(row["points"], list) else [row["points"]] * 2 for row in rows]
        lows = np.array([p[0] for p in points], dtype=np.int64)
        highs = np.array([p[1] for p in points], dtype=np.int64)
        _COMPILED[key] = (rows, tests, lows, highs)
    return _COMPILED[key]


def banded(num, den, rows: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(band index, min points, max points) of the first row whose ``at_least`` / ``above`` threshold
    ``num / den`` meets; rows are ordered from the best band down, the last row catches everything else."""
    _, tests, lows, highs = _compile(rows)
    index = np.full(len(num), len(rows) - 1, dtype=np.int64)
    for position in reversed(range(len(rows) - 1)):
        compare, threshold = tests[position]
        index = np.where(compare(num, den, threshold), position, index)
    return index, lows[index], highs[index]
