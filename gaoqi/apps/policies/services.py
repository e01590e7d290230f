"""Writes: editing and publishing policies, bulk matching and push, re-matching after new assessments, closing
reminders, applications and broadcasts."""

import datetime as dt
from itertools import batched

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.selectors import enterprise_list, enterprise_own
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.apps.policies import tasks
from gaoqi.apps.policies.facts import facts_refresh
from gaoqi.apps.policies.matching import code_names, criteria_for, match_policy, nearly_reason, reason
from gaoqi.apps.policies.models import Broadcast, MatchStatus, Policy, PolicyApplication, PolicyMatch, PolicyVersion
from gaoqi.apps.policies.selectors import policy_can_edit, policy_get
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.bulk import insert_rows
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.pagelinks import link_for
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.rules.criteria import NEARLY, QUALIFY

FIELDS = (
    "title",
    "issuer",
    "document_number",
    "level",
    "districts",
    "category",
    "summary",
    "full_text",
    "issued_on",
    "source_url",
    "application_url",
    "instant",
    "clauses",
    "documents",
    "support_amount",
    "support_note",
    "staff_note",
    "opens_on",
    "closes_on",
    "closing_lead_days",
    "criteria",
)
DELETE_IDS = 1000  # ids per DELETE … IN (…) statement, within SQLite's limit of bound parameters


def _check(actor, data: dict) -> None:
    criteria_for(data.get("criteria", ""))
    if data.get("support_amount") is not None and data["support_amount"] < 0:
        raise DomainError(_("最高支持金额不能为负数"), code="invalid_support_amount", field="support_amount")
    if actor.role == Role.DISTRICT and data.get("districts") != [actor.district]:
        raise DomainError(_("区科技局只能发布本区政策（适用区应为本区）"), code="invalid_districts", field="districts")
    if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
        raise DomainError(_("申报截止日期不能早于开始日期"), code="invalid_window", field="closes_on")


def _normalised(data: dict) -> dict:
    """The editable fields of ``data`` as stored: text with ``\n`` line ends (browsers send ``\r\n``), districts in
    code order; so saving an unchanged form changes nothing."""
    values = {k: v.replace("\r\n", "\n") if isinstance(v, str) else v for k, v in data.items() if k in FIELDS}
    if "districts" in values:
        values["districts"] = sorted(set(values["districts"] or []))
    return values


def _snapshot(policy: Policy, *, actor, changed: list[str]) -> None:
    policy.version += 1
    policy.save(update_fields=["version", "updated_at"])
    PolicyVersion.objects.create(
        policy=policy, version=policy.version, snapshot=policy_snapshot(policy), changed=changed, actor=actor
    )
    version = policy.version
    transaction.on_commit(lambda: tasks.push_policy.enqueue(policy.pk, version))


def policy_snapshot(policy: Policy) -> dict:
    """The editable fields as JSON values, for the version history."""
    return {name: _plain(getattr(policy, name)) for name in FIELDS}


def _plain(value):
    return value if value is None or isinstance(value, bool | int | str | list | dict) else str(value)


@transaction.atomic
def policy_create(*, actor, data: dict) -> Policy:
    """A new draft policy from the editable fields."""
    if actor.role not in STAFF_ROLES:
        raise PermissionDenied
    data = _normalised(data)
    _check(actor, data)
    policy = Policy.objects.create(created_by=actor, **data)
    audit_record(actor=actor, action="policy.create", target=policy, changes={"title": policy.title})
    return policy


@transaction.atomic
def policy_update(*, actor, policy: Policy, data: dict) -> Policy:
    """Change a policy; a change to a published policy makes a new version and pushes it again."""
    if not policy_can_edit(actor=actor, policy=policy):
        raise PermissionDenied
    data = _normalised(data)
    if set(data.get("districts", policy.districts)) == set(policy.districts):
        data.pop("districts", None)  # the same districts in another order
    merged = {name: data.get(name, getattr(policy, name)) for name in FIELDS}
    _check(actor, merged)
    changes = field_changes(policy, data)
    if not changes:
        return policy
    policy.save()
    audit_record(actor=actor, action="policy.update", target=policy, changes=changes)
    if policy.status == Policy.Status.PUBLISHED:
        _snapshot(policy, actor=actor, changed=sorted(changes))
    return policy


@transaction.atomic
def policy_publish(*, actor, policy: Policy) -> Policy:
    """Publish a draft: it becomes visible, is matched against every enterprise and pushed to those who qualify."""
    if not policy_can_edit(actor=actor, policy=policy):
        raise PermissionDenied
    if policy.status != Policy.Status.DRAFT:
        raise DomainError(_("只有草稿可以发布"), code="invalid_status", field="status")
    criteria_for(policy.criteria)
    policy.status, policy.published_at = Policy.Status.PUBLISHED, timezone.now()
    policy.save(update_fields=["status", "published_at", "updated_at"])
    audit_record(actor=actor, action="policy.publish", target=policy)
    _snapshot(policy, actor=actor, changed=["status"])
    return policy


@transaction.atomic
def policy_set_status(*, actor, policy: Policy, status: str) -> Policy:
    """Close or withdraw a published policy."""
    if not policy_can_edit(actor=actor, policy=policy):
        raise PermissionDenied
    if policy.status != Policy.Status.PUBLISHED or status not in (Policy.Status.CLOSED, Policy.Status.WITHDRAWN):
        raise DomainError(_("只有已发布的政策可以截止或撤回"), code="invalid_status", field="status")
    changes = field_changes(policy, {"status": status})
    policy.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="policy.status", target=policy, changes=changes)
    return policy


def _notice_specs(policy: Policy, enterprise_districts: dict[int, str], *, key: str, title: str, why: str):
    users = enterprise_user_ids(enterprise_districts)
    link = link_for("policies.match", policy.pk)
    for enterprise_id, district in enterprise_districts.items():
        for user_id in users.get(enterprise_id, []):
            yield NoticeSpec(
                user_id=user_id,
                topic="policy",
                title=title,
                body=policy.summary,
                reason=why,
                dedupe_key=key,
                link=link,
                enterprise_id=enterprise_id,
                cause=f"policy:{policy.pk}:{district}",
            )


def _match_rows(policy: Policy, found) -> dict[int, tuple]:
    """``{enterprise_id: (district, status, missing, version)}`` of every enterprise the policy matches."""
    return {
        int(found.ids[row]): (
            found.districts[row],
            status,
            found.missing(row)[:300] if status == NEARLY else "",
            policy.version,
        )
        for status in MatchStatus.values
        for row in found.rows(status)
    }


def _insert_matches(policy: Policy, rows: dict[int, tuple]) -> None:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    values = [(policy.pk, enterprise_id, *row, now) for enterprise_id, row in rows.items()]
    insert_rows(PolicyMatch, ["policy", "enterprise", "district", "status", "missing", "version", "matched_at"], values)


def policy_push(*, policy_id: int, version: int) -> dict:
    """Match a published version against every enterprise, store the matches and notify the qualifying (once per
    version); a superseded version does nothing."""
    with transaction.atomic():
        policy = Policy.objects.select_for_update().filter(pk=policy_id).first()
        if policy is None or policy.status != Policy.Status.PUBLISHED or policy.version != version:
            return {}
        found = match_policy(policy)
        PolicyMatch.objects.filter(policy=policy).delete()
        _insert_matches(policy, _match_rows(policy, found))
        qualifying = {int(found.ids[row]): found.districts[row] for row in found.rows(QUALIFY)}
        title = (_("新政策：%(title)s") if version == 1 else _("政策更新：%(title)s")) % {"title": policy.title}
        specs = _notice_specs(
            policy,
            qualifying,
            key=f"policy:{policy.pk}:v{version}",
            title=title,
            why=reason(found.criteria, policy.districts),
        )
        notified = notify([*specs, *_nearly_specs(policy, found)])
    return {**found.counts(), "notified": notified}


def _nearly_specs(policy: Policy, found):
    """One notice per user of each nearly-qualifying enterprise, saying what is missing and why it counts as near;
    counted apart from the qualifying funnel (cause ``policy-nearly:…``)."""
    rows = {int(found.ids[row]): row for row in found.rows(NEARLY)}
    users = enterprise_user_ids({pk: found.districts[row] for pk, row in rows.items()})
    link = link_for("policies.match", policy.pk)
    for enterprise_id, row in rows.items():
        for user_id in users.get(enterprise_id, []):
            yield NoticeSpec(
                user_id=user_id,
                topic="policy",
                title=_("您的企业接近符合政策：%(title)s") % {"title": policy.title},
                body=policy.summary,
                reason=nearly_reason(found, row),
                dedupe_key=f"policy:{policy.pk}:v{policy.version}:nearly",
                link=link,
                enterprise_id=enterprise_id,
                cause=f"policy-nearly:{policy.pk}:{found.districts[row]}",
            )


def policies_rematch(*, district: str = "", enterprise_ids: list[int] | None = None) -> int:
    """Re-match every published policy against the enterprises listed, or else those of ``district`` ("" = the
    whole city), after their data changed; notify only for policies they newly qualify for. Returns the notices.
    Stale facts are rebuilt first, in their own commits, so no policy stays locked while they are."""
    facts_refresh(enterprise_ids)
    published = Policy.objects.filter(status=Policy.Status.PUBLISHED).values_list("pk", flat=True)
    return sum(_rematch_policy(pk, district=district, enterprise_ids=enterprise_ids) for pk in published)


def enterprise_rematch(*, enterprise_id: int) -> int:
    """Re-match one enterprise after a new assessment (``policies_rematch`` for one id)."""
    return policies_rematch(enterprise_ids=[enterprise_id])


def _rematch_policy(policy_id: int, *, district: str, enterprise_ids: list[int] | None) -> int:
    """Match one policy in bulk for the scope, write only the matches that changed (delete, insert) and notify the
    enterprises whose status became qualify, under the version push's dedupe key."""
    with transaction.atomic():
        policy = Policy.objects.select_for_update().filter(pk=policy_id, status=Policy.Status.PUBLISHED).first()
        if policy is None:
            return 0
        found = match_policy(policy, district=district, enterprise_ids=enterprise_ids)
        stored = PolicyMatch.objects.filter(policy=policy)
        if enterprise_ids is not None:
            stored = stored.filter(enterprise_id__in=enterprise_ids)
        elif district:
            stored = stored.filter(enterprise__district=district)
        fields = ("enterprise_id", "district", "status", "missing", "version")
        before = {row[0]: row[1:] for row in stored.values_list(*fields)}
        after = _match_rows(policy, found)
        for chunk in batched([pk for pk, row in before.items() if after.get(pk) != row], DELETE_IDS):
            PolicyMatch.objects.filter(policy=policy, enterprise_id__in=chunk).delete()
        changed = {pk: row for pk, row in after.items() if before.get(pk) != row}
        _insert_matches(policy, changed)
        was = {pk: row[1] for pk, row in before.items()}
        newly = {pk: row[0] for pk, row in changed.items() if row[1] == QUALIFY and was.get(pk) != QUALIFY}
        specs = _notice_specs(
            policy,
            newly,
            key=f"policy:{policy.pk}:v{policy.version}",
            title=_("您的企业新符合政策：%(title)s") % {"title": policy.title},
            why=reason(found.criteria, policy.districts),
        )
        return notify(list(specs)) if newly else 0


def closing_reminders(*, today: dt.date) -> int:
    """One idempotent pass: remind qualifying enterprises that have not applied that a window is about to close."""
    notified = 0
    for policy in Policy.objects.filter(status=Policy.Status.PUBLISHED, closes_on__gte=today):
        if (policy.closes_on - today).days > policy.closing_lead_days:
            continue
        applied = PolicyApplication.objects.filter(policy=policy).values("enterprise_id")
        pending = PolicyMatch.objects.filter(policy=policy, status=QUALIFY).exclude(enterprise_id__in=applied)
        targets = dict(pending.values_list("enterprise_id", "district"))
        days = (policy.closes_on - today).days
        with transaction.atomic():
            notified += notify(
                list(
                    _notice_specs(
                        policy,
                        targets,
                        key=f"policy:{policy.pk}:closing",
                        title=_("申报即将截止（还剩%(days)s天）：%(title)s") % {"days": days, "title": policy.title},
                        why=_("您的企业符合本政策条件且尚未标记已申报；申报截止日期为 %(day)s")
                        % {"day": f"{policy.closes_on:%Y-%m-%d}"},
                    )
                )
            )
    return notified


def policies_close_expired(*, today: dt.date) -> int:
    """Published policies whose window has passed become closed."""
    return Policy.objects.filter(status=Policy.Status.PUBLISHED, closes_on__lt=today).update(
        status=Policy.Status.CLOSED
    )


@transaction.atomic
def application_mark(*, actor, policy_id: int) -> PolicyApplication:
    """The enterprise's user marks that it applied for a visible policy."""
    policy = policy_get(actor=actor, pk=policy_id)
    enterprise = enterprise_own(actor=actor)
    if enterprise is None:
        raise PermissionDenied
    application, created = PolicyApplication.objects.get_or_create(
        policy=policy, enterprise=enterprise, defaults={"district": enterprise.district, "actor": actor}
    )
    if created:
        audit_record(actor=actor, action="policy.applied", target=application, enterprise_id=enterprise.pk)
    return application


@transaction.atomic
def broadcast_send(*, actor, title: str, body: str, districts: list[str]) -> Broadcast:
    """A notice to the users of every enterprise in the given districts (all when empty)."""
    if actor.role not in STAFF_ROLES:
        raise PermissionDenied
    if actor.role == Role.DISTRICT:
        if set(districts) - {actor.district}:
            raise DomainError(_("区科技局只能向本区企业发送通知"), code="invalid_districts", field="districts")
        districts = [actor.district]
    if not title.strip() or not body.strip():
        raise DomainError(_("标题和正文不能为空"), code="invalid", field="title" if not title.strip() else "body")
    broadcast = Broadcast.objects.create(title=title, body=body, districts=districts, actor=actor)
    scope = enterprise_list(actor=actor)
    scope = scope.filter(district__in=districts) if districts else scope
    targets = dict(scope.values_list("pk", "district"))
    users = enterprise_user_ids(targets)
    specs = [
        NoticeSpec(
            user_id=user_id,
            topic="broadcast",
            title=title,
            body=body,
            reason=_("发给%(scope)s所有企业的通知")
            % {"scope": "、".join(code_names().get(d, d) for d in districts) or _("全市")},
            dedupe_key=f"broadcast:{broadcast.pk}",
            enterprise_id=enterprise_id,
            cause=f"broadcast:{broadcast.pk}:{targets[enterprise_id]}",
        )
        for enterprise_id, user_ids in users.items()
        for user_id in user_ids
    ]
    broadcast.recipients = notify(specs)
    broadcast.save(update_fields=["recipients"])
    audit_record(actor=actor, action="policy.broadcast", target=broadcast, changes={"recipients": broadcast.recipients})
    return broadcast
