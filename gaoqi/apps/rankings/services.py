"""Writes of 梯次培育与精选: indicator system versions."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.rankings.models import IndicatorVersion
from gaoqi.apps.rankings.tiers import take_snapshots
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.rules.indicators import IndicatorError, system_from_dict


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
