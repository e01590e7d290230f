"""Reads of 科创学堂; who may see and manage which sessions and registrations lives here."""

import datetime

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.assessments.results import result_gaps
from gaoqi.apps.enterprises.selectors import districts_overseen, enterprise_list, enterprise_own
from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.training.models import Feedback, Registration, Session
from gaoqi.core import disclosure
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.errors import NotFound
from gaoqi.core.roles import Role
from gaoqi.core.topics import topics_for_gaps

PLAN_TARGETS = {"sessions": 100, "trainee_visits": 10_000}
"""《科创学堂》“百场万企”: 每年组织各类培训不少于 100 场，培训企业管理和技术人才不少于 10000 人次
（行动方案 二、主要目标）."""


def _live(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def stations_managed(*, actor) -> QuerySet[Station]:
    """Stations whose sessions ``actor`` may create and run: bureau all, district staff their district's, operators
    their own."""
    qs = Station.objects.filter(is_active=True)
    if not _live(actor):
        return qs.none()
    match actor.role:
        case Role.BUREAU:
            return qs
        case Role.DISTRICT:
            return qs.filter(district__in=districts_overseen(actor=actor))
        case Role.STATION:
            return qs.filter(operators=actor)
    return qs.none()


def session_list(*, actor) -> QuerySet[Session]:
    """Sessions any signed-in user may browse (cancelled ones included, marked as such)."""
    qs = Session.objects.select_related("programme", "station")
    return qs if _live(actor) else qs.none()


def session_get(*, actor, pk) -> Session:
    try:
        return session_list(actor=actor).get(pk=pk)
    except (Session.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def sessions_managed(*, actor) -> QuerySet[Session]:
    """Sessions ``actor`` runs (roster, check-in, export): bureau all, district staff their district's, station
    operators their station's."""
    qs = session_list(actor=actor)
    if not _live(actor):
        return qs
    match actor.role:
        case Role.BUREAU:
            return qs
        case Role.DISTRICT:
            return qs.filter(district__in=districts_overseen(actor=actor))
        case Role.STATION:
            return qs.filter(station__operators=actor)
    return qs.none()


def session_can_manage(*, actor, session: Session) -> bool:
    return sessions_managed(actor=actor).filter(pk=session.pk).exists()


def session_counts(session: Session) -> dict:
    """Confirmed, waiting and checked-in attendees, and the seats left."""
    counts = session.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITING)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )
    return {**counts, "left": max(session.capacity - counts["confirmed"], 0)}


def registration_list(*, actor) -> QuerySet[Registration]:
    """Registrations of the enterprises ``actor`` sees (an enterprise only its own) plus those of the sessions it
    runs."""
    qs = Registration.objects.select_related("session", "session__station", "enterprise")
    if not _live(actor):
        return qs.none()
    return qs.filter(
        Q(enterprise__in=enterprise_list(actor=actor).values("pk"))
        | Q(session__in=sessions_managed(actor=actor).values("pk"))
    )


def registration_get(*, actor, pk) -> Registration:
    try:
        return registration_list(actor=actor).get(pk=pk)
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def registrations_of_own(*, actor, session: Session | None = None) -> QuerySet[Registration]:
    """The actor's own enterprise's registrations (none for users who are not enterprise members)."""
    enterprise = enterprise_own(actor=actor) if _live(actor) else None
    if enterprise is None:
        return Registration.objects.none()
    qs = Registration.objects.filter(enterprise=enterprise).select_related("session", "session__station")
    return qs.filter(session=session) if session else qs.order_by("-session__starts_at", "id")


def roster(*, actor, session: Session) -> QuerySet[Registration]:
    """Every registration of a session the actor runs, confirmed first, then the waiting list in order."""
    if not session_can_manage(actor=actor, session=session):
        raise NotFound
    return (
        session.registrations.select_related("enterprise")
        .exclude(status=Registration.Status.CANCELLED)
        .order_by("status", "created_at", "id")  # "confirmed" sorts before "waiting"
    )


def sessions_recommended(*, enterprise, now=None, limit: int = 6) -> list[Session]:
    """Open sessions whose topic the enterprise's latest gap plan calls for, most urgent topic first."""
    latest = Assessment.objects.filter(enterprise=enterprise, is_latest=True).only("result").first()
    topics = topics_for_gaps(result_gaps(latest.result)) if latest else []
    if not topics:
        return []
    now = now or timezone.now()
    sessions = (
        Session.objects.filter(
            topic__in=topics,
            status=Session.Status.SCHEDULED,
            registration_opens__lte=now,
            registration_closes__gt=now,
        )
        .filter(Q(station__isnull=True) | Q(district=enterprise.district))
        .select_related("programme", "station")
    )
    rank = {topic: i for i, topic in enumerate(topics)}
    return sorted(sessions, key=lambda s: (rank[s.topic], s.starts_at))[:limit]


def feedback_summary(*, actor, session: Session) -> dict:
    """Average answers and the comments of a session the actor runs; the count and averages only once enough
    attendees answered that no one's answer shows through (``gaoqi.core.disclosure``)."""
    if not session_can_manage(actor=actor, session=session):
        raise NotFound
    rows = Feedback.objects.filter(registration__session=session)
    summary = rows.aggregate(count=Count("pk"), rating=Avg("rating"), usefulness=Avg("usefulness"))
    if disclosure.shown(summary["count"], disclosure.min_count()) is None:
        summary = dict.fromkeys(summary)
    return {**summary, "comments": list(rows.exclude(comment="").values_list("comment", flat=True)[:50])}


def kpis(*, actor, year: int) -> dict:
    """Sessions held, trainee-visits (check-ins) and enterprises reached in ``year``, by district the actor
    oversees (the bureau: all, citywide), against the plan's yearly targets for the city."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime(year, 1, 1, tzinfo=tz)
    end = datetime.datetime(year + 1, 1, 1, tzinfo=tz)
    scope = districts_overseen(actor=actor)
    in_year = Session.objects.filter(status=Session.Status.SCHEDULED, starts_at__gte=start, starts_at__lt=end)
    held = in_year.filter(district__in=scope)
    visits = Registration.objects.filter(
        checked_in_at__isnull=False,
        session__in=in_year.values("pk"),
        enterprise__in=enterprise_list(actor=actor).values("pk"),
    ).order_by()
    sessions_by = dict(held.order_by().values_list("district").annotate(n=Count("pk")))
    visits_by = dict(visits.values_list("enterprise__district").annotate(n=Count("pk")))
    reached_by = dict(visits.values_list("enterprise__district").annotate(n=Count("enterprise", distinct=True)))
    rows = [
        {
            "district": code,
            "name": str(name),
            "sessions": sessions_by.get(code, 0),
            "trainee_visits": visits_by.get(code, 0),
            "enterprises": reached_by.get(code, 0),
        }
        for code, name in DISTRICTS
        if code in scope
    ]
    totals = {
        "sessions": sum(sessions_by.values()),
        "trainee_visits": sum(visits_by.values()),
        "enterprises": visits.values("enterprise").distinct().count(),
    }
    progress = {key: totals[key] / target for key, target in PLAN_TARGETS.items()}
    citywide = len(scope) == len(DISTRICTS)
    return {
        "year": year,
        "rows": rows,
        "totals": totals,
        "targets": PLAN_TARGETS,
        "progress": progress,
        "citywide": citywide,
    }
