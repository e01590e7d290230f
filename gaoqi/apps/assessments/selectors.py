"""Reads of assessments, scoped through the enterprise tenancy rule."""

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.apps.assessments.results import result_conditions
from gaoqi.apps.enterprises.models import Certificate, Enterprise, valid_certificates
from gaoqi.apps.enterprises.selectors import enterprise_check, enterprise_list, enterprise_seen
from gaoqi.core.errors import NotFound
from gaoqi.core.roles import STAFF_ROLES, Role

NOT_ASSESSED = "none"


def assessment_list(*, actor, enterprise: Enterprise) -> QuerySet[Assessment]:
    enterprise_check(actor=actor, pk=enterprise.pk)
    return Assessment.objects.filter(enterprise=enterprise)


def assessment_get(*, actor, pk) -> Assessment:
    """One assessment of an enterprise the actor may see (one query), else NotFound."""
    visible = Assessment.objects.select_related("enterprise").filter(enterprise__in=enterprise_list(actor=actor))
    try:
        assessment = visible.get(pk=pk)
    except (Assessment.DoesNotExist, ValueError, TypeError):
        raise NotFound from None
    enterprise_seen(actor=actor, enterprise=assessment.enterprise)
    return assessment


def enterprise_overview(
    *, actor, q="", district="", field="", certified=None, verdict="", min_score=None
) -> QuerySet[Enterprise]:
    """The console list: visible enterprises filtered by text, district, field, HTE certificate and latest result."""
    qs = enterprise_list(actor=actor)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(uscc__istartswith=q))
    if district:
        qs = qs.filter(district=district)
    if field:
        qs = qs.filter(tech_field__startswith=field)
    if certified is not None:
        in_force = valid_certificates(Certificate.Kind.HTE, timezone.localdate()).filter(enterprise=OuterRef("pk"))
        qs = qs.filter(Exists(in_force) if certified else ~Exists(in_force))
    if verdict == NOT_ASSESSED:
        return qs.filter(~Exists(Assessment.objects.filter(enterprise=OuterRef("pk"), is_latest=True))).order_by("pk")
    latest = {"assessments__verdict": verdict} if verdict else {}
    if min_score is not None:
        latest["assessments__score_min__gte"] = min_score
    if latest:
        qs = qs.filter(assessments__is_latest=True, **latest)
    return qs.order_by("pk")


def latest_by_enterprise(enterprise_ids) -> dict[int, Assessment]:
    """The latest assessment of each listed enterprise (the caller has already scoped the ids)."""
    rows = Assessment.objects.filter(enterprise_id__in=list(enterprise_ids), is_latest=True).defer("result")
    return {a.enterprise_id: a for a in rows}


def batch_current(*, actor) -> BatchRun | None:
    """The most recent batch in the actor's scope."""
    if actor.role not in STAFF_ROLES:
        return None
    district = actor.district if actor.role == Role.DISTRICT else ""
    return BatchRun.objects.filter(district=district).first()


def batch_get(*, actor, pk) -> BatchRun:
    batch = BatchRun.objects.filter(pk=pk).first()
    scope_ok = batch is not None and actor.role in STAFF_ROLES
    if scope_ok and actor.role == Role.DISTRICT:
        scope_ok = batch.district == actor.district
    if not scope_ok:
        raise NotFound
    return batch


def assessment_changes(new: Assessment, old: Assessment | None) -> list[dict]:
    """Conditions whose status changed between two assessments."""
    if old is None:
        return []
    before = {c["id"]: c for c in result_conditions(old.result)}
    changed = []
    for cond in result_conditions(new.result):
        prev = before.get(cond["id"])
        if prev and prev.get("status") != cond.get("status"):
            changed.append({"label": cond.get("label", cond["id"]), "before": prev["status"], "after": cond["status"]})
    return changed


def enterprise_overview_rows(*, actor, **filters):
    """The console list as plain rows with the latest verdict and score range, for export."""
    latest = Assessment.objects.filter(enterprise=OuterRef("pk"), is_latest=True)
    return (
        enterprise_overview(actor=actor, **filters)
        .annotate(
            verdict=Subquery(latest.values("verdict")[:1]),
            score_min=Subquery(latest.values("score_min")[:1]),
            score_max=Subquery(latest.values("score_max")[:1]),
        )
        .values_list("name", "uscc", "district", "tech_field", "registered_on", "verdict", "score_min", "score_max")
    )
