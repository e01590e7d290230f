"""The Chinese working-day calendar: weekends, public holidays and adjusted working days (调休), from holidays.yaml.

Pure: dates in, dates out. Years the data file does not cover count Monday–Friday as working days.
"""

import datetime
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("holidays.yaml")


@cache
def _calendar() -> dict[int, dict]:
    years = {}
    for year, entry in yaml.safe_load(DATA.read_text(encoding="utf-8")).items():
        holidays = set()
        for first, last in entry["holidays"]:
            holidays.update(first + datetime.timedelta(days=i) for i in range((last - first).days + 1))
        years[int(year)] = {
            "reference": entry["reference"],
            "holidays": frozenset(holidays),
            "working_days": frozenset(entry["working_days"]),
        }
    return years


def year_known(year: int) -> bool:
    """Whether the official arrangement for ``year`` is in the data file."""
    return year in _calendar()


def reference(year: int) -> str:
    """The notice a year's arrangement comes from, or "" for a year that falls back to Monday–Friday."""
    return _calendar().get(year, {}).get("reference", "")


def is_working_day(day: datetime.date) -> bool:
    """A weekday that is not a public holiday, or a weekend day declared a working day."""
    year = _calendar().get(day.year)
    if year is not None:
        if day in year["working_days"]:
            return True
        if day in year["holidays"]:
            return False
    return day.weekday() < 5


def add_working_days(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day`` (``day`` itself never counts; ``count`` ≥ 1)."""
    if count < 1:
        raise ValueError("count must be at least 1")
    while count:
        day += datetime.timedelta(days=1)
        count -= is_working_day(day)
    return day
