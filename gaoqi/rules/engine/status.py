"""Three-valued condition status: pass, fail, or unknown when data are missing."""

import numpy as np

PASS, FAIL, UNKNOWN = np.int8(1), np.int8(0), np.int8(-1)
NAMES = {1: "pass", 0: "fail", -1: "unknown"}


def status(known, ok):
    """Pass where ``ok``, fail where not, unknown wherever ``known`` is false."""
    return np.where(known, np.where(ok, PASS, FAIL), UNKNOWN).astype(np.int8)


def all_of(*statuses):
    """Fail if any fails, else unknown if any is unknown, else pass."""
    stacked = np.stack(statuses)
    return np.where(
        (stacked == FAIL).any(axis=0), FAIL, np.where((stacked == UNKNOWN).any(axis=0), UNKNOWN, PASS)
    ).astype(np.int8)


def any_of(*statuses):
    """Pass if any passes, else unknown if any is unknown, else fail."""
    stacked = np.stack(statuses)
    return np.where(
        (stacked == PASS).any(axis=0), PASS, np.where((stacked == UNKNOWN).any(axis=0), UNKNOWN, FAIL)
    ).astype(np.int8)


def as_bool(statuses):
    """Python True / False / None for one status."""
    return {1: True, 0: False, -1: None}[int(statuses)]
