"""The criteria facts of enterprises: kept fresh in a narrow table (``MatchFacts``) from each enterprise's latest
assessment and latest fiscal year, and loaded for many enterprises in one query into the columnar form the
criteria evaluator reads."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import numpy as np
from django.db import transaction
from django.db.models import Exists, F, Max, OuterRef, Sum
from django.db.models.fields.json import KeyTextTransform, KeyTransform
from django.utils import timezone

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.enterprises.models import (
    Certificate,
    ContestResult,
    Enterprise,
    EquityRound,
    FiscalYear,
    valid_certificates,
)
from gaoqi.apps.policies.models import MatchFacts
from gaoqi.rules.criteria import VARIABLES, facts_from_lists

ENTERPRISE_FIELDS = (
    "district",
    "tech_field",
    "industry",
    "registered_on",
    "is_manufacturing",
    "standards",
    "led_standard",
    "national_award_top3",
    "provincial_rd_institution",
    "listed_on",
    "valuation",
)
RESULT_KEYS = {
    "hte.eligible": "hte__eligible",
    "hte.rd_ratio": "hte__rd_ratio",
    "hte.domestic_rd_share": "hte__domestic_rd_share",
    "hte.st_staff_ratio": "hte__st_staff_ratio",
    "hte.hightech_income_ratio": "hte__hightech_income_ratio",
    "hte.score_min": "hte__score__total__min",
    "hte.score_max": "hte__score__total__max",
    "hte.sales_growth": "hte__score__growth__sales_growth",
    "hte.net_asset_growth": "hte__score__growth__net_asset_growth",
    "tsme.eligible": "tsme__eligible",
    "tsme.score": "tsme__score",
    "rd_deduction.base": "rd_deduction__base",
    "rd_deduction.rate": "rd_deduction__rate",
    "benefits.total": "benefits__total",
}
RD_FIELDS = (
    "rd_personnel",
    "rd_direct_inputs",
    "rd_depreciation",
    "rd_amortization",
    "rd_design",
    "rd_equipment_trials",
    "rd_entrusted_domestic",
    "rd_entrusted_overseas",
    "rd_other",
)
FISCAL = {"fy.sales_revenue": "sales_revenue", "fy.total_assets": "total_assets_end", "fy.employees": "employees"}
CERTIFICATES = {
    "hte_certificate": Certificate.Kind.HTE,
    "tsme_certificate": Certificate.Kind.TSME,
    "specialised_certificate": Certificate.Kind.SPECIALISED,
    "little_giant_certificate": Certificate.Kind.LITTLE_GIANT,
    "gazelle_certificate": Certificate.Kind.GAZELLE,
    "unicorn_certificate": Certificate.Kind.UNICORN,
}
DERIVED = {
    "tech_area": "tech_field",
    "age_years": "registered_on",
    "assessed": "match_facts__assessment_id",
    "listed": "listed_on",
}
SIGNALS = {"contest.award_level", "investment.total_12m"}
"""Facts from recorded contest results and equity rounds; an enterprise with none recorded has 0."""
CONTEST_YEARS = 3
INVESTMENT_DAYS = 365
TRUTH = {"true": True, "1": True, "false": False, "0": False}
REFRESH_CHUNK = 5000


def column(name: str) -> str:
    """The MatchFacts column of a fact variable: ``hte.rd_ratio`` → ``hte_rd_ratio``."""
    return name.replace(".", "_")


STORED = {*RESULT_KEYS, *FISCAL, "fy.rd_total", "hte.gap_cost"}


def _result_key(path: str):
    """The text of a key inside a result JSON (``hte__rd_ratio`` → result→hte→>rd_ratio)."""
    *outer, last = path.split("__")
    expression = F("result")
    for key in outer:
        expression = KeyTransform(key, expression)
    return KeyTextTransform(last, expression)


def _truth(value):
    """A yes/no from a column or JSON text; JSON ``null`` and absent keys are unknown."""
    if value is None or isinstance(value, bool):
        return value
    return TRUTH.get(str(value).lower())


def _decimal(value):
    try:
        return None if value is None else Decimal(str(value))
    except InvalidOperation:
        return None


def _typed(name: str, value):
    if VARIABLES[name].type == "bool":
        return _truth(value)
    number = _decimal(value)
    return int(number) if number is not None and VARIABLES[name].unit in ("points", "count") else number


def _latest_years(enterprise_ids: list[int]) -> dict[int, dict]:
    rows = FiscalYear.objects.filter(enterprise_id__in=enterprise_ids).order_by("enterprise_id", "year")
    latest = {}
    for row in rows.values("enterprise_id", *FISCAL.values(), *RD_FIELDS):
        latest[row["enterprise_id"]] = row
    return latest


def _rd_total(year: dict) -> Decimal | None:
    parts = [year[name] for name in RD_FIELDS]
    return None if any(part is None for part in parts) else sum(parts, Decimal(0))


def gap_cost(gaps) -> Decimal | None:
    """What closing the HTE gaps is estimated to cost now: the gap plan's costs summed, or None when a gap cannot be
    closed by spending (it waits for a date, or asks for data first)."""
    if not isinstance(gaps, list):
        return None
    if any(gap.get("available_from") or gap.get("action") == "supply_data" for gap in gaps):
        return None
    costs = [_decimal(gap.get("estimated_cost")) for gap in gaps]
    return None if any(cost is None for cost in costs) else sum(costs, Decimal(0))


def _build(enterprise_ids: list[int]) -> list[MatchFacts]:
    annotations = {f"k{index}": _result_key(path) for index, path in enumerate(RESULT_KEYS.values())}
    annotations["gaps"] = KeyTransform("gaps", F("result"))
    latest = Assessment.objects.filter(enterprise_id__in=enterprise_ids, is_latest=True).annotate(**annotations)
    results = {row[0]: row[1:] for row in latest.values_list("enterprise_id", "pk", *annotations)}
    years = _latest_years(enterprise_ids)
    built = []
    for enterprise_id in enterprise_ids:
        facts = MatchFacts(enterprise_id=enterprise_id)
        if enterprise_id in results:
            assessment_id, *values, gaps = results[enterprise_id]
            facts.assessment_id = assessment_id
            facts.hte_gap_cost = gap_cost(gaps)
            for name, value in zip(RESULT_KEYS, values, strict=True):
                setattr(facts, column(name), _typed(name, value))
        year = years.get(enterprise_id)
        if year:
            for name, field in FISCAL.items():
                setattr(facts, column(name), year[field])
            facts.fy_rd_total = _rd_total(year)
        built.append(facts)
    return built


def _stale(enterprise_ids: list[int] | None) -> list[int]:
    """Enterprises whose stored facts are missing or older than their latest assessment."""
    current = MatchFacts.objects.filter(enterprise_id=OuterRef("enterprise_id"), assessment_id=OuterRef("pk"))
    outdated = Assessment.objects.filter(is_latest=True).exclude(Exists(current))
    missing = Enterprise.objects.filter(match_facts__isnull=True)
    if enterprise_ids is not None:
        outdated, missing = outdated.filter(enterprise_id__in=enterprise_ids), missing.filter(pk__in=enterprise_ids)
    return sorted({*outdated.values_list("enterprise_id", flat=True), *missing.values_list("pk", flat=True)})


def facts_refresh(enterprise_ids: Iterable[int] | None = None) -> int:
    """Rebuild the stored facts that are missing or older than the latest assessment; returns how many."""
    ids = _stale(None if enterprise_ids is None else list(enterprise_ids))
    for start in range(0, len(ids), REFRESH_CHUNK):
        chunk = ids[start : start + REFRESH_CHUNK]
        built = _build(chunk)
        with transaction.atomic():
            MatchFacts.objects.filter(enterprise_id__in=chunk).delete()
            MatchFacts.objects.bulk_create(built, batch_size=REFRESH_CHUNK)
    return len(ids)


def _age(registered: dt.date | None, today: dt.date) -> int | None:
    if registered is None:
        return None
    return today.year - registered.year - ((today.month, today.day) < (registered.month, registered.day))


def _signal(name: str, ids: list[int], today: dt.date) -> list:
    """The best contest award of the last ``CONTEST_YEARS`` calendar years (this one included), or the equity raised
    in the ``INVESTMENT_DAYS`` up to ``today``, per enterprise."""
    if name == "contest.award_level":
        rows = ContestResult.objects.filter(year__gt=today.year - CONTEST_YEARS, year__lte=today.year)
        found = rows.values("enterprise_id").annotate(value=Max("award"))
    else:
        since = today - dt.timedelta(days=INVESTMENT_DAYS)
        rows = EquityRound.objects.filter(closed_on__gt=since, closed_on__lte=today)
        found = rows.values("enterprise_id").annotate(value=Sum("amount"))
    values = dict(found.order_by().values_list("enterprise_id", "value"))
    return [values.get(pk, 0) for pk in ids]


def _source(name: str) -> str:
    if name in STORED:
        return f"match_facts__{column(name)}"
    return DERIVED.get(name, name)


def load_facts(
    names: Iterable[str],
    *,
    districts: Iterable[str] = (),
    enterprise_ids: Iterable[int] | None = None,
    within=None,
    today: dt.date | None = None,
):
    """``(ids, districts, facts)`` for every enterprise of ``districts`` (all when empty) or those listed, and only
    those of the queryset ``within`` when given, in one query reading only the columns ``names`` need (stored facts
    are refreshed first where stale)."""
    today = today or timezone.localdate()
    names = set(names) | {"district"}
    enterprise_ids = None if enterprise_ids is None else list(enterprise_ids)
    if names & (STORED | {"assessed"}):
        facts_refresh(enterprise_ids)
    qs = Enterprise.objects.all()
    if districts:
        qs = qs.filter(district__in=list(districts))
    if enterprise_ids is not None:
        qs = qs.filter(pk__in=enterprise_ids)
    if within is not None:
        qs = qs.filter(pk__in=within.values("pk"))
    plain = sorted({_source(name) for name in names if name not in CERTIFICATES and name not in SIGNALS})
    rows = list(qs.order_by().values_list("pk", *plain))
    columns = list(zip(*rows, strict=True)) if rows else [()] * (1 + len(plain))
    raw = dict(zip(["pk", *plain], columns, strict=True))
    lists = {}
    for name in names:
        if name in CERTIFICATES:
            holders = valid_certificates(CERTIFICATES[name], today).values_list("enterprise_id", flat=True)
            lists[name] = np.isin(np.array(raw["pk"], dtype=np.int64), np.array(list(holders), dtype=np.int64))
            continue
        if name in SIGNALS:
            lists[name] = _signal(name, raw["pk"], today)
            continue
        values = list(raw[_source(name)])
        if name == "tech_area":
            values = [v[:2] if v else None for v in values]
        elif name == "age_years":
            values = [_age(v, today) for v in values]
        elif name in ("assessed", "listed"):
            values = [v is not None for v in values]
        lists[name] = values
    ids = np.array(raw["pk"], dtype=np.int64)
    return ids, lists["district"], facts_from_lists(len(ids), lists)
