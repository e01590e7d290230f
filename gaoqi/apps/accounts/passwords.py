"""Passwords checked once for every way an account is made."""

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from gaoqi.core.errors import DomainError


def checked_hash(password: str) -> str:
    """The hash of a password that passes the validators, for accounts made in bulk (demo data)."""
    password_validation.validate_password(password)
    return make_password(password)


def weak_password(exc: ValidationError, field: str = "password") -> DomainError:
    """The validators' complaint as a DomainError on ``field``."""
    return DomainError(" ".join(exc.messages), code="weak_password", field=field)
