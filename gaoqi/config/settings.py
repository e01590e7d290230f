"""Development settings: SQLite under var/ by default, PostgreSQL when DATABASE_URL is set."""

import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parents[2]
PACKAGE_DIR = BASE_DIR / "gaoqi"

INSECURE_DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production-0123456789"  # production refuses it
SECRET_KEY = os.environ.get("GAOQI_SECRET_KEY", INSECURE_DEV_SECRET_KEY)
DEBUG = os.environ.get("GAOQI_DEBUG", "1") == "1"
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]", "testserver"]

INSTALLED_APPS = [
    "gaoqi.web",  # first: its registration/password_reset_*.html replace the admin's templates of the same names
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "ninja",
    "gaoqi.core",
    "gaoqi.apps.accounts",
    "gaoqi.apps.enterprises",
    "gaoqi.apps.assessments",
    "gaoqi.apps.notifications",
    "gaoqi.apps.policies",
    "gaoqi.apps.training",
    "gaoqi.apps.mentoring",
    "gaoqi.apps.servicedesk",
    "gaoqi.apps.market",
    "gaoqi.apps.finance",
    "gaoqi.apps.rankings",
    "django.forms",  # last: gaoqi.web overrides some of its widget templates (see gaoqi/web/forms/rendering.py)
]

MIDDLEWARE = [
    "gaoqi.web.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "gaoqi.web.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gaoqi.config.urls"
FORM_RENDERER = "gaoqi.web.forms.rendering.FormRenderer"

# Content-Security-Policy on every response: scripts, styles, fonts and images from this site only (no inline script,
# no inline event handler, no eval), no plugins, no <base> elsewhere, no framing, forms posting to this site only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

WSGI_APPLICATION = "gaoqi.config.wsgi.application"
ASGI_APPLICATION = "gaoqi.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gaoqi.web.context_processors.layout",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    """Turn ``postgres://user:pass@host:port/name`` into a Django DATABASES entry."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL scheme {parts.scheme!r} is not supported; use postgres://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": {"server_side_binding": True},
    }


if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": database_from_url(os.environ["DATABASE_URL"])}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("GAOQI_SQLITE_PATH", BASE_DIR / "var" / "db.sqlite3"),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["gaoqi.web.authentication.MembershipBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("GAOQI_STATIC_ROOT", BASE_DIR / "staticfiles"))

# Two queues: "default" for domain work, "pdf" for printing documents, so a user waiting for a PDF is never queued
# behind a batch re-assessment (production runs a worker for each; `make run`'s one worker takes both).
TASK_QUEUES = ["default", "pdf"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}
if TASKS_REDIS_URL := os.environ.get("GAOQI_TASKS_REDIS_URL"):
    # Scale-out: the queues live in Redis and any number of `manage.py rqworker default pdf --with-scheduler
    # --job-class django_tasks_rq.Job` processes execute them.
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": TASK_QUEUES}}
    RQ_QUEUES = {name: {"URL": TASKS_REDIS_URL} for name in TASK_QUEUES}

# Background work (docs/platform.md, "Background work"): a running task holds a lease that its worker's heartbeat
# renews every third of ``lease_seconds``; ``manage.py run_periodic`` re-queues a task whose lease lapsed (its worker
# died) up to ``max_attempts`` starts in all, and queues the periodic jobs every ``scheduler_seconds``. Batch
# re-assessment commits its progress every ``batch_chunk`` enterprises and resumes after the last committed chunk.
BACKGROUND = {
    "lease_seconds": float(os.environ.get("GAOQI_TASK_LEASE_SECONDS", "60")),
    "max_attempts": 3,
    "scheduler_seconds": float(os.environ.get("GAOQI_SCHEDULER_SECONDS", "10")),
    "batch_chunk": int(os.environ.get("GAOQI_BATCH_CHUNK", "2000")),
}

MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
if SMTP_HOST := os.environ.get("GAOQI_SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": SMTP_HOST, "port": int(os.environ.get("GAOQI_SMTP_PORT", "25")), "timeout": 10},
        }
    }
DEFAULT_FROM_EMAIL = "noreply@gaoqi.example.cn"

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Log lines go to stderr, each with the id of the request that caused it (X-Request-ID; "-" outside a request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "gaoqi.core.request_id.RequestIdFilter"}},
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["stderr"], "level": os.environ.get("GAOQI_LOG_LEVEL", "INFO"), "propagate": False},
    },
}

# Failed logins per username (site and admin) and registration attempts per client address, counted in the
# database (gaoqi.core.throttle) so every process and server shares the count. TRUSTED_PROXIES: how many reverse
# proxies stand in front of the site and append to X-Forwarded-For (0: use REMOTE_ADDR).
LOGIN_THROTTLE = {"attempts": 5, "window_seconds": 900}
REGISTRATION_THROTTLE = {"attempts": 10, "window_seconds": 3600}
TRUSTED_PROXIES = int(os.environ.get("GAOQI_TRUSTED_PROXIES", "0"))

# Small cells (gaoqi.core.disclosure): aggregates of what enterprises did (notices read, policies applied for,
# training feedback) show a count only from min_count up, where the viewer cannot read the records one by one. Each
# rule applies from its date; a later rule replaces an earlier one.
SMALL_CELLS = [
    {
        "since": "2026-12-01",
        "min_count": 5,
        "basis": "市科技局数据发布规则：统计结果少于 5 家的单元格不予显示，防止识别单个企业",
    }
]

# Uploaded workbooks are checked against these before any XML is parsed (gaoqi.core.spreadsheets): the file, the
# total its parts inflate to, their number, and the rows and columns a sheet may have.
UPLOADS = {
    "xlsx": {
        "max_bytes": 5 * 1024 * 1024,
        "max_uncompressed_bytes": 20 * 1024 * 1024,
        "max_parts": 200,
        "max_rows": 5000,
        "max_columns": 100,
    }
}
PDF_FONT = os.environ.get("GAOQI_PDF_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
# The process's Chromium (gaoqi.core.pdf): closed after this long without a document, restarted after this many.
PDF_PRINTER = {"idle_seconds": 300, "recycle_after": 200}

MEDIA_ROOT = Path(os.environ.get("GAOQI_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# 有求必应: default SLA in working days (per-category overrides live in servicedesk.SlaTarget), the working days a
# first escalation (to the district's station) waits before the second (to the bureau), attachment limits, and
# how often the escalation pass runs.
SERVICEDESK = {
    "sla": {"first_response_days": 2, "resolution_days": 10},
    "bureau_escalation_days": 2,
    "attachment_max_bytes": 10 * 1024 * 1024,
    "attachment_max_count": 5,
    "escalation_interval_minutes": 15,
}

# 通知: digest hour (local), retry backoff, attempts before a delivery is dead-lettered, claim batch size, how long a
# claim is held before another worker may take over a delivery whose worker died, and how long one delivery pass runs
# before it yields the worker to other tasks (it re-queues itself at once). ``webhook_allow_private`` lets webhooks
# reach loopback and internal addresses (tests with local endpoints only; never in production).
NOTIFICATIONS = {
    "digest_hour": 8,
    "retry_base_seconds": 60,
    "retry_max_seconds": 6 * 3600,
    "max_attempts": 6,
    "batch_size": 20,
    "lease_seconds": int(os.environ.get("GAOQI_NOTIFY_LEASE_SECONDS", "300")),
    "webhook_timeout_seconds": 10,
    "webhook_allow_private": False,
    "pass_seconds": 60,
    "site_url": os.environ.get("GAOQI_SITE_URL", "http://127.0.0.1:8000"),
}
