"""Running assessments: on demand, after profile changes, and for everyone in a batch."""

import datetime

from django.db import transaction
from django.utils import timezone

from gaoqi.apps.assessments import tasks
from gaoqi.apps.assessments.batch import scope
from gaoqi.apps.assessments.engine import ProfileError, assess, summary
from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.apps.assessments.pdf import report_pdfs_discard_superseded
from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.enterprises.profile import profile_as_dict
from gaoqi.apps.enterprises.selectors import enterprise_can_edit, enterprise_check, enterprise_list
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import STAFF_ROLES, Role

BATCH_STALE = datetime.timedelta(minutes=15)  # a queued or running batch without progress this long has no worker


def assessment_can_run(*, actor, enterprise: Enterprise) -> bool:
    """The enterprise's own users and bureau/district staff who can see it may run an assessment."""
    if actor.role in STAFF_ROLES:
        return enterprise_list(actor=actor).filter(pk=enterprise.pk).exists()
    return enterprise_can_edit(actor=actor, enterprise=enterprise)


def _store(enterprise_id: int, result: dict, *, actor=None, batch=None) -> Assessment:
    Assessment.objects.filter(enterprise_id=enterprise_id, is_latest=True).update(is_latest=False)
    assessment = Assessment.objects.create(
        enterprise_id=enterprise_id, actor=actor, batch=batch, result=result, **summary(result)
    )
    report_pdfs_discard_superseded(enterprise_id=enterprise_id)
    return assessment


@transaction.atomic
def assessment_run(*, actor, enterprise: Enterprise, as_of=None) -> Assessment:
    """Assess the enterprise's current profile now and store the result."""
    enterprise_check(actor=actor, pk=enterprise.pk)
    if not assessment_can_run(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    try:
        result = assess(profile_as_dict(enterprise, as_of), as_of=as_of)
    except ProfileError as exc:
        raise DomainError(exc.message, code="invalid_profile", field=exc.field) from None
    assessment = _store(enterprise.pk, result, actor=actor)
    audit_record(
        actor=actor,
        action="assessment.run",
        target=assessment,
        enterprise_id=enterprise.pk,
        changes={"verdict": assessment.verdict},
    )
    return assessment


def assessment_refresh(*, enterprise_id: int) -> Assessment | None:
    """Re-assess after a profile change (background); an incomplete profile is skipped."""
    enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
    if enterprise is None:
        return None
    try:
        result = assess(profile_as_dict(enterprise))
    except ProfileError:
        return None
    with transaction.atomic():
        return _store(enterprise_id, result)


@transaction.atomic
def batch_start(*, actor) -> BatchRun:
    """Queue a re-assessment of every enterprise the bureau or district actor oversees."""
    if actor.role not in STAFF_ROLES:
        raise PermissionDenied
    district = actor.district if actor.role == Role.DISTRICT else ""
    active = BatchRun.objects.filter(district=district, status__in=[BatchRun.Status.QUEUED, BatchRun.Status.RUNNING])
    active.filter(progressed_at__lt=timezone.now() - BATCH_STALE).update(
        status=BatchRun.Status.FAILED, error="no progress: worker stopped"
    )
    running = active.first()
    if running:
        return running
    batch = BatchRun.objects.create(created_by=actor, district=district)
    batch.total = scope(batch).count()
    batch.save(update_fields=["total"])
    audit_record(actor=actor, action="batch.start", target=batch, changes={"total": batch.total})
    transaction.on_commit(lambda: tasks.reassess_all.enqueue(batch.pk))
    return batch
