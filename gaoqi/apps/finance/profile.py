"""The profile sections an enterprise may show an institution, read for one enterprise."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import Certificate, Enterprise
from gaoqi.apps.finance.models import Consent

Section = Consent.Section


def _basic(e: Enterprise) -> list[tuple[str, object]]:
    return [
        (_("企业名称"), e.name),
        (_("统一社会信用代码"), e.uscc),
        (_("所在区"), e.get_district_display()),
        (_("技术领域代码"), e.tech_field),
        (_("注册日期"), e.registered_on),
        (_("上市（挂牌）日期"), e.listed_on or "—"),
    ]


def _finance(e: Enterprise) -> list[tuple[str, object]]:
    rows = []
    for year in e.fiscal_years.order_by("-year")[:3]:
        rows.append((_("%(year)s 销售收入（元）") % {"year": year.year}, year.sales_revenue))
        rows.append((_("%(year)s 年末资产总额（元）") % {"year": year.year}, year.total_assets_end))
        rows.append((_("%(year)s 职工总数") % {"year": year.year}, year.employees))
    return rows


def _ip(e: Enterprise) -> list[tuple[str, object]]:
    return [
        (item.get_kind_display(), f"{item.title or item.number or '—'}（{item.granted_on}）")
        for item in e.ip_items.all()
    ]


def _certificates(e: Enterprise) -> list[tuple[str, object]]:
    today = timezone.localdate()
    held = Certificate.objects.filter(enterprise=e, expires_on__gte=today)
    return [
        (c.get_kind_display(), _("%(number)s，有效期至 %(date)s") % {"number": c.number or "—", "date": c.expires_on})
        for c in held
    ]


def _signals(e: Enterprise) -> list[tuple[str, object]]:
    contests: list[tuple[str, object]] = [
        (f"{r.year} {r.contest}", f"{r.get_level_display()} {r.get_award_display()}") for r in e.contest_results.all()
    ]
    rounds = [(f"{r.closed_on} {r.get_stage_display()}", f"{r.investor}，{r.amount} 元") for r in e.equity_rounds.all()]
    return contests + rounds


READERS = {
    Section.BASIC: _basic,
    Section.FINANCE: _finance,
    Section.IP: _ip,
    Section.CERTIFICATES: _certificates,
    Section.SIGNALS: _signals,
}


def sections_of(enterprise: Enterprise, sections: list[str]) -> list[dict]:
    """``[{"key", "label", "rows"}]`` for the consented sections, in the catalogue's order."""
    return [
        {"key": key, "label": Section(key).label, "rows": READERS[Section(key)](enterprise)}
        for key in Section.values
        if key in sections
    ]
