"""Suggest products for one demand: eligibility by each product's criteria against the enterprise's facts (the same
facts policies are matched on) and fit by amount, term and field, each with its reasons in words."""

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoqi.apps.finance.models import Demand, Product
from gaoqi.apps.policies.facts import load_facts
from gaoqi.apps.policies.matching import code_names, criteria_for
from gaoqi.rules.criteria import evaluate, explain
from gaoqi.rules.finance.fit import NO, UNKNOWN, YES, Asks, Offer, fit

FEN = 100
ELIGIBILITY = {
    YES: gettext_lazy("符合准入条件"),
    UNKNOWN: gettext_lazy("准入条件待核实（资料不全）"),
    NO: gettext_lazy("不符合准入条件"),
}


@dataclass(frozen=True)
class Suggestion:
    product: Product
    eligible: int  # YES / UNKNOWN / NO
    suggested: bool
    reasons: list[str]

    @property
    def eligibility_label(self) -> str:
        return str(ELIGIBILITY[self.eligible])


def offer_of(product: Product) -> Offer:
    return Offer(
        criteria_for(product.eligibility),
        int(product.amount_min * FEN),
        int(product.amount_max * FEN),
        product.term_min,
        product.term_max,
        frozenset(product.areas),
    )


def _yuan(value: Decimal) -> str:
    return f"{value / 10000:,.0f}万元" if value >= 10000 else f"{value:,.2f}元"


def _fit_reasons(product: Product, demand: Demand, amount_ok, term_ok, field_ok) -> list[str]:
    span = {"low": _yuan(product.amount_min), "high": _yuan(product.amount_max)}
    terms = {"low": product.term_min, "high": product.term_max}
    return [
        (_("金额在 %(low)s–%(high)s 之间") if amount_ok else _("金额不在 %(low)s–%(high)s 之间")) % span,
        (_("期限在 %(low)s–%(high)s 个月之间") if term_ok else _("期限不在 %(low)s–%(high)s 个月之间")) % terms,
        _("技术领域适用") if field_ok else _("技术领域不在产品适用范围内"),
    ]


def _criteria_reasons(offer: Offer, facts, row_outcome) -> list[str]:
    reasons = []
    for item in explain(offer.criteria, row_outcome, facts, 0, code_names()):
        mark = {"met": "✓", "unmet": "✗", "unknown": "?"}[item["status"]]
        reasons.append(f"{mark} {item['clause']}" + (f"（{item['detail']}）" if item["detail"] else ""))
    return reasons


def suggestions(demand: Demand, products=None) -> list[Suggestion]:
    """Every product on sale weighed for ``demand``: suggested ones first (eligible before unknown), then the rest."""
    products = list(
        products
        if products is not None
        else Product.objects.filter(is_active=True, institution__is_active=True).select_related("institution")
    )
    if not products:
        return []
    offers = [offer_of(p) for p in products]
    names = set().union(*(o.criteria.names for o in offers)) | {"tech_area"}
    _ids, _districts, facts = load_facts(names, enterprise_ids=[demand.enterprise_id], today=timezone.localdate())
    asks = Asks(
        np.array([int(demand.amount * FEN)], dtype=np.int64),
        np.array([demand.term_months], dtype=np.int64),
        np.array([facts.value("tech_area", 0) or ""], dtype=object),
    )
    found = fit(offers, asks, facts)
    result = []
    for index, (product, offer) in enumerate(zip(products, offers, strict=True)):
        eligible = int(found.eligible[index, 0])
        reasons = [str(ELIGIBILITY[eligible])]
        if product.eligibility.strip():
            reasons += _criteria_reasons(offer, facts, evaluate(offer.criteria, facts))
        reasons += _fit_reasons(
            product, demand, found.amount_ok[index, 0], found.term_ok[index, 0], found.field_ok[index, 0]
        )
        result.append(Suggestion(product, eligible, bool(found.suggested[index, 0]), reasons))
    return sorted(result, key=lambda s: (not s.suggested, -s.eligible, s.product.rate_min or 0, s.product.pk))
