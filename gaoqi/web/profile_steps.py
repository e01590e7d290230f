"""The guided profile form: which forms each step shows and how they become a profile update."""

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.enterprises.models import MANAGEMENT_ITEMS, Enterprise, ManagementItems
from gaoqi.web.forms.profile import (
    RD_FIELDS,
    TAX_FIELDS,
    YEAR_FIELDS,
    BasicForm,
    CertificateFormSet,
    IncidentFormSet,
    IPFormSet,
    OtherForm,
    YearFormSet,
)

STEPS = [
    ("basic", _("基本信息")),
    ("years", _("年度财务与研发")),
    ("ip", _("知识产权")),
    ("other", _("成果转化与管理")),
]
STEP_KEYS = [key for key, _label in STEPS]


def next_step(step: str) -> str | None:
    i = STEP_KEYS.index(step)
    return STEP_KEYS[i + 1] if i + 1 < len(STEP_KEYS) else None


def profile_years(enterprise: Enterprise) -> list[int]:
    """The enterprise's recorded years, or the last three calendar years when fewer than three exist."""
    years = sorted(enterprise.fiscal_years.values_list("year", flat=True))
    if len(years) >= 3:
        return years[-3:]
    this = timezone.localdate().year
    return sorted(set(years) | {this - 3, this - 2, this - 1})[-3:]


def _basic_initial(e: Enterprise) -> dict:
    return {name: getattr(e, name) for name in BasicForm.base_fields}


def _year_initial(e: Enterprise) -> list[dict]:
    existing = {fy.year: fy for fy in e.fiscal_years.all()}
    names = ["employees", "st_staff", *YEAR_FIELDS, *RD_FIELDS, *TAX_FIELDS]
    return [
        {"year": y} | ({n: getattr(existing[y], n) for n in names} if y in existing else {}) for y in profile_years(e)
    ]


def _other_initial(e: Enterprise, years) -> dict:
    management = ManagementItems.objects.filter(enterprise=e).first()
    initial = {k: getattr(management, k) for k, _label in MANAGEMENT_ITEMS} if management else {}
    conversions = dict(e.conversions.values_list("year", "count"))
    return initial | {f"conv_{y}": conversions.get(y) for y in years}


def build(step: str, e: Enterprise, data: QueryDict | None) -> dict:
    """The bound (``data``) or initial forms of a step."""
    if step == "basic":
        return {"form": BasicForm(data, initial=_basic_initial(e))}
    if step == "years":
        return {"formset": YearFormSet(data, initial=_year_initial(e), prefix="years")}
    if step == "ip":
        initial = list(e.ip_items.values("kind", "title", "number", "granted_on", "acquired_by", "core", "used_before"))
        return {"formset": IPFormSet(data, initial=initial, prefix="ip")}
    years = profile_years(e)
    incidents = list(e.incidents.values("kind", "on", "major"))
    certificates = list(e.certificates.values("kind", "number", "issued_on", "expires_on"))
    return {
        "form": OtherForm(data, years=years, initial=_other_initial(e, years)),
        "formset": IncidentFormSet(data, initial=incidents, prefix="inc"),
        "certificates": CertificateFormSet(data, initial=certificates, prefix="cert"),
    }


def all_valid(forms: dict) -> bool:
    return all([f.is_valid() for f in forms.values()])  # noqa: C419 - validate every form to show all errors


def _rows(formset) -> list[dict]:
    rows = []
    for form in formset:
        data = {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        if data and not form.cleaned_data.get("DELETE"):
            rows.append(data)
    return rows


def to_profile(step: str, forms: dict) -> dict:
    """The profile update a valid step stands for."""
    if step == "basic":
        return forms["form"].profile()
    if step == "years":
        return {"fiscal_years": [f.profile() for f in forms["formset"]]}
    if step == "ip":
        return {"ip": _rows(forms["formset"])}
    return forms["form"].profile() | {
        "incidents": _rows(forms["formset"]),
        "certificates": _rows(forms["certificates"]),
    }


def querydict(data: dict) -> QueryDict:
    """Rebuild posted data saved as ``{key: [values]}``."""
    qd = QueryDict(mutable=True)
    for key, values in data.items():
        qd.setlist(key, values)
    return qd


def plain(post: QueryDict) -> dict:
    return {k: post.getlist(k) for k in post if k not in {"csrfmiddlewaretoken", "draft"}}
