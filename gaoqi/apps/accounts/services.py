"""Account services: staff accounts and API tokens."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gaoqi.apps.accounts.models import ApiToken, token_hash
from gaoqi.apps.accounts.passwords import weak_password
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role


@transaction.atomic
def staff_user_create(*, actor, username: str, password: str, role: str, district: str = ""):
    """A bureau admin creates a staff account (mentor, station, finance, district or bureau)."""
    if actor.role != Role.BUREAU or not actor.is_staff:
        raise PermissionDenied
    if role == Role.ENTERPRISE:
        raise DomainError(_("企业账户请通过企业注册创建。"), field="role")
    if role == Role.DISTRICT and not district:
        raise DomainError(_("区科技局账户必须指定所属区。"), field="district")
    try:
        user = get_user_model().objects.create_user(username=username, password=password, role=role, district=district)
    except ValidationError as exc:
        raise weak_password(exc) from None
    audit_record(actor=actor, action="user.create", target=user, changes={"role": role, "district": district})
    return user


@transaction.atomic
def api_token_create(*, actor, name: str) -> tuple[ApiToken, str]:
    """Create a token for the actor; the plain key is returned once and never stored."""
    key = ApiToken.new_key()
    token = ApiToken.objects.create(user=actor, name=name, key_hash=token_hash(key))
    audit_record(actor=actor, action="token.create", target=token)
    return token, key


def api_token_user(key: str):
    """The active user a bearer key belongs to, or None."""
    token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(key)).first()
    return token.user if token and token.user.is_active else None
