"""Reads of mentors, stations, assignments and visits; who may see what in this app is decided here."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from gaoqi.apps.assessments.models import Assessment, Verdict
from gaoqi.apps.assessments.results import result_gaps
from gaoqi.apps.enterprises.models import Certificate, Enterprise, MentorAssignment, valid_certificates
from gaoqi.apps.enterprises.selectors import enterprise_get, enterprise_list
from gaoqi.apps.mentoring.matching import Need, Offer
from gaoqi.apps.mentoring.models import MentorProfile, Station, Visit
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.errors import NotFound, PermissionDenied
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.core.topics import Topic, topics_for_gaps

STATION_TARGET = 30
TOP_GAPS = 3


def station_of(user) -> Station | None:
    """The station ``user`` operates, if any (the first by name when several)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Station.objects.filter(operators=user).order_by("name").first()


def mentors_of(enterprise_id: int) -> list:
    """The mentors assigned to an enterprise."""
    ids = MentorAssignment.objects.filter(enterprise_id=enterprise_id).values("mentor_id")
    return list(get_user_model().objects.filter(pk__in=ids).order_by("username"))


def is_staff(actor) -> bool:
    return actor.is_authenticated and actor.role in STAFF_ROLES


def require_staff(actor) -> None:
    if not is_staff(actor):
        raise PermissionDenied


def require_bureau(actor) -> None:
    if not (actor.is_authenticated and actor.role == Role.BUREAU):
        raise PermissionDenied


def _load(actor) -> Count:
    """Each mentor's assignments among the enterprises ``actor`` may see (for the bureau: all of them)."""
    visible = enterprise_list(actor=actor).values("pk")
    return Count("user__assignments", filter=Q(user__assignments__enterprise__in=visible))


def mentor_list(*, actor, district: str = "", topic: str = "", q: str = "") -> QuerySet[MentorProfile]:
    """The mentor registry with each mentor's load among the enterprises the actor oversees; bureau and district
    staff only."""
    require_staff(actor)
    qs = (
        MentorProfile.objects.select_related("user", "station")
        .annotate(load=_load(actor))
        .order_by("district", "user__username")
    )
    if district:
        qs = qs.filter(district=district)
    if q:
        qs = qs.filter(Q(user__username__icontains=q) | Q(user__first_name__icontains=q) | Q(organisation__icontains=q))
    if topic:
        return qs.filter(pk__in=[p.pk for p in qs if topic in p.topics])
    return qs


def mentor_get(*, actor, pk) -> MentorProfile:
    require_staff(actor)
    try:
        return MentorProfile.objects.select_related("user").annotate(load=_load(actor)).get(pk=pk)
    except (MentorProfile.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def mentor_load(*, actor) -> list[dict]:
    """Assigned enterprises (among those the actor oversees) against capacity for every active mentor, fullest
    first."""
    rows = mentor_list(actor=actor).filter(is_active=True).order_by(F("load").desc(), "user__username")
    return [
        {
            "mentor": p,
            "load": p.load,
            "capacity": p.capacity,
            "percent": round(100 * p.load / p.capacity) if p.capacity else 0,
        }
        for p in rows
    ]


def cultivation_pool(on=None) -> QuerySet[Enterprise]:
    """培育库: enterprises without an HTE certificate in force on ``on``, or whose latest assessment is not eligible."""
    certified = valid_certificates(Certificate.Kind.HTE, on or timezone.localdate()).values("enterprise_id")
    not_eligible = Assessment.objects.filter(is_latest=True).exclude(verdict=Verdict.ELIGIBLE).values("enterprise_id")
    return Enterprise.objects.filter(~Q(pk__in=certified) | Q(pk__in=not_eligible))


def gap_topics(enterprise_ids) -> dict[int, list[str]]:
    """The topics each enterprise's latest gap plan calls for; unassessed enterprises need the recognition basics."""
    topics = {pk: [Topic.RECOGNITION.value] for pk in enterprise_ids}
    latest = Assessment.objects.filter(enterprise_id__in=list(topics), is_latest=True).values_list(
        "enterprise_id", "result__gaps"
    )
    for pk, gaps in latest:
        topics[pk] = [t.value for t in topics_for_gaps(gaps or [])] or [Topic.RECOGNITION.value]
    return topics


def mentor_offers() -> list[Offer]:
    """Active mentors with capacity left, in a fixed order."""
    profiles = (
        MentorProfile.objects.filter(is_active=True, capacity__gt=0)
        .select_related("user")
        .annotate(load=Count("user__assignments"))
    )
    return [
        Offer(p.user_id, p.district, tuple(p.tech_fields), tuple(p.topics), p.capacity - p.load, str(p))
        for p in profiles.order_by("pk")
        if p.capacity > p.load
    ]


def newcomers(on=None) -> list[Need]:
    """Enterprises in the cultivation pool that have no mentor yet, with their gap topics."""
    rows = list(
        cultivation_pool(on)
        .exclude(pk__in=MentorAssignment.objects.values("enterprise_id"))
        .order_by("pk")
        .values_list("pk", "district", "tech_field", "name")
    )
    topics = gap_topics(row[0] for row in rows)
    return [Need(pk, district, field, tuple(topics[pk]), name) for pk, district, field, name in rows]


def assignment_list(*, actor) -> QuerySet[MentorAssignment]:
    """Assignments of the enterprises the actor may see, newest first."""
    visible = enterprise_list(actor=actor).values("pk")
    return (
        MentorAssignment.objects.filter(enterprise__in=visible)
        .select_related("mentor", "enterprise")
        .order_by("-assigned_at", "-id")
    )


def pool_summary(*, actor) -> dict:
    """How much of the cultivation pool has a mentor, in the actor's scope."""
    pool = cultivation_pool().filter(pk__in=enterprise_list(actor=actor).values("pk"))
    assigned = pool.filter(pk__in=MentorAssignment.objects.values("enterprise_id"))
    total, with_mentor = pool.count(), assigned.count()
    return {"pool": total, "assigned": with_mentor, "waiting": total - with_mentor}


@dataclass(frozen=True)
class WorkbenchRow:
    enterprise: Enterprise
    assessment: Assessment | None
    gaps: list[dict]
    last_visit: Visit | None


def _require_mentor(actor) -> None:
    if not (actor.is_authenticated and actor.role == Role.MENTOR):
        raise PermissionDenied


def _workbench_rows(actor, enterprises: list[Enterprise]) -> list[WorkbenchRow]:
    ids = [e.pk for e in enterprises]
    latest = {a.enterprise_id: a for a in Assessment.objects.filter(enterprise_id__in=ids, is_latest=True)}
    last = {}
    for visit in Visit.objects.filter(enterprise_id__in=ids, mentor=actor).order_by("on", "id"):
        last[visit.enterprise_id] = visit
    return [WorkbenchRow(e, latest.get(e.pk), _top_gaps(latest.get(e.pk)), last.get(e.pk)) for e in enterprises]


def workbench(*, actor) -> list[WorkbenchRow]:
    """A mentor's assigned enterprises with the latest verdict, score range, top gap actions and last visit."""
    _require_mentor(actor)
    return _workbench_rows(actor, list(enterprise_list(actor=actor).order_by("name")))


def workbench_row(*, actor, pk) -> WorkbenchRow:
    """One assigned enterprise of the mentor's workbench (another mentor's enterprise: NotFound)."""
    _require_mentor(actor)
    return _workbench_rows(actor, [enterprise_get(actor=actor, pk=pk)])[0]


def _top_gaps(assessment: Assessment | None) -> list[dict]:
    if assessment is None:
        return []
    return [
        {**gap, "topic": Topic(topics_for_gaps([gap])[0]).label} for gap in result_gaps(assessment.result)[:TOP_GAPS]
    ]


def visit_list(*, actor, enterprise_id) -> QuerySet[Visit]:
    """Visits to an enterprise the actor may see: its mentors, staff in scope, and the enterprise's own users."""
    enterprise = enterprise_get(actor=actor, pk=enterprise_id)
    return Visit.objects.filter(enterprise=enterprise).select_related("mentor")


def station_list(*, district: str = "", active_only: bool = True) -> QuerySet[Station]:
    """The public station list."""
    qs = Station.objects.annotate(mentor_count=Count("mentors", filter=Q(mentors__is_active=True))).order_by(
        "district", "name"
    )
    if active_only:
        qs = qs.filter(is_active=True)
    return qs.filter(district=district) if district else qs


def station_get(*, actor, pk) -> Station:
    """A station by id; one that stopped operating is seen only by those who may edit it."""
    try:
        station = station_list(active_only=False).get(pk=pk)
    except (Station.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    if not station.is_active and not station_can_edit(actor=actor, station=station):
        raise NotFound
    return station


def station_can_edit(*, actor, station: Station) -> bool:
    """The bureau edits every station; station staff edit the ones they operate."""
    if not actor.is_authenticated:
        return False
    return actor.role == Role.BUREAU or (actor.role == Role.STATION and station.operators.filter(pk=actor.pk).exists())


def station_kpi() -> dict:
    """Active stations against the target of 30 and the districts they cover, with counts per district."""
    per_district = Counter(Station.objects.filter(is_active=True).values_list("district", flat=True))
    districts = [{"code": code, "name": str(name), "stations": per_district.get(code, 0)} for code, name in DISTRICTS]
    covered = sum(1 for d in districts if d["stations"])
    total = sum(per_district.values())
    return {
        "stations": total,
        "target": STATION_TARGET,
        "target_met": total >= STATION_TARGET,
        "districts": districts,
        "covered": covered,
        "district_count": len(DISTRICTS),
        "uncovered": [d["name"] for d in districts if not d["stations"]],
    }


def station_mentors(station: Station) -> QuerySet[MentorProfile]:
    return station.mentors.filter(is_active=True).select_related("user")
