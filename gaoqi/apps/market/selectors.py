"""Reads of 产品兴企; who sees which product, scenario and proposal lives here and nowhere else."""

from django.db.models import Q, QuerySet

from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.market.models import Organisation, Product, Proposal, Scenario
from gaoqi.apps.market.search import product_rank
from gaoqi.core.errors import NotFound
from gaoqi.core.roles import STAFF_ROLES, Role

REVIEWERS = frozenset({Role.BUREAU})
PUBLISHERS = frozenset({Role.BUREAU, Role.SCENARIO_OWNER})


def _live(actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def _own_enterprise_id(actor) -> int | None:
    if not _live(actor) or actor.role != Role.ENTERPRISE:
        return None
    enterprise = enterprise_own(actor=actor)
    return enterprise.pk if enterprise else None


def product_catalogue(*, q: str = "", field: str = "", kind: str = "", certification: str = "") -> QuerySet[Product]:
    """The public catalogue: listed products, searched and filtered; no account needed."""
    qs = Product.objects.filter(state=Product.State.LISTED).select_related("enterprise")
    if field:
        qs = qs.filter(field=field)
    if kind:
        qs = qs.filter(kind=kind)
    if certification:
        qs = qs.filter(certifications__icontains=f'"{certification}"')  # the list's JSON text, on every backend
    return product_rank(qs, q)


def product_visible(*, actor) -> QuerySet[Product]:
    """Listed products for everyone, an enterprise's own in any state, every product for bureau and district staff
    (district staff: their district's enterprises)."""
    qs = Product.objects.select_related("enterprise")
    listed = Q(state=Product.State.LISTED)
    if not _live(actor):
        return qs.filter(listed)
    if actor.role == Role.BUREAU:
        return qs
    if actor.role == Role.DISTRICT:
        return qs.filter(listed | Q(enterprise__district=actor.district))
    own = _own_enterprise_id(actor)
    return qs.filter(listed | Q(enterprise_id=own)) if own else qs.filter(listed)


def product_get(*, actor, pk) -> Product:
    try:
        return product_visible(actor=actor).get(pk=pk)
    except (Product.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def products_own(*, actor) -> QuerySet[Product]:
    """An enterprise user's products in every state, drafts included."""
    own = _own_enterprise_id(actor)
    return Product.objects.filter(enterprise_id=own).order_by("-updated_at") if own else Product.objects.none()


def product_is_own(*, actor, product: Product) -> bool:
    return product.enterprise_id == _own_enterprise_id(actor)


def product_review_queue(*, actor) -> QuerySet[Product]:
    """Products waiting for the bureau (submitted) or approved and not yet listed."""
    if not _live(actor) or actor.role not in REVIEWERS:
        return Product.objects.none()
    waiting = (Product.State.SUBMITTED, Product.State.APPROVED)
    return Product.objects.filter(state__in=waiting).select_related("enterprise").order_by("submitted_at", "pk")


def organisations_managed(*, actor) -> QuerySet[Organisation]:
    """Owner organisations ``actor`` publishes for: the bureau all, a 场景方 its own."""
    if not _live(actor):
        return Organisation.objects.none()
    if actor.role == Role.BUREAU:
        return Organisation.objects.all()
    if actor.role == Role.SCENARIO_OWNER:
        return Organisation.objects.filter(members=actor)
    return Organisation.objects.none()


def scenario_list(*, state: str = Scenario.State.OPEN, field: str = "", district: str = "") -> QuerySet[Scenario]:
    """Published scenarios, open ones by default: the public list."""
    qs = Scenario.objects.select_related("organisation")
    if state:
        qs = qs.filter(state=state)
    if field:
        qs = qs.filter(field=field)
    if district:
        qs = qs.filter(district=district)
    return qs


def scenario_get(*, pk) -> Scenario:
    try:
        return Scenario.objects.select_related("organisation").get(pk=pk)
    except (Scenario.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def scenarios_managed(*, actor) -> QuerySet[Scenario]:
    """Scenarios whose proposals ``actor`` reads and moves: the bureau all, a 场景方 its organisations'."""
    return Scenario.objects.filter(organisation__in=organisations_managed(actor=actor)).select_related("organisation")


def scenario_can_manage(*, actor, scenario: Scenario) -> bool:
    return scenarios_managed(actor=actor).filter(pk=scenario.pk).exists()


def proposals_visible(*, actor) -> QuerySet[Proposal]:
    """A scenario's manager sees its proposals; an enterprise its own; district staff their district's."""
    qs = Proposal.objects.select_related("scenario__organisation", "enterprise")
    if not _live(actor):
        return qs.none()
    if actor.role in PUBLISHERS:
        return qs.filter(scenario__in=scenarios_managed(actor=actor))
    if actor.role in STAFF_ROLES:
        return qs.filter(enterprise__district=actor.district)
    own = _own_enterprise_id(actor)
    return qs.filter(enterprise_id=own) if own else qs.none()


def proposal_get(*, actor, pk) -> Proposal:
    try:
        return proposals_visible(actor=actor).get(pk=pk)
    except (Proposal.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
