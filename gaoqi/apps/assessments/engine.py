"""The boundary to the rules engine: calling it and summarising its results."""

import copy
import datetime
from decimal import Decimal

from django.utils.translation import get_language

from gaoqi.apps.assessments.models import Verdict
from gaoqi.apps.assessments.results import result_part, result_score_total
from gaoqi.rules import ProfileError, assess
from gaoqi.rules.api import assess_tables
from gaoqi.rules.profile import read_profiles
from gaoqi.rules.report.layout import localise
from gaoqi.rules.report.messages import language_of

__all__ = ["ProfileError", "assess", "assess_tables", "localise", "localised", "read_profiles", "summary"]

VERDICTS = {
    "eligible": Verdict.ELIGIBLE,
    "ineligible": Verdict.INELIGIBLE,
    "missing_data": Verdict.UNKNOWN,
    "pending_expert": Verdict.PENDING,
}


def _decimal(value):
    return None if value is None else Decimal(str(value))


def summary(result: dict) -> dict:
    """The columns stored beside a result: verdict, score range, as-of date and rulebook fingerprints."""
    hte = result_part(result, "hte")
    eligible = hte.get("eligible")
    verdict = Verdict.UNKNOWN if eligible is None else (Verdict.ELIGIBLE if eligible else Verdict.INELIGIBLE)
    verdict = VERDICTS.get(hte.get("verdict"), verdict)
    total = result_score_total(result)
    as_of = result.get("as_of")
    return {
        "verdict": verdict,
        "score_min": _decimal(total.get("min")),
        "score_max": _decimal(total.get("max")),
        "as_of": datetime.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of,
        "rulebooks": result.get("rulebooks") or {},
    }


def localised(result: dict | None, language_code: str | None = None) -> dict:
    """A copy of a stored result with its sentences written in the active language (or ``language_code``) from
    their messages; results stored before messages keep their Chinese texts."""
    return localise(copy.deepcopy(result or {}), language_of(language_code or get_language()))
