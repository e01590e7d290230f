"""Login throttling: too many failed attempts for a username lock it for the rest of the window, on the site's login
page and the admin's alike (``LOGIN_THROTTLE``; counted in the database, see ``gaoqi.core.throttle``)."""

from django.conf import settings

from gaoqi.core import throttle


def _key(username: str) -> str:
    return f"login:{username.strip().lower()}"


def login_locked(username: str) -> bool:
    return throttle.attempts(_key(username)) >= settings.LOGIN_THROTTLE["attempts"]


def login_failed(username: str) -> None:
    throttle.attempt(_key(username), window_seconds=settings.LOGIN_THROTTLE["window_seconds"])


def login_succeeded(username: str) -> None:
    throttle.clear(_key(username))


def registration_allowed(address: str) -> bool:
    """Count one registration attempt from ``address``; False once the address is past ``REGISTRATION_THROTTLE``."""
    limits = settings.REGISTRATION_THROTTLE
    return throttle.attempt(f"register:{address}", window_seconds=limits["window_seconds"]) <= limits["attempts"]
