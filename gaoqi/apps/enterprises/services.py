"""Writes to enterprise profiles: registration, colleagues, profile updates."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.accounts.passwords import weak_password
from gaoqi.apps.enterprises.events import profile_changed
from gaoqi.apps.enterprises.models import (
    Certificate,
    Claim,
    Conversion,
    Enterprise,
    FiscalYear,
    Incident,
    IPItem,
    ManagementItems,
    Membership,
    ProfileDraft,
)
from gaoqi.apps.enterprises.profile import MANAGEMENT_KEYS, TSME_ROUTES
from gaoqi.apps.enterprises.reviews import claim_file
from gaoqi.apps.enterprises.selectors import enterprise_can_edit, enterprise_is_admin
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.rules.profile import RD_CATEGORIES
from gaoqi.rules.uscc import USCCError, validate_uscc

BASIC_FIELDS = [
    "name",
    "district",
    "tech_field",
    "industry",
    "is_manufacturing",
    "registered_on",
    "application_date",
    "standards",
]


def uscc_clean(value: str) -> str:
    """The normalised USCC, or a DomainError naming the failed check."""
    try:
        return validate_uscc(value)
    except USCCError as exc:
        raise DomainError(str(exc), code="invalid_uscc", field="uscc") from None


def registered_on_check(value) -> None:
    """A registration date is in the past: a later one would count negative days of existence."""
    if value and value > timezone.localdate():
        raise DomainError(
            _("注册日期不能晚于今天（%(today)s）。") % {"today": timezone.localdate().isoformat()},
            code="invalid_registered_on",
            field="registered_on",
        )


def _account_create(*, username: str, password: str, email: str, password_field: str = "password"):
    """A new enterprise user; DomainErrors name the taken username or the weak password."""
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise DomainError(_("该用户名已被使用。"), code="duplicate_username", field="username")
    try:
        return User.objects.create_user(username=username, password=password, email=email, role=Role.ENTERPRISE)
    except ValidationError as exc:
        raise weak_password(exc, password_field) from None


@dataclass(frozen=True)
class Registered:
    """A registration's outcome: the new user with their new enterprise, or with a claim on an existing one."""

    user: object
    enterprise: Enterprise | None = None
    claim: Claim | None = None


@transaction.atomic
def enterprise_register(
    *,
    username: str,
    password: str,
    email: str,
    uscc: str,
    name: str,
    district: str,
    tech_field: str,
    registered_on,
) -> Registered:
    """Self-registration: a new enterprise and its first user, who becomes its admin. When the USCC is already
    registered, the user gets a claim on that enterprise instead, which the bureau or the enterprise's
    administrator approves; until then they see nothing of it."""
    uscc = uscc_clean(uscc)
    registered_on_check(registered_on)
    user = _account_create(username=username, password=password, email=email, password_field="password1")
    existing = Enterprise.objects.filter(uscc=uscc).first()
    if existing is not None:
        return Registered(user, claim=claim_file(user=user, enterprise=existing, name=name, district=district))
    enterprise = Enterprise.objects.create(
        uscc=uscc, name=name, district=district, tech_field=tech_field, registered_on=registered_on
    )
    ManagementItems.objects.create(enterprise=enterprise)
    Membership.objects.create(user=user, enterprise=enterprise, is_admin=True)
    audit_record(
        actor=user,
        action="enterprise.register",
        target=enterprise,
        enterprise_id=enterprise.pk,
        changes={"uscc": uscc, "name": name},
    )
    return Registered(user, enterprise=enterprise)


@transaction.atomic
def colleague_invite(*, actor, enterprise: Enterprise, username: str, email: str, password: str):
    """The enterprise admin adds a colleague account."""
    if not enterprise_is_admin(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    user = _account_create(username=username, password=password, email=email)
    Membership.objects.create(user=user, enterprise=enterprise)
    audit_record(
        actor=actor,
        action="enterprise.invite",
        target=enterprise,
        enterprise_id=enterprise.pk,
        changes={"username": username},
    )
    return user


def _year_values(data: dict) -> dict:
    values = {k: v for k, v in data.items() if k not in {"year", "rd"}}
    values.update({f"rd_{cat}": value for cat, value in (data.get("rd") or {}).items() if cat in RD_CATEGORIES})
    return values


def _apply_years(enterprise, years: list[dict]) -> dict:
    changes = {}
    for data in years:
        fy, _created = FiscalYear.objects.get_or_create(enterprise=enterprise, year=data["year"])
        for name, pair in field_changes(fy, _year_values(data)).items():
            changes[f"fiscal_years[{fy.year}].{name}"] = pair
        fy.save()
    return changes


def _rows_key(rows, names: list[str]) -> list[tuple]:
    return sorted(tuple(str(row.get(name)) for name in names) for row in rows)


def _replace(model, enterprise, key: str, rows: list[dict]) -> dict:
    """Replace the enterprise's rows of ``model``; the same rows again change nothing and record nothing."""
    stored = model.objects.filter(enterprise=enterprise)
    names = sorted({name for row in rows for name in row})
    before = stored.count()
    if before == len(rows) and _rows_key(stored.values(*names), names) == _rows_key(rows, names):
        return {}
    stored.delete()
    model.objects.bulk_create([model(enterprise=enterprise, **row) for row in rows])
    return {key: [before, len(rows)]}


def _apply_basic(enterprise, profile: dict) -> dict:
    if profile.get("district", enterprise.district) != enterprise.district:
        raise DomainError(
            _("所在区不能直接修改：请在“所在区变更”中提交申请，由市科技局审核后生效。"),
            code="district_change_needs_review",
            field="district",
        )
    registered_on_check(profile.get("registered_on"))
    values = {k: profile[k] for k in BASIC_FIELDS if k in profile}
    values.update({k: v for k, v in (profile.get("tsme_routes") or {}).items() if k in TSME_ROUTES})
    values.update((profile.get("self_rating") or {}).items())
    if "industry" in values:
        values["industry"] = values["industry"] or ""
    changes = field_changes(enterprise, values)
    if changes:
        enterprise.save()
    return changes


def _certificates(rows: list[dict]) -> list[dict]:
    for i, row in enumerate(rows):
        if row["expires_on"] < row["issued_on"]:
            raise DomainError(
                _("有效期至不能早于发证日期。"), code="invalid_certificate", field=f"certificates[{i}].expires_on"
            )
    return [{k: row.get(k, "") for k in ("kind", "number", "issued_on", "expires_on")} for row in rows]


def _apply_management(enterprise, items: dict) -> dict:
    management, _created = ManagementItems.objects.get_or_create(enterprise=enterprise)
    changes = field_changes(management, {k: v for k, v in items.items() if k in MANAGEMENT_KEYS})
    management.save()
    return {f"management.{k}": v for k, v in changes.items()}


@transaction.atomic
def profile_update(*, actor, enterprise: Enterprise, profile: dict) -> dict:
    """Apply a (partial) profile in the rules' format with typed values; lists given are replaced whole.

    Returns the changes recorded in the audit log.
    """
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    changes = _apply_basic(enterprise, profile)
    if "fiscal_years" in profile:
        changes |= _apply_years(enterprise, profile["fiscal_years"])
    if "ip" in profile:
        changes |= _replace(IPItem, enterprise, "ip", profile["ip"])
    if "conversions" in profile:
        rows = [{"year": int(y), "count": n} for y, n in profile["conversions"].items()]
        changes |= _replace(Conversion, enterprise, "conversions", rows)
    if "incidents" in profile:
        changes |= _replace(Incident, enterprise, "incidents", profile["incidents"])
    if "management" in profile:
        changes |= _apply_management(enterprise, profile["management"])
    if "certificates" in profile:
        changes |= _replace(Certificate, enterprise, "certificates", _certificates(profile["certificates"]))
    if changes:
        audit_record(
            actor=actor,
            action="profile.update",
            target=enterprise,
            enterprise_id=enterprise.pk,
            changes=changes,
        )
        transaction.on_commit(lambda: profile_changed.send(sender=Enterprise, enterprise_id=enterprise.pk))
    return changes


def draft_save(*, actor, enterprise: Enterprise, step: str, data: dict) -> ProfileDraft:
    """Keep what the user typed for a step, valid or not."""
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    draft, _created = ProfileDraft.objects.update_or_create(
        enterprise=enterprise, step=step, defaults={"data": data, "updated_by": actor}
    )
    return draft


def draft_discard(*, actor, enterprise: Enterprise, step: str) -> None:
    if not enterprise_can_edit(actor=actor, enterprise=enterprise):
        raise PermissionDenied
    ProfileDraft.objects.filter(enterprise=enterprise, step=step).delete()
