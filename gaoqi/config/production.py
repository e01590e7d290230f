"""Production settings: DEBUG off, and everything secret or site-specific from the environment.

The process refuses to start, naming each missing or unusable variable, without ``GAOQI_SECRET_KEY`` (50+ random
characters), ``DATABASE_URL`` (PostgreSQL) and ``GAOQI_SITE_URL`` (the public address: links in e-mails, allowed
host, trusted origin). The server itself is ``make serve`` (``scripts/serve``, gunicorn with
``gaoqi/config/gunicorn.py``); static files are compressed and fingerprinted by ``collectstatic`` and served by
WhiteNoise. Decisions and figures: docs/platform.md, "Production".
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from gaoqi.config.settings import *  # noqa: F403
from gaoqi.config.settings import INSECURE_DEV_SECRET_KEY, MIDDLEWARE, NOTIFICATIONS


def _problems(env) -> list[str]:
    problems = []
    secret = env.get("GAOQI_SECRET_KEY", "")
    if len(secret) < 50 or secret == INSECURE_DEV_SECRET_KEY or len(set(secret)) < 5:
        problems.append(
            "GAOQI_SECRET_KEY: 50 or more random characters, e.g. "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if urlsplit(env.get("DATABASE_URL", "")).scheme not in {"postgres", "postgresql"}:
        problems.append("DATABASE_URL: the PostgreSQL database, postgres://user:password@host:5432/gaoqi")
    site = urlsplit(env.get("GAOQI_SITE_URL", ""))
    if site.scheme not in {"http", "https"} or not site.hostname or site.path not in {"", "/"}:
        problems.append("GAOQI_SITE_URL: the public address of the site, e.g. https://gaoqi.example.gov.cn")
    return problems


if problems := _problems(os.environ):
    raise ImproperlyConfigured("Production settings need:\n  " + "\n  ".join(problems))

DEBUG = False
SECRET_KEY = os.environ["GAOQI_SECRET_KEY"]
SITE_URL = os.environ["GAOQI_SITE_URL"].rstrip("/")
NOTIFICATIONS = {**NOTIFICATIONS, "site_url": SITE_URL}
ALLOWED_HOSTS = [urlsplit(SITE_URL).hostname, *(h for h in os.environ.get("GAOQI_ALLOWED_HOSTS", "").split(",") if h)]
CSRF_TRUSTED_ORIGINS = [SITE_URL]

# TLS ends at the proxy in front, which sets X-Forwarded-Proto. HSTS for a year on this host and its subdomains;
# not preloaded: preloading is decided for a whole registrable domain (the bureau's gov.cn domain), not by one site.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("GAOQI_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("GAOQI_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SILENCED_SYSTEM_CHECKS = ["security.W021"]  # HSTS preload, see above

MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "whitenoise.middleware.WhiteNoiseMiddleware"
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One cache shared by every process: Redis when GAOQI_CACHE_URL is set (sessions are then read from it before the
# database), else a database table (made by scripts/serve). A per-process memory cache would let each gunicorn
# worker keep its own counts.
if CACHE_URL := os.environ.get("GAOQI_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "gaoqi",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "gaoqi_cache"}}

MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("GAOQI_SMTP_HOST", "localhost"),
            "port": int(os.environ.get("GAOQI_SMTP_PORT", "25")),
            "use_tls": os.environ.get("GAOQI_SMTP_TLS", "0") == "1",
            "timeout": 10,
        },
    }
}
DATABASES["default"]["CONN_MAX_AGE"] = 600  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
