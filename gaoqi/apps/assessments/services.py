"""Running assessments: on demand, after profile changes, and for everyone in a batch."""

import datetime
from concurrent.futures import ThreadPoolExecutor

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gaoqi.apps.assessments import tasks
from gaoqi.apps.assessments.engine import ProfileError, assess, assess_batch, summary
from gaoqi.apps.assessments.models import Assessment, BatchRun
from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.enterprises.profile import profile_as_dict, profiles_as_dicts
from gaoqi.apps.enterprises.selectors import enterprise_can_edit, enterprise_get, enterprise_list
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import STAFF_ROLES, Role

BATCH_CHUNK = 2000
BATCH_STALE = datetime.timedelta(minutes=15)  # a queued or running batch without progress this long has no worker


def assessment_can_run(*, actor, enterprise: Enterprise) -> bool:
    """The enterprise's own users and bureau/district staff who can see it may run an assessment."""
    if actor.role in STAFF_ROLES:
        return enterprise_list(actor=actor).filter(pk=enterprise.pk).exists()
    return enterprise_can_edit(actor=actor, enterprise=enterprise)


def _store(enterprise_id: int, result: dict, *, actor=None, batch=None) -> Assessment:
    Assessment.objects.filter(enterprise_id=enterprise_id, is_latest=True).update(is_latest=False)
    return Assessment.objects.create(
        enterprise_id=enterprise_id, actor=actor, batch=batch, result=result, **summary(result)
    )


@transaction.atomic
def assessment_run(*, actor, enterprise: Enterprise, as_of=None) -> Assessment:
    """Assess the enterprise's current profile now and store the result."""
    enterprise_get(actor=actor, pk=enterprise.pk)
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


def _scope(batch: BatchRun):
    qs = Enterprise.objects.all()
    return qs.filter(district=batch.district) if batch.district else qs


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
    batch.total = _scope(batch).count()
    batch.save(update_fields=["total"])
    audit_record(actor=actor, action="batch.start", target=batch, changes={"total": batch.total})
    transaction.on_commit(lambda: tasks.reassess_all.enqueue(batch.pk))
    return batch


def _assess_chunk(profiles: list[dict], as_of) -> list[tuple[int, dict]]:
    try:
        return list(enumerate(assess_batch(profiles, as_of=as_of)))
    except ProfileError:
        pairs = []
        for i, profile in enumerate(profiles):
            try:
                pairs.append((i, assess_batch([profile], as_of=as_of)[0]))
            except ProfileError:
                continue
        return pairs


def _store_chunk(batch: BatchRun, enterprises: list[Enterprise], pairs) -> None:
    ids = [e.pk for e in enterprises]
    with transaction.atomic():
        Assessment.objects.filter(enterprise_id__in=ids, is_latest=True).update(is_latest=False)
        Assessment.objects.bulk_create(
            [Assessment(enterprise_id=ids[i], actor=None, batch=batch, result=r, **summary(r)) for i, r in pairs]
        )
        BatchRun.objects.filter(pk=batch.pk).update(done=F("done") + len(ids), progressed_at=timezone.now())


def _pipeline(batch: BatchRun, as_of) -> None:
    """Assess chunk n in a thread (the rules need no database) while chunk n+1 is read and chunk n-1 stored."""
    last, pending = 0, None
    with ThreadPoolExecutor(max_workers=1) as pool:
        while True:
            chunk = list(_scope(batch).filter(pk__gt=last).order_by("pk")[:BATCH_CHUNK])
            future = pool.submit(_assess_chunk, profiles_as_dicts(chunk, as_of), as_of) if chunk else None
            if pending:
                _store_chunk(batch, pending[0], pending[1].result())
            if not chunk:
                return
            pending, last = (chunk, future), chunk[-1].pk


def batch_execute(*, batch_id: int) -> BatchRun:
    """Re-assess the batch's enterprises chunk by chunk, recording progress; a finished batch is left alone."""
    batch = BatchRun.objects.get(pk=batch_id)
    if batch.status == BatchRun.Status.DONE:
        return batch
    BatchRun.objects.filter(pk=batch.pk).update(status=BatchRun.Status.RUNNING, done=0, progressed_at=timezone.now())
    try:
        _pipeline(batch, timezone.localdate())
    except Exception as exc:
        BatchRun.objects.filter(pk=batch.pk).update(status=BatchRun.Status.FAILED, error=str(exc)[:2000])
        raise
    BatchRun.objects.filter(pk=batch.pk).update(status=BatchRun.Status.DONE, finished_at=timezone.now())
    batch.refresh_from_db()
    return batch
