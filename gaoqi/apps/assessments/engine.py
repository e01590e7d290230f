"""The boundary to the rules engine: calling it and summarising its results."""

import datetime
from decimal import Decimal

from gaoqi.apps.assessments.models import Verdict
from gaoqi.rules import ProfileError, assess
from gaoqi.rules.api import assess_tables
from gaoqi.rules.profile import read_profiles

__all__ = ["ProfileError", "assess", "assess_tables", "read_profiles", "summary"]


def _decimal(value):
    return None if value is None else Decimal(str(value))


def summary(result: dict) -> dict:
    """The columns stored beside a result: verdict, score range, as-of date and rulebook fingerprints."""
    hte = result.get("hte") or {}
    eligible = hte.get("eligible")
    verdict = Verdict.UNKNOWN if eligible is None else (Verdict.ELIGIBLE if eligible else Verdict.INELIGIBLE)
    total = (hte.get("score") or {}).get("total") or {}
    as_of = result.get("as_of")
    return {
        "verdict": verdict,
        "score_min": _decimal(total.get("min")),
        "score_max": _decimal(total.get("max")),
        "as_of": datetime.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of,
        "rulebooks": result.get("rulebooks") or {},
    }
