"""Export enterprises to the rules engine's profile format (docs/profile-format.md)."""

import datetime
from collections import defaultdict

from django.utils import timezone

from gaoqi.apps.enterprises.models import (
    MANAGEMENT_ITEMS,
    YEAR_MONEY,
    Certificate,
    Conversion,
    Enterprise,
    FiscalYear,
    Incident,
    IPItem,
    ManagementItems,
    valid_certificates,
)
from gaoqi.rules.profile import RD_CATEGORIES

TSME_ROUTES = ["national_award_top3", "provincial_rd_institution", "led_standard"]
"""The 科技型中小企业 direct routes stored as facts; ``hte_certificate`` is derived from the certificates."""
MANAGEMENT_KEYS = [key for key, _label in MANAGEMENT_ITEMS]
BASIC = ["name", "uscc", "registered_on", "district", "tech_field", "industry", "is_manufacturing", "application_date"]
YEAR_COUNTS = ["employees", "st_staff"]
RD_COLUMNS = [f"rd_{cat}" for cat in RD_CATEGORIES]
IP_COLUMNS = ["kind", "granted_on", "acquired_by", "core", "used_before"]
CERTIFICATE_COLUMNS = ["kind", "number", "issued_on", "expires_on"]


def _plain(value):
    """Decimals and dates as the strings the profile format uses; everything else unchanged."""
    if value is None or isinstance(value, bool | int | str):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _year(row: dict) -> dict:
    data = {"year": row["year"]}
    data.update({k: row[k] for k in YEAR_COUNTS if row[k] is not None})
    data.update({k: str(row[k]) for k in YEAR_MONEY if row[k] is not None})
    data["rd"] = {c.removeprefix("rd_"): str(row[c]) for c in RD_COLUMNS if row[c] is not None}
    return data


def _enterprise(row: dict, related: dict, management: dict | None, certified: bool) -> dict:
    pk = row["id"]
    data = {k: _plain(row[k]) for k in BASIC if row[k] not in (None, "")}
    data["standards"] = row["standards"]
    data["tsme_routes"] = {"hte_certificate": certified, **{k: row[k] for k in TSME_ROUTES}}
    rating = {k: row[k] for k in ("advancement", "core_support") if row[k]}
    if rating:
        data["self_rating"] = rating
    data["fiscal_years"] = [_year(fy) for fy in sorted(related[FiscalYear][pk], key=lambda fy: fy["year"])]
    data["ip"] = [{k: _plain(item[k]) for k in IP_COLUMNS} for item in related[IPItem][pk]]
    data["conversions"] = {str(c["year"]): c["count"] for c in related[Conversion][pk]}
    if management is not None:
        data["management"] = {k: management[k] for k in MANAGEMENT_KEYS}
    data["incidents"] = [{"kind": i["kind"], "on": _plain(i["on"]), "major": i["major"]} for i in related[Incident][pk]]
    data["certificates"] = [{k: _plain(c[k]) for k in CERTIFICATE_COLUMNS} for c in related[Certificate][pk]]
    return data


def profile_as_dict(enterprise: Enterprise, on: datetime.date | None = None) -> dict:
    """The profile of one enterprise; ``hte_certificate`` means an HTE certificate in force on ``on`` (today)."""
    return profiles_as_dicts([enterprise.pk], on)[0]


def profiles_as_dicts(ids: list[int], on: datetime.date | None = None) -> list[dict]:
    """Profiles of the enterprises with these ids, in order, with one query per related table."""
    hte = valid_certificates(Certificate.Kind.HTE, on or timezone.localdate()).filter(enterprise_id__in=ids)
    certified = set(hte.values_list("enterprise_id", flat=True))
    rows = {row["id"]: row for row in Enterprise.objects.filter(pk__in=ids).values()}
    related = {}
    for model in (FiscalYear, IPItem, Conversion, Incident, Certificate):
        grouped = defaultdict(list)
        for row in model.objects.filter(enterprise_id__in=ids).order_by("pk").values():
            grouped[row["enterprise_id"]].append(row)
        related[model] = grouped
    management = {m["enterprise_id"]: m for m in ManagementItems.objects.filter(enterprise_id__in=ids).values()}
    return [_enterprise(rows[pk], related, management.get(pk), pk in certified) for pk in ids]
