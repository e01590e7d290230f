"""Fixtures shared by every test suite: a clock that tests can stop at a chosen moment, and a clock moved for the
whole run.

``GAOQI_TEST_CLOCK_OFFSET_DAYS=365`` runs the session a year ahead of today; ``GAOQI_TEST_CLOCK_DATE=2028-02-29``
runs it on that day (10:00 Beijing time). Either way the clock keeps ticking, and ``clock.at`` still stops it at the
moment a test chooses. ``make test-year-ahead`` uses the first to find the next date bomb before the calendar does.
"""

import datetime
import os
from zoneinfo import ZoneInfo

import pytest
import time_machine

OFFSET_DAYS = "GAOQI_TEST_CLOCK_OFFSET_DAYS"
ON_DATE = "GAOQI_TEST_CLOCK_DATE"
BEIJING = ZoneInfo("Asia/Shanghai")


def session_moment(environ=os.environ) -> datetime.datetime | None:
    """Where the environment moves the session's clock, or None for the real time."""
    if day := environ.get(ON_DATE, "").strip():
        return datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10), BEIJING)
    if days := environ.get(OFFSET_DAYS, "").strip():
        return datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=int(days))
    return None


def pytest_configure(config):
    if (moment := session_moment()) is not None:
        config._gaoqi_session_clock = time_machine.travel(moment, tick=True)
        config._gaoqi_session_clock.start()


def pytest_unconfigure(config):
    if traveller := getattr(config, "_gaoqi_session_clock", None):
        traveller.stop()


def pytest_report_header(config):
    if getattr(config, "_gaoqi_session_clock", None):
        return f"clock moved: {datetime.datetime.now(BEIJING):%Y-%m-%d %H:%M} Beijing time"
    return None


@pytest.fixture
def clock():
    """Stop the clock at a moment: ``clock.at(when)`` freezes every ``now()`` at ``when`` until ``clock.at`` again."""
    traveller = None

    class Clock:
        def at(self, when):
            nonlocal traveller
            if traveller is not None:
                traveller.stop()
            traveller = time_machine.travel(when, tick=False)
            traveller.start()
            return when

    yield Clock()
    if traveller is not None:
        traveller.stop()
