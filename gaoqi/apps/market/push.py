"""Pushing new scenarios to the enterprises whose products match, and newly listed products to the owners whose
open scenarios they match, through the notifications inbox (its reasons, caps, quiet hours and preferences)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from gaoqi.apps.market.matching import Index
from gaoqi.apps.market.models import Product, Scenario
from gaoqi.apps.market.suggest import listed_products, open_scenarios, product_doc, scenario_doc
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.core.pagelinks import link_for

MIN_SCORE = 0.6
"""A match worth a notice: the same sub-field, or a strong text match with a related field."""
MOST = 20  # enterprises told about one scenario, owners' scenarios considered for one product


def scenario_published(scenario_id: int) -> int:
    """Tell the members of the enterprises whose listed products best match a new scenario."""
    scenario = Scenario.objects.select_related("organisation").get(pk=scenario_id)
    products = list(listed_products())
    found = Index([product_doc(p) for p in products]).top([scenario_doc(scenario)], MOST)[0]
    by_id = {p.pk: p for p in products}
    chosen: dict[int, list[str]] = {}
    for s in found:
        if s.score >= MIN_SCORE:
            chosen.setdefault(by_id[s.id].enterprise_id, [by_id[s.id].name, *s.reasons])
    users = enterprise_user_ids(chosen)
    return notify(
        NoticeSpec(
            user_id=user_id,
            topic="market",
            title=_("新应用场景：%(title)s") % {"title": scenario.title},
            body=_("%(owner)s 发布了应用场景“%(title)s”，征集截止 %(deadline)s。")
            % {"owner": scenario.organisation.name, "title": scenario.title, "deadline": scenario.deadline},
            reason=_("与贵企业产品“%(product)s”匹配：%(why)s") % {"product": reasons[0], "why": "；".join(reasons[1:])},
            dedupe_key=f"market:scenario:{scenario.pk}",
            link=link_for("market.scenario", scenario.pk),
            enterprise_id=enterprise_id,
            cause=f"market:scenario:{scenario.pk}",
        )
        for enterprise_id, reasons in chosen.items()
        for user_id in users.get(enterprise_id, [])
    )


def product_listed(product_id: int) -> int:
    """Tell the members of the owner organisations whose open scenarios a newly listed product matches."""
    product = Product.objects.select_related("enterprise").get(pk=product_id)
    scenarios = {s.pk: s for s in open_scenarios()}
    found = Index([scenario_doc(s) for s in scenarios.values()]).top([product_doc(product)], MOST)[0]
    specs = []
    for s in found:
        if s.score < MIN_SCORE:
            continue
        scenario = scenarios[s.id]
        for user_id in (
            get_user_model()
            .objects.filter(scenario_organisations=scenario.organisation_id, is_active=True)
            .values_list("pk", flat=True)
        ):
            specs.append(
                NoticeSpec(
                    user_id=user_id,
                    topic="market",
                    title=_("创新产品上架：%(name)s") % {"name": product.name},
                    body=_("%(enterprise)s 的“%(name)s”已列入创新产品目录。")
                    % {"enterprise": product.enterprise.name, "name": product.name},
                    reason=_("与贵单位场景“%(title)s”匹配：%(why)s")
                    % {"title": scenario.title, "why": "；".join(s.reasons)},
                    dedupe_key=f"market:product:{product.pk}",
                    link=link_for("market.product", product.pk),
                    cause=f"market:product:{product.pk}",
                )
            )
    return notify(specs)
