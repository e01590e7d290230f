"""Exact arithmetic helpers: ratio comparisons by cross-multiplication on Python integers, never floats."""

from fractions import Fraction

import numpy as np


def big(values) -> np.ndarray:
    """Integers as Python ints (object arrays), so products never overflow."""
    return np.asarray(values).astype(object)


def at_least(num, den, rate: Fraction) -> np.ndarray:
    """``num / den >= rate`` exactly, for ``den > 0`` (rows with ``den <= 0`` give False)."""
    num, den = big(num), big(den)
    return ((num * rate.denominator >= den * rate.numerator) & (den > 0)).astype(bool)


def above(num, den, rate: Fraction) -> np.ndarray:
    """``num / den > rate`` exactly, for ``den > 0``."""
    num, den = big(num), big(den)
    return ((num * rate.denominator > den * rate.numerator) & (den > 0)).astype(bool)


def ceil_div(a, b) -> np.ndarray:
    """Ceiling of a / b for positive b, exactly."""
    return -((-big(a)) // big(b))


def times(amount, rate: Fraction) -> np.ndarray:
    """``amount × rate`` rounded half up to an integer (fen), for non-negative amounts."""
    scaled = big(amount) * rate.numerator * 2 + rate.denominator
    return (scaled // (2 * rate.denominator)).astype(np.int64)


def times_floor(amount, rate: Fraction) -> np.ndarray:
    """``amount × rate`` rounded down, for caps that must not be exceeded."""
    return (big(amount) * rate.numerator // rate.denominator).astype(np.int64)


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
