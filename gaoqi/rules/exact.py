"""Exact arithmetic helpers: ratio comparisons by cross-multiplication on Python integers, never floats."""

from fractions import Fraction
from math import gcd

import numpy as np


def big(values) -> np.ndarray:
    """Integers as Python ints (object arrays), so products never overflow."""
    return np.asarray(values).astype(object)


LIMIT = 2**62


def _fits(*pairs) -> bool:
    """Whether every |array| × factor stays inside int64."""
    for values, factor in pairs:
        if values.dtype == object or np.abs(values).max(initial=0) * abs(factor) >= LIMIT // 2:
            return False
    return True


def _cross(num, den, rate: Fraction):
    num, den = np.asarray(num), np.asarray(den)
    if not _fits((num, rate.denominator), (den, rate.numerator)):
        num, den = big(num), big(den)
    return num * rate.denominator, den * rate.numerator, den


def at_least(num, den, rate: Fraction) -> np.ndarray:
    """``num / den >= rate`` exactly, for ``den > 0`` (rows with ``den <= 0`` give False)."""
    left, right, den = _cross(num, den, rate)
    return ((left >= right) & (den > 0)).astype(bool)


def above(num, den, rate: Fraction) -> np.ndarray:
    """``num / den > rate`` exactly, for ``den > 0``."""
    left, right, den = _cross(num, den, rate)
    return ((left > right) & (den > 0)).astype(bool)


BP = 10_000  # rates carried per row are integers in units of 1/10⁴


def basis_points(rate: Fraction) -> int:
    """A rate in 1/10⁴ units; refuses rates that are not exact at that scale."""
    scaled = Fraction(rate) * BP
    if scaled.denominator != 1:
        raise ValueError(f"rate {rate} is not exact in 1/10⁴ units")
    return int(scaled)


def apply_bp(amount, rate_bp) -> np.ndarray:
    """``amount × rate`` for per-row rates in 1/10⁴, rounded half up to an integer (non-negative amounts)."""
    amount, rate_bp = np.asarray(amount), np.asarray(rate_bp)
    if not _fits((amount, 2 * int(np.max(rate_bp, initial=0)) + 1)):
        amount = big(amount)
    return ((amount * rate_bp * 2 + BP) // (2 * BP)).astype(np.int64)


def ceil_div(a, b) -> np.ndarray:
    """Ceiling of a / b for positive b, exactly."""
    return -((-big(a)) // big(b))


def times(amount, rate: Fraction) -> np.ndarray:
    """``amount × rate`` rounded half up to an integer (fen), for non-negative amounts."""
    amount = np.asarray(amount)
    if not _fits((amount, 2 * rate.numerator + 1)):
        amount = big(amount)
    return ((amount * rate.numerator * 2 + rate.denominator) // (2 * rate.denominator)).astype(np.int64)


def times_floor(amount, rate: Fraction) -> np.ndarray:
    """``amount × rate`` rounded down, for caps that must not be exceeded."""
    amount = np.asarray(amount)
    if not _fits((amount, rate.numerator)):
        amount = big(amount)
    return (amount * rate.numerator // rate.denominator).astype(np.int64)


def decimal_text(num, den, places: int = 4) -> list[str | None]:
    """``num / den`` as decimal strings truncated to ``places`` (None where ``den <= 0``)."""
    scale = 10**places
    out = []
    for n, d in zip(big(num).tolist(), big(den).tolist(), strict=True):
        if d <= 0:
            out.append(None)
            continue
        q = n * scale // d if n >= 0 else -((-n) * scale // d)
        sign = "-" if q < 0 else ""
        q = abs(q)
        out.append(f"{sign}{q // scale}.{q % scale:0{places}d}")
    return out


def fen_text(fen) -> str:
    """Integer fen as a yuan decimal string, e.g. 123456 → '1234.56'."""
    fen = int(fen)
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _promoted(values: np.ndarray, factor: int) -> np.ndarray:
    return values if _fits((values, factor)) else big(values)


class Exact:
    """Amounts in fen as exact rationals: integer numerators over one denominator shared by every row.

    Products with legal rates (entrusted R&D × 80 %, a cap of 10 % ÷ 90 %, ⅔ of the domestic amount) stay exact, so
    a derived amount is rounded once, where a figure is reported, never in between.
    """

    __slots__ = ("den", "num")

    def __init__(self, num, den: int = 1):
        self.num, self.den = np.asarray(num), int(den)

    def times(self, rate: Fraction) -> "Exact":
        num = _promoted(self.num, rate.numerator) * rate.numerator
        return Exact(num, self.den * rate.denominator)

    def at(self, den: int) -> np.ndarray:
        """The numerators over ``den`` (a multiple of this denominator)."""
        factor = den // self.den
        return self.num if factor == 1 else _promoted(self.num, factor) * factor

    def aligned(self, other) -> tuple[np.ndarray, np.ndarray, int]:
        """Both numerators over the least common denominator, and that denominator."""
        other = other if isinstance(other, Exact) else Exact(other)
        den = self.den * other.den // gcd(self.den, other.den)
        return self.at(den), other.at(den), den

    def __add__(self, other) -> "Exact":
        left, right, den = self.aligned(other)
        return Exact(left + right, den)

    __radd__ = __add__

    def __sub__(self, other) -> "Exact":
        left, right, den = self.aligned(other)
        return Exact(left - right, den)

    def minimum(self, other) -> "Exact":
        left, right, den = self.aligned(other)
        return Exact(np.minimum(left, right), den)

    def where(self, mask, other) -> "Exact":
        left, right, den = self.aligned(other)
        return Exact(np.where(mask, left, right), den)

    def rounded(self) -> np.ndarray:
        """To the fen, half up (amounts are not negative)."""
        return ((self.num * 2 + self.den) // (2 * self.den)).astype(np.int64)

    def ceiling(self) -> np.ndarray:
        return (-((-self.num) // self.den)).astype(np.int64)

    def times_rounded(self, rate_bp) -> np.ndarray:
        """``amount × rate`` for per-row rates in 1/10⁴, rounded once to the fen, half up."""
        rate_bp = np.asarray(rate_bp)
        num = _promoted(self.num, 2 * int(np.max(rate_bp, initial=0)) + 1) * rate_bp
        den = self.den * BP
        return ((num * 2 + den) // (2 * den)).astype(np.int64)
