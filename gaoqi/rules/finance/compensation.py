"""The pool's share of a loss on a loan, from the pool's terms in force on the day of the loss (``pool.yaml``).

A start-up (registered fewer than ``startup_years`` whole years before the loan started) gets the start-up ratio;
the covered principal is capped per enterprise (``loan_cap``); the share is rounded to the fen.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

from gaoqi.rules.engine.parameters import Entry, ParameterSet

TERMS = Path(__file__).with_name("pool.yaml")
FEN = Decimal("0.01")


@cache
def terms() -> ParameterSet:
    return ParameterSet.load({"pool": TERMS})


@dataclass(frozen=True)
class Share:
    """The pool's share of one loss, with the parameters read (to cite them)."""

    loss: Decimal
    covered_loss: Decimal
    ratio: Decimal
    amount: Decimal
    startup: bool
    cited: tuple[tuple[str, Entry], ...]

    @property
    def uncertain(self) -> bool:
        return any(entry.uncertain for _label, entry in self.cited)


def _ratio(entry: Entry) -> Decimal:
    value = entry.value
    assert isinstance(value, Fraction)
    return Decimal(value.numerator) / Decimal(value.denominator)


def _whole(entry: Entry) -> int:
    value = entry.value
    assert isinstance(value, int)
    return value


def whole_years(start: dt.date, end: dt.date) -> int:
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def is_startup(registered_on: dt.date, loan_start: dt.date) -> bool:
    """Whether the enterprise was a start-up when the loan started, by the rule in force that day."""
    limit = terms()["pool.startup_years"].entry_at(loan_start)
    return whole_years(registered_on, loan_start) < _whole(limit)


def response_days(on: dt.date) -> int:
    """Days an institution has to answer a demand sent to it on ``on``."""
    return _whole(terms()["pool.response_days"].entry_at(on))


def pool_share(*, principal: Decimal, loss: Decimal, startup: bool, on: dt.date) -> Share:
    """The pool's share of ``loss`` on a loan of ``principal``: the loss on at most ``loan_cap`` of principal, times
    the ratio for start-ups or other enterprises in force on ``on``."""
    if principal <= 0 or loss < 0 or loss > principal:
        raise ValueError("损失金额应在 0 与贷款本金之间")
    params = terms()
    name = "pool.share.startup" if startup else "pool.share.standard"
    ratio_entry, cap_entry = params[name].entry_at(on), params["pool.loan_cap"].entry_at(on)
    cap = Decimal(_whole(cap_entry)) / 100
    covered = loss if principal <= cap else (loss * cap / principal).quantize(FEN, ROUND_HALF_UP)
    ratio = _ratio(ratio_entry)
    amount = (covered * ratio).quantize(FEN, ROUND_HALF_UP)
    cited = ((params[name].label, ratio_entry), (params["pool.loan_cap"].label, cap_entry))
    return Share(loss, covered, ratio, amount, startup, cited)
