"""Grade tables: the first band whose threshold a ratio meets, compared exactly."""

from fractions import Fraction

import numpy as np

from gaoqi.rules import exact


def banded(num, den, rows: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(band index, min points, max points) of the first row whose ``at_least`` / ``above`` threshold
    ``num / den`` meets; rows are ordered from the best band down, the last row catches everything else."""
    index = np.full(len(num), len(rows) - 1, dtype=np.int64)
    for position in reversed(range(len(rows) - 1)):
        row = rows[position]
        if "at_least" in row:
            meets = exact.at_least(num, den, Fraction(str(row["at_least"])))
        else:
            meets = exact.above(num, den, Fraction(str(row["above"])))
        index = np.where(meets, position, index)
    points = [row["points"] if isinstance(row["points"], list) else [row["points"]] * 2 for row in rows]
    lows = np.array([p[0] for p in points], dtype=np.int64)
    highs = np.array([p[1] for p in points], dtype=np.int64)
    return index, lows[index], highs[index]
