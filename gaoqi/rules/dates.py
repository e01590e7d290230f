"""Day-number helpers (days since 1970-01-01), vectorised."""

import datetime as dt

import numpy as np

EPOCH = dt.date(1970, 1, 1)


def year_of(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def jan_first(years: np.ndarray) -> np.ndarray:
    return (np.asarray(years) - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)


def to_date(day: int) -> dt.date:
    return EPOCH + dt.timedelta(days=int(day))
