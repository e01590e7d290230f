"""Reads of service requests; who sees which request is decided here and nowhere else."""

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from gaoqi.apps.enterprises.models import MentorAssignment
from gaoqi.apps.enterprises.selectors import enterprise_list, enterprise_own
from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.servicedesk.models import Attachment, ServiceRequest
from gaoqi.apps.servicedesk.sla import breached
from gaoqi.apps.servicedesk.transitions import OPEN_STATES, Party, allowed
from gaoqi.core.errors import NotFound
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

CONSOLE_ROLES = frozenset({Role.MENTOR, Role.STATION, Role.DISTRICT, Role.BUREAU})


def request_list(*, actor) -> QuerySet[ServiceRequest]:
    """Requests ``actor`` may see.

    Enterprise users: their enterprise's; mentors: those of assigned enterprises or routed to them; station operators:
    those routed or escalated to their stations; district staff: their district's; bureau: all.
    """
    qs = ServiceRequest.objects.select_related("enterprise", "mentor", "station")
    if not actor.is_authenticated or not actor.is_active:
        return qs.none()
    visible = Q(enterprise_id__in=enterprise_list(actor=actor).values("pk"))  # the one tenancy rule (ADR 0002)
    match actor.role:
        case Role.BUREAU:
            return qs
        case Role.MENTOR:
            return qs.filter(visible | Q(mentor=actor))
        case Role.STATION:
            return qs.filter(station_id__in=Station.objects.filter(operators=actor).values("pk"))
        case Role.DISTRICT | Role.ENTERPRISE:
            return qs.filter(visible)
    return qs.none()


def request_search(*, actor, state: str = "", escalated: bool = False) -> QuerySet[ServiceRequest]:
    """Visible requests, optionally in one state or escalated only."""
    rows = request_list(actor=actor)
    if state:
        rows = rows.filter(state=state)
    return rows.exclude(escalation=ServiceRequest.Escalation.NONE) if escalated else rows


def request_get(*, actor, pk) -> ServiceRequest:
    """One visible request, else NotFound (existence is not revealed)."""
    try:
        return request_list(actor=actor).get(pk=pk)
    except (ServiceRequest.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def parties_of(*, actor, request: ServiceRequest) -> set[Party]:
    """The roles ``actor`` plays on a request they can see."""
    parties = set()
    if actor.role == Role.ENTERPRISE and request.enterprise.memberships.filter(user_id=actor.pk).exists():
        parties.add(Party.ENTERPRISE)
    handles = (
        actor.role == Role.BUREAU
        or (
            actor.role == Role.MENTOR and request.queue == ServiceRequest.Queue.MENTOR and request.mentor_id == actor.pk
        )
        or (
            actor.role == Role.STATION and request.station_id and request.station.operators.filter(pk=actor.pk).exists()
        )
    )
    if handles:
        parties.add(Party.HANDLER)
    return parties


def may_reroute(*, actor, request: ServiceRequest) -> bool:
    """Bureau staff, and operators of the station currently handling the request, may re-route it."""
    if actor.role == Role.BUREAU:
        return True
    return bool(
        actor.role == Role.STATION and request.station_id and request.station.operators.filter(pk=actor.pk).exists()
    )


def reroutable(*, actor, request: ServiceRequest) -> bool:
    """Whether ``actor`` may re-route the request now: allowed to, and the request is still open."""
    return request.state in OPEN_STATES and may_reroute(actor=actor, request=request)


def mentor_choices() -> QuerySet:
    """Mentors a request may be re-routed to: active accounts whose mentor profile, if any, is active."""
    return (
        get_user_model()
        .objects.filter(role=Role.MENTOR, is_active=True)
        .exclude(mentor_profile__is_active=False)
        .order_by("username")
    )


def next_states(*, actor, request: ServiceRequest) -> list[str]:
    """The states ``actor`` may move the request to now."""
    return allowed(request.state, parties_of(actor=actor, request=request))


def attachment_get(*, actor, pk) -> Attachment:
    """An attachment of a request the actor may see, else NotFound."""
    attachment = Attachment.objects.filter(pk=pk).first() if str(pk).isdigit() else None
    if attachment is None:
        raise NotFound
    request_get(actor=actor, pk=attachment.request_id)
    return attachment


def preferred_mentor_choices(*, actor) -> QuerySet:
    """The mentors an enterprise user may ask for: those assigned to their enterprise."""
    enterprise = enterprise_own(actor=actor)
    ids = MentorAssignment.objects.filter(enterprise=enterprise).values("mentor_id") if enterprise else []
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("username")


def station_choices() -> QuerySet[Station]:
    return Station.objects.filter(is_active=True).order_by("district", "name")


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def sla_dashboard(*, actor, now) -> dict:
    """SLA compliance and satisfaction over the requests the actor may see; withdrawn requests count only as such."""
    every = request_list(actor=actor).order_by()
    qs = every.exclude(state=ServiceRequest.State.CANCELLED)
    responded = qs.filter(first_responded_at__isnull=False)
    resolved = qs.filter(resolved_at__isnull=False)
    response_on_time = responded.filter(first_responded_at__lte=F("first_response_due")).count()
    resolution_on_time = resolved.filter(resolved_at__lte=F("resolution_due")).count()
    overdue = qs.filter(state__in=OPEN_STATES).filter(breached(now))
    rated = qs.filter(rating__isnull=False)
    scores = dict(rated.values_list("rating").annotate(n=Count("pk")))
    months = (
        qs.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(
            total=Count("pk"),
            on_time=Count("pk", filter=Q(resolved_at__lte=F("resolution_due"))),
            late=Count("pk", filter=Q(resolved_at__gt=F("resolution_due"))),
        )
        .order_by("month")
    )
    return {
        "total": qs.count(),
        "cancelled": every.count() - qs.count(),
        "open": qs.filter(state__in=OPEN_STATES).count(),
        "overdue": overdue.count(),
        "escalated": qs.exclude(escalation=ServiceRequest.Escalation.NONE).count(),
        "responded": responded.count(),
        "response_rate": _percent(response_on_time, responded.count()),
        "resolved": resolved.count(),
        "resolution_rate": _percent(resolution_on_time, resolved.count()),
        "rated": rated.count(),
        "satisfaction": rated.aggregate(avg=Avg("rating"))["avg"],
        "ratings": [scores.get(score, 0) for score in range(1, 6)],
        "by_category": [
            {"category": row["category"], "label": Topic(row["category"]).label, "n": row["n"]}
            for row in qs.values("category").annotate(n=Count("pk")).order_by("-n", "category")
        ],
        "by_month": [
            {"month": f"{row['month']:%Y-%m}", "total": row["total"], "on_time": row["on_time"], "late": row["late"]}
            for row in months
        ],
    }
