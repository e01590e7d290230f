"""Industry codes (GB/T 4754-2017): the two-digit division of a code such as ``I6513`` or ``6513``."""

import numpy as np


def division(codes: np.ndarray) -> np.ndarray:
    """The two-digit division of each industry code ('' where none can be read)."""
    out = []
    for code in codes.tolist():
        digits = code.lstrip("ABCDEFGHIJKLMNOPQRST")
        out.append(digits[:2] if len(digits) >= 2 and digits[:2].isdigit() else "")
    return np.array(out, dtype=object)
