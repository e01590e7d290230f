"""Reads of 金融惠企 scoped by who asks: staff see their own institution's products and only the deals whose
consent is in force; enterprises their own demands; district staff their district; the bureau everything."""

import statistics

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from gaoqi.apps.enterprises.models import ContestResult, EquityRound
from gaoqi.apps.enterprises.selectors import districts_overseen, enterprise_own
from gaoqi.apps.finance.models import Consent, Deal, Demand, Institution, PoolLoan, Product
from gaoqi.core.disclosure import min_count, shown
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import NotFound
from gaoqi.core.roles import Role

OVERSEERS = frozenset({Role.BUREAU, Role.DISTRICT})
OPEN = (Deal.State.SENT, Deal.State.ACCEPTED, Deal.State.DOCUMENTS)


def _live(actor) -> bool:
    return bool(actor.is_authenticated and actor.is_active)


def institution_of(actor) -> Institution | None:
    """The institution a finance-role user works for (None for anyone else)."""
    if not _live(actor) or actor.role != Role.FINANCE:
        return None
    staff = getattr(actor, "finance_staff", None)
    return staff.institution if staff is not None and staff.institution.is_active else None


def _get(qs: QuerySet, pk):
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def product_catalogue(*, actor) -> QuerySet[Product]:
    """Products on sale, for any signed-in user."""
    if not _live(actor):
        return Product.objects.none()
    return Product.objects.filter(is_active=True, institution__is_active=True).select_related("institution")


def product_own_list(*, actor) -> QuerySet[Product]:
    """The products of the actor's institution (on sale or not)."""
    institution = institution_of(actor)
    if institution is None:
        return Product.objects.none()
    return Product.objects.filter(institution=institution).select_related("institution")


def product_own_get(*, actor, pk) -> Product:
    return _get(product_own_list(actor=actor), pk)


def demand_list(*, actor) -> QuerySet[Demand]:
    """Enterprise users their enterprise's demands; district staff their district's; the bureau all."""
    qs = Demand.objects.select_related("enterprise")
    if not _live(actor):
        return qs.none()
    if actor.role == Role.ENTERPRISE:
        own = enterprise_own(actor=actor)
        return qs.filter(enterprise=own) if own else qs.none()
    if actor.role in OVERSEERS:
        return qs.filter(enterprise__district__in=districts_overseen(actor=actor))
    return qs.none()


def demand_get(*, actor, pk) -> Demand:
    return _get(demand_list(actor=actor), pk)


def demand_is_own(*, actor, demand: Demand) -> bool:
    own = enterprise_own(actor=actor) if _live(actor) and actor.role == Role.ENTERPRISE else None
    return own is not None and own.pk == demand.enterprise_id


def consent_in_force() -> Q:
    """Deals whose demand's consent for their institution is granted and not revoked."""
    return Q(demand__consents__institution=F("institution"), demand__consents__revoked_at__isnull=True)


def deal_list(*, actor) -> QuerySet[Deal]:
    """An institution's staff see its deals while consent is in force; the enterprise its own; overseers theirs."""
    qs = Deal.objects.select_related("demand__enterprise", "institution", "product")
    institution = institution_of(actor)
    if institution is not None:
        return qs.filter(consent_in_force(), institution=institution).distinct()
    if not _live(actor) or actor.role == Role.FINANCE:
        return qs.none()
    return qs.filter(demand__in=demand_list(actor=actor))


def deal_get(*, actor, pk) -> Deal:
    return _get(deal_list(actor=actor), pk)


def consent_of(deal: Deal) -> Consent | None:
    return Consent.objects.filter(demand_id=deal.demand_id, institution_id=deal.institution_id).first()


def consents_of(demand: Demand) -> QuerySet[Consent]:
    return demand.consents.select_related("institution").order_by("institution__name")


def institution_choices() -> QuerySet[Institution]:
    return Institution.objects.filter(is_active=True)


def _hours(deal: Deal) -> float:
    assert deal.responded_at is not None
    return (deal.responded_at - deal.sent_at).total_seconds() / 3600


def league_table(*, actor, now=None) -> list[dict]:
    """Per institution, for overseers: deals received, answered, median first-response hours, share answered within
    the time limit, open deals past it, approvals and the amount approved; fastest first."""
    if not _live(actor) or actor.role not in OVERSEERS:
        return []
    now = now or timezone.now()
    deals = Deal.objects.filter(demand__enterprise__district__in=districts_overseen(actor=actor)).only(
        "institution_id", "state", "sent_at", "respond_by", "responded_at", "approved_amount"
    )
    by_institution: dict[int, list[Deal]] = {}
    for deal in deals:
        by_institution.setdefault(deal.institution_id, []).append(deal)
    names = dict(Institution.objects.values_list("pk", "name"))
    rows = [_league_row(names[pk], rows, now) for pk, rows in by_institution.items()]
    return sorted(rows, key=lambda r: (r["median_hours"] is None, r["median_hours"] or 0, r["institution"]))


def _league_row(name: str, deals: list[Deal], now) -> dict:
    answered = [d for d in deals if d.responded_at is not None]
    due = [d for d in deals if d.responded_at is not None or d.respond_by <= now]
    on_time = [d for d in answered if d.responded_at is not None and d.responded_at <= d.respond_by]
    approved = [d for d in deals if d.state == Deal.State.APPROVED]
    return {
        "institution": name,
        "received": len(deals),
        "answered": len(answered),
        "median_hours": round(statistics.median(_hours(d) for d in answered), 1) if answered else None,
        "on_time_rate": len(on_time) / len(due) if due else None,
        "overdue_open": sum(1 for d in deals if d.state == Deal.State.SENT and d.respond_by <= now),
        "approved": len(approved),
        "approved_amount": sum((d.approved_amount or 0 for d in approved), 0),
    }


def pool_loan_list(*, actor) -> QuerySet[PoolLoan]:
    """An institution its own loans; district staff their district's; the bureau all."""
    qs = PoolLoan.objects.select_related("institution", "enterprise")
    institution = institution_of(actor)
    if institution is not None:
        return qs.filter(institution=institution)
    if _live(actor) and actor.role in OVERSEERS:
        return qs.filter(district__in=districts_overseen(actor=actor))
    return qs.none()


def _exposure_rows(loans: QuerySet[PoolLoan], key: str, names: dict, minimum: int | None) -> list[dict]:
    rows = []
    figures = loans.values(key).annotate(
        loans=Count("pk"), principal=Sum("principal"), loss=Sum("loss"), compensation=Sum("compensation")
    )
    for row in figures.order_by(key):
        count = row["loans"] if minimum is None else shown(row["loans"], minimum)
        hidden = count is None
        rows.append(
            {
                "label": str(names.get(row[key], row[key])),
                "loans": count,
                "principal": None if hidden else row["principal"],
                "loss": None if hidden else row["loss"] or 0,
                "compensation": None if hidden else row["compensation"] or 0,
            }
        )
    return rows


def pool_exposure(*, actor) -> dict:
    """Loans, principal, losses and the pool's compensation by institution and by district, over the loans the actor
    may read (an institution's own figures are exact; for overseers a cell of a few loans is hidden)."""
    loans = pool_loan_list(actor=actor)
    minimum = None if institution_of(actor) is not None else min_count()
    institutions = dict(Institution.objects.values_list("pk", "name"))
    return {
        "by_institution": _exposure_rows(loans, "institution_id", institutions, minimum),
        "by_district": _exposure_rows(loans, "district", DISTRICT_NAMES, minimum),
        "min_count": minimum,
    }


def signals_own(*, actor) -> tuple[QuerySet[ContestResult], QuerySet[EquityRound]]:
    """The contest results and equity rounds of the actor's enterprise (none for anyone else)."""
    own = enterprise_own(actor=actor) if _live(actor) and actor.role == Role.ENTERPRISE else None
    if own is None:
        return ContestResult.objects.none(), EquityRound.objects.none()
    return own.contest_results.all(), own.equity_rounds.all()
