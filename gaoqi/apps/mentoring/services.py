"""Writes of the mentoring app: registry, matching, overrides and visit logs; each in one transaction with an audit."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import Enterprise, MentorAssignment
from gaoqi.apps.enterprises.selectors import enterprise_get
from gaoqi.apps.mentoring.matching import UNASSIGNED_COST, cost_matrix, reason
from gaoqi.apps.mentoring.models import MentorProfile, Station, Visit
from gaoqi.apps.mentoring.notices import Pair, pairs_notify
from gaoqi.apps.mentoring.selectors import mentor_offers, newcomers, require_bureau, station_can_edit
from gaoqi.apps.mentoring.solver import UNASSIGNED, greedy, solve
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

TOPIC_VALUES = frozenset(Topic.values)


def _clean_topics(topics, field: str) -> list[str]:
    unknown = [t for t in topics if t not in TOPIC_VALUES]
    if unknown:
        raise DomainError(_("未知的服务主题：%(topics)s") % {"topics": "、".join(unknown)}, field=field)
    return list(dict.fromkeys(topics))


def _clean_fields(prefixes) -> list[str]:
    bad = [p for p in prefixes if not (p.isdigit() and 1 <= len(p) <= 5)]
    if bad:
        raise DomainError(
            _("技术领域代码应为 1–5 位数字前缀：%(codes)s") % {"codes": "、".join(bad)}, field="tech_fields"
        )
    return list(dict.fromkeys(prefixes))


@transaction.atomic
def mentor_save(*, actor, user, data: dict, profile: MentorProfile | None = None) -> MentorProfile:
    """Create or update a mentor's registry entry (bureau only); the user must hold the mentor role."""
    require_bureau(actor)
    if user.role != Role.MENTOR:
        raise DomainError(_("只能为“导师”角色的账户建立导师档案。"), field="user")
    data = {
        **data,
        "topics": _clean_topics(data.get("topics", []), "topics"),
        "tech_fields": _clean_fields(data.get("tech_fields", [])),
    }
    if profile is None:
        if MentorProfile.objects.filter(user=user).exists():
            raise DomainError(_("该账户已有导师档案。"), field="user")
        profile = MentorProfile.objects.create(user=user, **data)
        changes = {"created": [None, str(profile)]}
    else:
        changes = field_changes(profile, data)
        profile.save()
    audit_record(actor=actor, action="mentor_save", target=profile, changes=changes)
    return profile


@transaction.atomic
def station_save(*, actor, data: dict, station: Station | None = None, operators=None) -> Station:
    """Create (bureau) or update (bureau, or the station's own operators) a service station."""
    if station is None:
        require_bureau(actor)
    elif not station_can_edit(actor=actor, station=station):
        raise PermissionDenied
    data = {**data, "services": _clean_topics(data.get("services", []), "services")}
    if station is None:
        station = Station.objects.create(**data)
        changes = {"created": [None, station.name]}
    else:
        changes = field_changes(station, data)
        station.save()
    if operators is not None and actor.role == Role.BUREAU:
        station.operators.set(operators)
    audit_record(actor=actor, action="station_save", target=station, changes=changes)
    return station


@dataclass(frozen=True)
class MatchOutcome:
    assigned: int
    unassigned: int
    objective: int
    greedy_objective: int
    classes: int


@transaction.atomic
def match_newcomers(*, actor, on=None) -> MatchOutcome:
    """Assign every newcomer of the cultivation pool optimally within the mentors' free capacity.

    Settled pairs (existing assignments, manual or not) are kept; they only use up their mentor's capacity.
    """
    require_bureau(actor)
    needs, offers = newcomers(on), mentor_offers()
    cost = cost_matrix(needs, offers) if needs and offers else None
    if cost is None:
        return MatchOutcome(0, len(needs), UNASSIGNED_COST * len(needs), UNASSIGNED_COST * len(needs), 0)
    capacity = [o.free for o in offers]
    solution = solve(cost, capacity, UNASSIGNED_COST)
    baseline = greedy(cost, capacity, UNASSIGNED_COST)
    pairs = [
        Pair(need.enterprise_id, need.name, offers[col].mentor_id, offers[col].name, reason(need, offers[col]))
        for need, col in zip(needs, solution.mentor.tolist(), strict=True)
        if col != UNASSIGNED
    ]
    now = timezone.now()
    rows = [
        MentorAssignment(mentor_id=p.mentor_id, enterprise_id=p.enterprise_id, reason=p.reason, assigned_at=now)
        for p in pairs
    ]
    MentorAssignment.objects.bulk_create(rows, batch_size=2000)
    pairs_notify(pairs)
    outcome = MatchOutcome(len(rows), len(needs) - len(rows), solution.objective, baseline.objective, solution.classes)
    audit_record(
        actor=actor,
        action="mentor_match",
        target=actor,
        changes={"assigned": [None, outcome.assigned], "unassigned": [None, outcome.unassigned]},
    )
    return outcome


@transaction.atomic
def assignment_override(
    *, actor, enterprise: Enterprise, mentor_profile: MentorProfile, note: str = ""
) -> MentorAssignment:
    """Bureau staff put an enterprise with a mentor of their choice; it replaces the enterprise's previous pairs."""
    require_bureau(actor)
    if not mentor_profile.is_active:
        raise DomainError(_("该导师已停止服务，不能指派。"), field="mentor")
    previous = list(MentorAssignment.objects.filter(enterprise=enterprise).values_list("mentor__username", flat=True))
    MentorAssignment.objects.filter(enterprise=enterprise).delete()
    text = _("市科技局人工指定") + (f"：{note}" if note else "")
    assignment = MentorAssignment.objects.create(
        mentor=mentor_profile.user, enterprise=enterprise, reason=text[:500], manual=True
    )
    pairs_notify([Pair(enterprise.pk, enterprise.name, mentor_profile.user_id, str(mentor_profile), assignment.reason)])
    audit_record(
        actor=actor,
        action="mentor_override",
        target=assignment,
        enterprise_id=enterprise.pk,
        changes={"mentor": ["、".join(previous) or None, mentor_profile.user.username]},
    )
    return assignment


@transaction.atomic
def visit_log(*, actor, enterprise_id, data: dict) -> Visit:
    """A mentor records a visit or consultation with one of their assigned enterprises."""
    if not (actor.is_authenticated and actor.role == Role.MENTOR):
        raise PermissionDenied
    enterprise = enterprise_get(actor=actor, pk=enterprise_id)
    if data["on"] > timezone.localdate():
        raise DomainError(_("走访日期不能晚于今天。"), field="on")
    data = {**data, "topics": _clean_topics(data.get("topics", []), "topics")}
    visit = Visit.objects.create(mentor=actor, enterprise=enterprise, **data)
    audit_record(
        actor=actor,
        action="visit_log",
        target=visit,
        enterprise_id=enterprise.pk,
        changes={"on": [None, str(visit.on)]},
    )
    return visit
