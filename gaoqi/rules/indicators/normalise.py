"""Normalisations: each maps the known values of one indicator onto 0–1 (unknown values map to 0).

- ``minmax``: (x − min) ÷ (max − min) over the known values; all equal → 0 (the indicator tells no one apart).
- ``percentile``: the share of the other known values strictly below x (the best gets 1, the worst and ties at the
  bottom 0, so a value most enterprises share — no financing at all — earns nothing).
- ``banded``: the points of the highest band whose lower bound x reaches (lower-inclusive, exact integers).
"""

import numpy as np

MINMAX, PERCENTILE, BANDED = "minmax", "percentile", "banded"
METHODS = {MINMAX: "最小–最大归一", PERCENTILE: "百分位", BANDED: "分档赋分"}


def minmax(values: np.ndarray, known: np.ndarray) -> np.ndarray:
    out = np.zeros(values.shape, dtype=np.float64)
    if not known.any():
        return out
    present = values[known].astype(np.float64)
    low, high = present.min(), present.max()
    if high > low:
        out[known] = (present - low) / (high - low)
    return out


def percentile(values: np.ndarray, known: np.ndarray) -> np.ndarray:
    out = np.zeros(values.shape, dtype=np.float64)
    if not known.any():
        return out
    present = values[known]
    if len(present) > 1:
        out[known] = np.searchsorted(np.sort(present), present, side="left") / (len(present) - 1)
    return out


def banded(values: np.ndarray, known: np.ndarray, lower_bounds: np.ndarray, points: np.ndarray) -> np.ndarray:
    """``lower_bounds`` ascending integers (scaled like the values), ``points`` 0–1 for each band."""
    out = np.zeros(values.shape, dtype=np.float64)
    if not len(lower_bounds):
        return out
    index = np.searchsorted(lower_bounds, values, side="right") - 1
    reached = known & (index >= 0)
    out[reached] = points[index[reached]]
    return out
