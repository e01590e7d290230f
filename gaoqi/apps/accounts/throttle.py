"""Login throttling: too many failed attempts for a username lock it for a while."""

from django.conf import settings
from django.core.cache import cache


def _key(username: str) -> str:
    return f"login-fail:{username.strip().lower()}"


def login_locked(username: str) -> bool:
    return cache.get(_key(username), 0) >= settings.LOGIN_THROTTLE["attempts"]


def login_failed(username: str) -> None:
    key = _key(username)
    cache.add(key, 0, settings.LOGIN_THROTTLE["window_seconds"])
    cache.incr(key)


def login_succeeded(username: str) -> None:
    cache.delete(_key(username))
