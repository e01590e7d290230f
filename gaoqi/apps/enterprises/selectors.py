"""Reads of enterprises; the tenancy rule lives here and nowhere else."""

from django.db.models import QuerySet

from gaoqi.apps.enterprises.models import Claim, DistrictChange, Enterprise, Membership, Review
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.errors import NotFound
from gaoqi.core.models import AuditEntry
from gaoqi.core.roles import Role


def _live(actor) -> bool:
    return bool(actor.is_authenticated and actor.is_active)


def districts_overseen(*, actor) -> list[str]:
    """The districts whose enterprises ``actor`` oversees: bureau every district, district staff their own."""
    if not _live(actor):
        return []
    if actor.role == Role.BUREAU:
        return [code for code, _name in DISTRICTS]
    return [actor.district] if actor.role == Role.DISTRICT and actor.district else []


def enterprise_list(*, actor) -> QuerySet[Enterprise]:
    """What ``actor`` may see: bureau all, district staff their district, mentors assignments, members their own.

    Every read that depends on who asks (pages, API, exports, aggregates) starts from here."""
    qs = Enterprise.objects.all()
    if not _live(actor):
        return qs.none()
    match actor.role:
        case Role.BUREAU:
            return qs
        case Role.DISTRICT:
            return qs.filter(district__in=districts_overseen(actor=actor))
        case Role.MENTOR:
            return qs.filter(mentor_assignments__mentor=actor)
        case Role.ENTERPRISE:
            return qs.filter(memberships__user=actor)
    return qs.none()


def _seen(actor) -> set[int]:
    """Ids this actor object (it lives for one request) was already allowed to see, so a page asking twice asks
    the database once."""
    return actor.__dict__.setdefault("_visible_enterprise_ids", set())


def enterprise_get(*, actor, pk) -> Enterprise:
    """One enterprise the actor may see, else NotFound (existence is not revealed)."""
    try:
        enterprise = enterprise_list(actor=actor).get(pk=pk)
    except (Enterprise.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    _seen(actor).add(enterprise.pk)
    return enterprise


def enterprise_seen(*, actor, enterprise: Enterprise) -> None:
    """Record that a read scoped by ``enterprise_list`` found this enterprise, so later checks cost no query."""
    _seen(actor).add(enterprise.pk)


def enterprise_check(*, actor, pk: int) -> None:
    """NotFound unless the actor may see the enterprise."""
    if pk not in _seen(actor):
        enterprise_get(actor=actor, pk=pk)


def enterprise_own(*, actor) -> Enterprise | None:
    """The enterprise the actor works for, if any (no query when the membership came with the user)."""
    loaded = getattr(actor.__class__, "membership", None)  # request.user is a lazy proxy
    if loaded is not None and loaded.is_cached(actor):
        membership = getattr(actor, "membership", None)
    else:
        membership = Membership.objects.select_related("enterprise").filter(user_id=actor.pk).first()
    if membership is None:
        return None
    if actor.role == Role.ENTERPRISE:  # enterprise_list's rule for members: their own enterprise
        _seen(actor).add(membership.enterprise_id)
    return membership.enterprise


def enterprise_can_edit(*, actor, enterprise: Enterprise) -> bool:
    """Only the enterprise's own users edit its profile."""
    return Membership.objects.filter(user_id=actor.pk, enterprise=enterprise).exists()


def enterprise_is_admin(*, actor, enterprise: Enterprise) -> bool:
    return Membership.objects.filter(user_id=actor.pk, enterprise=enterprise, is_admin=True).exists()


def enterprise_history(*, actor, enterprise: Enterprise) -> QuerySet[AuditEntry]:
    """Change history of a visible enterprise's profile."""
    enterprise_check(actor=actor, pk=enterprise.pk)
    return AuditEntry.objects.filter(enterprise_id=enterprise.pk).select_related("actor")


def draft_get(*, actor, enterprise: Enterprise, step: str):
    """The saved draft of a profile step, for the enterprise's own users only."""
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        return None
    return enterprise.drafts.filter(step=step).first()


def claims_to_review(*, actor) -> QuerySet[Claim]:
    """Pending claims the actor decides: the bureau all, an enterprise's administrator those on their enterprise."""
    qs = Claim.objects.filter(state=Review.PENDING).select_related("user", "enterprise")
    if not _live(actor):
        return qs.none()
    if actor.role == Role.BUREAU:
        return qs
    admin_of = Membership.objects.filter(user_id=actor.pk, is_admin=True).values("enterprise_id")
    return qs.filter(enterprise_id__in=admin_of)


def district_changes_to_review(*, actor) -> QuerySet[DistrictChange]:
    """Pending district changes, for the bureau."""
    qs = DistrictChange.objects.filter(state=Review.PENDING).select_related("enterprise", "requested_by")
    return qs if _live(actor) and actor.role == Role.BUREAU else qs.none()


def claim_of(*, actor) -> Claim | None:
    """The actor's own claim, if they registered with an existing enterprise's USCC."""
    return Claim.objects.select_related("enterprise").filter(user_id=actor.pk).first()


def district_changes_of(*, actor, enterprise: Enterprise) -> QuerySet[DistrictChange]:
    """The district changes an enterprise's users asked for, newest first."""
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        return DistrictChange.objects.none()
    return enterprise.district_changes.all()
