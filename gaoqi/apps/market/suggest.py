"""Suggestions on the pages: products and enterprises for a scenario, open scenarios for an enterprise, each with the
reasons it was suggested (``matching``)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from gaoqi.apps.market.matching import Doc, Index, Suggestion
from gaoqi.apps.market.models import Product, Scenario
from gaoqi.core.districts import DISTRICT_NAMES

SHOWN = 10


@dataclass(frozen=True)
class Suggested:
    item: Any
    score: float
    reasons: list[str]


def product_doc(product: Product) -> Doc:
    text = " ".join((product.name, product.description, product.customers))
    return Doc(product.pk, text, product.field, product.enterprise.district, tuple(product.certification_labels()))


def scenario_doc(scenario: Scenario) -> Doc:
    return Doc(scenario.pk, f"{scenario.title} {scenario.problem}", scenario.field, scenario.district)


def _with_names(reasons: list[str], district: str) -> list[str]:
    name = str(DISTRICT_NAMES.get(district, ""))
    return [f"位于同一区（{name}）" if r == "位于同一区" and name else r for r in reasons]


def _suggested(found: list[Suggestion], items: dict, district: str) -> list[Suggested]:
    return [Suggested(items[s.id], s.score, _with_names(s.reasons, district)) for s in found if s.id in items]


def listed_products() -> QuerySet[Product]:
    return Product.objects.filter(state=Product.State.LISTED).select_related("enterprise")


def open_scenarios() -> QuerySet[Scenario]:
    return Scenario.objects.filter(state=Scenario.State.OPEN, deadline__gte=timezone.localdate()).select_related(
        "organisation"
    )


def products_for(scenario: Scenario, k: int = SHOWN) -> list[Suggested]:
    """Listed products ranked for a scenario."""
    products = {p.pk: p for p in listed_products()}
    index = Index([product_doc(p) for p in products.values()])
    return _suggested(index.top([scenario_doc(scenario)], k)[0], products, scenario.district)


def enterprises_for(scenario: Scenario, k: int = SHOWN) -> list[Suggested]:
    """Enterprises ranked for a scenario by their best listed product (the reasons are that product's)."""
    best: dict[int, Suggested] = {}
    for suggested in products_for(scenario, k * 3):
        best.setdefault(suggested.item.enterprise_id, suggested)
    return [Suggested(s.item.enterprise, s.score, [f"代表产品：{s.item.name}", *s.reasons]) for s in best.values()][:k]


def scenarios_for(enterprise, k: int = SHOWN) -> list[Suggested]:
    """Open scenarios ranked for an enterprise: its products' texts together, its own technology field."""
    scenarios = {s.pk: s for s in open_scenarios()}
    products = list(enterprise.products.exclude(state=Product.State.DRAFT))
    text = " ".join(f"{p.name} {p.description}" for p in products) or enterprise.name
    field = products[0].field if products else enterprise.tech_field
    query = Doc(enterprise.pk, text, field, enterprise.district)
    index = Index([scenario_doc(s) for s in scenarios.values()])
    return _suggested(index.top([query], k)[0], scenarios, enterprise.district)
