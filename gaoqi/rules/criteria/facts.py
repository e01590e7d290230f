"""Columnar facts: one array of values and one of "known" flags per variable, for one or many enterprises.

Numbers are held exactly as integers in ten-thousandths (ratios have at most four decimals, amounts two), dates as
days since 1970-01-01, codes as strings, yes/no as booleans.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import polars as pl

from gaoqi.rules.criteria.variables import VARIABLES

SCALE = 10_000
EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class Column:
    values: np.ndarray
    known: np.ndarray


@dataclass
class Facts:
    size: int
    columns: dict[str, Column] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Column:
        return self.columns.get(name) or Column(np.zeros(self.size, dtype=np.int64), np.zeros(self.size, dtype=bool))

    def value(self, name: str, row: int):
        """One enterprise's value as people read it back: Decimal, date, str or bool; None when unknown."""
        column = self[name]
        if not column.known[row]:
            return None
        raw = column.values[row]
        match VARIABLES[name].type:
            case "number":
                return Decimal(int(raw)) / SCALE
            case "date":
                return EPOCH + dt.timedelta(days=int(raw))
            case "bool":
                return bool(raw)
        return str(raw)


def _numbers(values: list) -> Column:
    text = pl.Series([None if v is None or v == "" else str(v) for v in values], dtype=pl.String)
    scaled = text.cast(pl.Decimal(38, 4), strict=False)
    physical = scaled.to_physical().cast(pl.Int64).fill_null(0)
    return Column(physical.to_numpy().astype(np.int64), scaled.is_not_null().to_numpy())


def _dates(values: list) -> Column:
    days = [None if v is None or v == "" else (_date(v) - EPOCH).days for v in values]
    series = pl.Series(days, dtype=pl.Int64)
    return Column(series.fill_null(0).to_numpy().astype(np.int64), series.is_not_null().to_numpy())


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _bools(values: list) -> Column:
    known = np.array([v is not None for v in values], dtype=bool)
    return Column(np.array([bool(v) for v in values], dtype=bool), known)


def _codes(values: list) -> Column:
    text = np.array(["" if v is None else str(v).strip() for v in values], dtype=object)
    return Column(text, text != "")


CONVERTERS = {"number": _numbers, "date": _dates, "bool": _bools, "code": _codes}


def facts_from_lists(size: int, lists: dict[str, list]) -> Facts:
    """Facts from plain Python values per variable (Decimal/str/int numbers, dates, codes, booleans, None)."""
    columns = {name: CONVERTERS[VARIABLES[name].type](values) for name, values in lists.items()}
    return Facts(size, columns)


def facts_from_record(record: dict) -> Facts:
    """Facts of one enterprise from a dict of variable → value (missing keys are unknown)."""
    return facts_from_lists(1, {name: [value] for name, value in record.items() if name in VARIABLES})
