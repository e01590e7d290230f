"""Fixtures shared by every test suite: a clock that tests can stop at a chosen moment."""

import pytest
import time_machine


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
