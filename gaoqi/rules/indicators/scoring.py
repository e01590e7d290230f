"""Scores for many enterprises at once: each indicator normalised to 0–1, gated, weighted; the total is on 0–100.
``explain`` turns one enterprise's row into lines a person can read."""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from gaoqi.rules.criteria import QUALIFY, SCALE, Column, Facts, compile_criteria, evaluate
from gaoqi.rules.indicators import normalise
from gaoqi.rules.indicators.catalogue import MEASURES
from gaoqi.rules.indicators.system import Indicator, System


@dataclass(frozen=True)
class Scores:
    size: int
    normalised: dict[str, np.ndarray]  # 0–1 per indicator
    gated: dict[str, np.ndarray]  # True where the indicator's gate is met (or it has none)
    points: dict[str, np.ndarray]  # contribution to the 0–100 total
    total: np.ndarray

    def order(self, ids: np.ndarray) -> np.ndarray:
        """Row indices from the highest total down; ties by id ascending."""
        return np.lexsort((ids, -self.total))


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    value: Decimal | None
    unit: str
    normalised: float
    weight: Decimal
    points: float
    note: str


def _normalise(indicator: Indicator, column: Column) -> np.ndarray:
    if indicator.method == normalise.MINMAX:
        return normalise.minmax(column.values, column.known)
    if indicator.method == normalise.PERCENTILE:
        return normalise.percentile(column.values, column.known)
    bounds = np.array([band.scaled for band in indicator.bands], dtype=np.int64)
    points = np.array([float(band.points) for band in indicator.bands], dtype=np.float64)
    return normalise.banded(column.values, column.known, bounds, points)


def gate_names(system: System) -> set[str]:
    """The criteria facts the gates of ``system`` read."""
    return {name for i in system.indicators if i.gate for name in compile_criteria(i.gate).names}


def score(system: System, columns: dict[str, Column], facts: Facts | None = None) -> Scores:
    """Scores of every row; ``columns`` holds a column per indicator key, ``facts`` the criteria facts the gates
    read (``gate_names``)."""
    size = len(next(iter(columns.values())).values) if columns else (facts.size if facts else 0)
    total_weight = float(system.total_weight)
    normalised, gated, points = {}, {}, {}
    total = np.zeros(size, dtype=np.float64)
    for indicator in system.indicators:
        column = columns[indicator.key]
        normalised[indicator.key] = _normalise(indicator, column)
        if indicator.gate:
            gated[indicator.key] = evaluate(compile_criteria(indicator.gate), facts).category == QUALIFY
        else:
            gated[indicator.key] = np.ones(size, dtype=bool)
        share = 100.0 * float(indicator.weight) / total_weight
        points[indicator.key] = np.where(gated[indicator.key], normalised[indicator.key] * share, 0.0)
        total += points[indicator.key]
    return Scores(size, normalised, gated, points, total)


def _value(column: Column, row: int) -> Decimal | None:
    return Decimal(int(column.values[row])) / SCALE if column.known[row] else None


def explain(system: System, columns: dict[str, Column], scores: Scores, row: int) -> list[Line]:
    """One enterprise's score, indicator by indicator."""
    lines = []
    for indicator in system.indicators:
        column = columns[indicator.key]
        if not column.known[row]:
            note = "缺少数据，按 0 计"
        elif not scores.gated[indicator.key][row]:
            note = f"未满足门槛“{indicator.gate}”，不计分"
        else:
            note = ""
        lines.append(
            Line(
                indicator.key,
                indicator.label,
                _value(column, row),
                MEASURES[indicator.key].unit,
                float(scores.normalised[indicator.key][row]),
                indicator.weight,
                float(scores.points[indicator.key][row]),
                note,
            )
        )
    return lines
