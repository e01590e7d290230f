"""Writes of 梯次培育与精选: indicator system versions, tier snapshots, yearly lists and their review, what-ifs."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.rankings.lists import ELIGIBILITY, SIZES, draft_entries, entry_by_hand
from gaoqi.apps.rankings.models import IndicatorVersion, ListComment, ListEntry, RankingList, WhatIfScenario
from gaoqi.apps.rankings.selectors import indicator_version_current
from gaoqi.apps.rankings.tiers import take_snapshots
from gaoqi.apps.rankings.whatif import what_if
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.rules.criteria import CriteriaError, compile_criteria
from gaoqi.rules.indicators import IndicatorError, system_from_dict
from gaoqi.rules.indicators.whatif import Rule


def _bureau(actor) -> None:
    if not (actor.is_authenticated and actor.role == Role.BUREAU):
        raise PermissionDenied


@transaction.atomic
def indicator_version_create(
    *, actor, name: str, effective_on: dt.date, spec: dict, note: str = ""
) -> IndicatorVersion:
    """The bureau issues a new version of the indicator system, in force from ``effective_on``."""
    _bureau(actor)
    if not (name or "").strip():
        raise DomainError(_("请填写指标体系名称。"), field="name")
    try:
        system = system_from_dict(spec)
    except IndicatorError as exc:
        raise DomainError(exc.message, field=exc.field) from None
    version = IndicatorVersion.objects.create(
        name=name.strip(), effective_on=effective_on, spec=system.as_dict(), note=note, created_by=actor
    )
    audit_record(actor=actor, action="rankings.indicator_version_create", target=version)
    return version


def tier_snapshots_take(*, actor, year: int) -> int:
    """The bureau judges every enterprise's tier for ``year`` again (a year not after the current one)."""
    _bureau(actor)
    today = timezone.localdate()
    if not 2000 <= year <= today.year:
        raise DomainError(_("年度应在 2000 年至今年之间。"), field="year")
    count = take_snapshots(year=year, today=today)
    audit_record(
        actor=actor, action="rankings.tier_snapshots_take", target=actor, changes={"year": year, "count": count}
    )
    return count


STEPS = {
    "submit": (RankingList.Status.DRAFT, RankingList.Status.REVIEW),
    "return": (RankingList.Status.REVIEW, RankingList.Status.DRAFT),
    "approve": (RankingList.Status.REVIEW, RankingList.Status.APPROVED),
    "publish": (RankingList.Status.APPROVED, RankingList.Status.PUBLISHED),
}
EDITABLE = (RankingList.Status.DRAFT, RankingList.Status.REVIEW)


@transaction.atomic
def ranking_list_draft(*, actor, kind: str, year: int, size: int | None = None) -> RankingList:
    """The bureau drafts a year's list from the indicator system in force."""
    _bureau(actor)
    if kind not in RankingList.Kind.values:
        raise DomainError(_("请选择榜单。"), field="kind")
    if not 2000 <= year <= 2100:
        raise DomainError(_("年度应在 2000 年至 2100 年之间。"), field="year")
    size = size or SIZES[kind]
    if not 1 <= size <= 1000:
        raise DomainError(_("名额应在 1 到 1000 之间。"), field="size")
    if RankingList.objects.filter(kind=kind, year=year).exists():
        raise DomainError(_("该年度的这份榜单已存在。"), field="year")
    version = indicator_version_current()
    if version is None:
        raise DomainError(_("尚未发布指标体系，无法生成榜单。"), field="kind")
    ranking_list = RankingList.objects.create(
        kind=kind,
        year=year,
        version=version,
        spec=version.spec,
        eligibility=ELIGIBILITY[kind],
        size=size,
        created_by=actor,
    )
    count = draft_entries(ranking_list, version, timezone.localdate())
    audit_record(actor=actor, action="rankings.list_draft", target=ranking_list, changes={"entries": count})
    return ranking_list


def _editable(ranking_list: RankingList) -> None:
    if ranking_list.status not in EDITABLE:
        raise DomainError(_("榜单已批准，不能再增减企业。"), field="status")


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("请填写理由。"), field="reason")
    return reason[:300]


@transaction.atomic
def list_entry_remove(*, actor, entry: ListEntry, reason: str) -> ListEntry:
    """The bureau takes an enterprise off a list under review or in draft, with a reason (the entry stays, marked)."""
    _bureau(actor)
    _editable(entry.ranking_list)
    if not entry.included:
        raise DomainError(_("该企业已移出榜单。"), field="reason")
    entry.included, entry.reason = False, _reason(reason)
    entry.save(update_fields=["included", "reason"])
    audit_record(
        actor=actor,
        action="rankings.list_entry_remove",
        target=entry,
        enterprise_id=entry.enterprise_id,
        changes={"reason": entry.reason},
    )
    return entry


@transaction.atomic
def list_entry_add(*, actor, ranking_list: RankingList, enterprise, reason: str) -> ListEntry:
    """The bureau adds an enterprise by hand (or puts a removed one back), with a reason."""
    _bureau(actor)
    _editable(ranking_list)
    reason = _reason(reason)
    entry = ranking_list.entries.filter(enterprise=enterprise).first()
    if entry is not None and entry.included:
        raise DomainError(_("该企业已在榜单上。"), field="enterprise")
    if entry is not None:
        entry.included, entry.reason = True, reason
        entry.save(update_fields=["included", "reason"])
    else:
        entry = entry_by_hand(ranking_list, enterprise.pk, reason, timezone.localdate())
    audit_record(
        actor=actor,
        action="rankings.list_entry_add",
        target=entry,
        enterprise_id=enterprise.pk,
        changes={"reason": reason},
    )
    return entry


@transaction.atomic
def list_comment_add(*, actor, ranking_list: RankingList, text: str) -> ListComment:
    """Bureau and district staff comment on a list before it is published."""
    if not (actor.is_authenticated and actor.role in (Role.BUREAU, Role.DISTRICT)):
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请填写意见。"), field="text")
    if ranking_list.status == RankingList.Status.PUBLISHED:
        raise DomainError(_("榜单已发布，不再收集意见。"), field="text")
    comment = ListComment.objects.create(ranking_list=ranking_list, author=actor, text=text[:1000])
    audit_record(actor=actor, action="rankings.list_comment_add", target=comment)
    return comment


@transaction.atomic
def ranking_list_transition(*, actor, ranking_list: RankingList, step: str) -> RankingList:
    """Move a list along draft → review → approved → published (or return it from review to draft)."""
    _bureau(actor)
    if step not in STEPS:
        raise DomainError(_("未知操作。"), field="step")
    source, target = STEPS[step]
    if ranking_list.status != source:
        raise DomainError(
            _("榜单当前为“%(status)s”，不能执行此操作。") % {"status": ranking_list.get_status_display()}, field="step"
        )
    ranking_list.status = target
    if target == RankingList.Status.PUBLISHED:
        ranking_list.published_at = timezone.now()
    ranking_list.save(update_fields=["status", "published_at"])
    audit_record(actor=actor, action=f"rankings.list_{step}", target=ranking_list, changes={"status": [source, target]})
    return ranking_list


@transaction.atomic
def what_if_save(
    *, actor, name: str, spec: dict, eligibility: str, cutoff_before, cutoff, reward_before, reward
) -> WhatIfScenario:
    """The bureau computes a what-if against the system in force and keeps it for comparison."""
    _bureau(actor)
    if not (name or "").strip():
        raise DomainError(_("请填写方案名称。"), field="name")
    version = indicator_version_current()
    if version is None:
        raise DomainError(_("尚未发布指标体系，无法测算。"), field="name")
    try:
        changed = system_from_dict(spec)
        compile_criteria(eligibility)
    except IndicatorError as exc:
        raise DomainError(exc.message, field=exc.field) from None
    except CriteriaError as exc:
        raise DomainError(_("入围条件有误：%(error)s") % {"error": exc}, field="eligibility") from None
    for field, value, top in (("cutoff_before", cutoff_before, 100), ("cutoff", cutoff, 100)):
        if not 0 <= value <= top:
            raise DomainError(_("分数线应在 0 到 100 之间。"), field=field)
    for field, value in (("reward_before", reward_before), ("reward", reward)):
        if value < 0:
            raise DomainError(_("奖补金额不能为负数。"), field=field)
    result = what_if(
        version=version,
        changed=changed,
        eligibility=eligibility,
        base=Rule(cutoff_before, reward_before),
        rule=Rule(cutoff, reward),
        today=timezone.localdate(),
    )
    scenario = WhatIfScenario.objects.create(
        name=name.strip(),
        base_version=version,
        spec=changed.as_dict(),
        eligibility=eligibility,
        cutoff_before=cutoff_before,
        cutoff=cutoff,
        reward_before=reward_before,
        reward=reward,
        result=result,
        created_by=actor,
    )
    audit_record(actor=actor, action="rankings.what_if_save", target=scenario)
    return scenario
