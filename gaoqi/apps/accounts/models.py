"""User accounts with a role, and API tokens."""

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoqi.core.districts import DISTRICTS
from gaoqi.core.roles import Role


class UserManager(DjangoUserManager):
    """Every account made through ``create_user`` / ``create_superuser`` (registration, staff and colleague accounts,
    management commands) passes ``AUTH_PASSWORD_VALIDATORS``; a weak password raises ValidationError."""

    def _create_user_object(self, username, email, password, **extra_fields):
        user = super()._create_user_object(username, email, password, **extra_fields)
        if password is not None:
            password_validation.validate_password(password, user)
        return user


class User(AbstractUser):
    """A person using gaoqi; ``role`` decides what they can see."""

    objects = UserManager()

    role = models.CharField(_("角色"), max_length=16, choices=Role.choices, default=Role.ENTERPRISE)
    district = models.CharField(_("所属区"), max_length=6, choices=DISTRICTS, blank=True)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")


def token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token for integrations; only its hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=64)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self):
        return self.name

    @staticmethod
    def new_key() -> str:
        return secrets.token_urlsafe(32)
