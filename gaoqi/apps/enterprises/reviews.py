"""Reviewed requests: claims on an enterprise that already has an account, and district changes.

A claim is decided by the bureau or the enterprise's administrator; a district change by the bureau (the district
decides who oversees the enterprise and which policies apply to it). Each filing and each decision is audited and
sent as ``events.review_changed`` after commit (the notifications app tells those concerned).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.events import profile_changed, review_changed
from gaoqi.apps.enterprises.models import Claim, DistrictChange, Enterprise, Membership, Review
from gaoqi.apps.enterprises.selectors import claims_to_review, district_changes_to_review, enterprise_can_edit
from gaoqi.core.audit import audit_record
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied


def _announce(kind: str, pk: int, *, decided: bool = False) -> None:
    transaction.on_commit(lambda: review_changed.send(sender=Enterprise, kind=kind, pk=pk, decided=decided))


def claim_file(*, user, enterprise: Enterprise, name: str, district: str) -> Claim:
    """A newly registered user claims an existing enterprise (called inside the registration's transaction)."""
    claim = Claim.objects.create(user=user, enterprise=enterprise, name_given=name, district_given=district)
    audit_record(
        actor=user,
        action="enterprise.claim",
        target=claim,
        enterprise_id=enterprise.pk,
        changes={"username": user.username, "name_given": name},
    )
    _announce("claim", claim.pk)
    return claim


def _decision(request, *, actor, approve: bool, note: str) -> dict:
    if request.state != Review.PENDING:
        raise DomainError(_("该申请已处理，不能再次审核。"), code="already_decided")
    request.state = Review.APPROVED if approve else Review.REJECTED
    request.decided_by, request.decided_at, request.note = actor, timezone.now(), note.strip()[:300]
    request.save(update_fields=["state", "decided_by", "decided_at", "note"])
    return {"state": [Review.PENDING, request.state]}


@transaction.atomic
def claim_decide(*, actor, claim_id, approve: bool, note: str = "") -> Claim:
    """Approve (the claimant becomes a member of the enterprise) or reject a pending claim."""
    claim = claims_to_review(actor=actor).select_for_update(of=("self",)).filter(pk=claim_id).first()
    if claim is None:
        raise NotFound
    changes = _decision(claim, actor=actor, approve=approve, note=note)
    if approve:
        Membership.objects.create(user=claim.user, enterprise=claim.enterprise)
    audit_record(
        actor=actor, action="enterprise.claim_decide", target=claim, enterprise_id=claim.enterprise_id, changes=changes
    )
    _announce("claim", claim.pk, decided=True)
    return claim


@transaction.atomic
def district_change_request(*, actor, enterprise: Enterprise, district: str, reason: str) -> DistrictChange:
    """An enterprise's user asks to move the enterprise to ``district``; one pending request at a time."""
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    if district not in DISTRICT_NAMES:
        raise DomainError(_("请选择广州市的一个区。"), code="invalid_district", field="district")
    if district == enterprise.district:
        raise DomainError(_("所选区与当前所在区相同。"), code="same_district", field="district")
    if not reason.strip():
        raise DomainError(_("请说明变更理由（如注册地址迁移）。"), code="required", field="reason")
    if DistrictChange.objects.filter(enterprise=enterprise, state=Review.PENDING).exists():
        raise DomainError(_("已有一项待审核的变更申请，请等待审核结果。"), code="pending_exists", field="district")
    change = DistrictChange.objects.create(
        enterprise=enterprise,
        requested_by=actor,
        from_district=enterprise.district,
        to_district=district,
        reason=reason.strip()[:300],
    )
    audit_record(
        actor=actor,
        action="enterprise.district_change_request",
        target=change,
        enterprise_id=enterprise.pk,
        changes={"district": [enterprise.district, district]},
    )
    _announce("district_change", change.pk)
    return change


@transaction.atomic
def district_change_decide(*, actor, change_id, approve: bool, note: str = "") -> DistrictChange:
    """The bureau approves (the enterprise moves; it is re-assessed and re-matched) or rejects a district change."""
    change = district_changes_to_review(actor=actor).select_for_update(of=("self",)).filter(pk=change_id).first()
    if change is None:
        raise NotFound
    changes = _decision(change, actor=actor, approve=approve, note=note)
    enterprise = change.enterprise
    if approve:
        Enterprise.objects.filter(pk=enterprise.pk).update(district=change.to_district, updated_at=timezone.now())
        changes["district"] = [change.from_district, change.to_district]
        transaction.on_commit(lambda: profile_changed.send(sender=Enterprise, enterprise_id=enterprise.pk))
    audit_record(
        actor=actor,
        action="enterprise.district_change_decide",
        target=change,
        enterprise_id=enterprise.pk,
        changes=changes,
    )
    _announce("district_change", change.pk, decided=True)
    return change
