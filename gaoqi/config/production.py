"""Production settings: DEBUG off, secret from the environment, secure cookies."""

import os

from gaoqi.config.settings import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ["GAOQI_SECRET_KEY"]
ALLOWED_HOSTS = [h for h in os.environ.get("GAOQI_ALLOWED_HOSTS", "").split(",") if h]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("GAOQI_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 31_536_000
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("GAOQI_SMTP_HOST", "localhost"),
            "port": int(os.environ.get("GAOQI_SMTP_PORT", "25")),
            "use_tls": os.environ.get("GAOQI_SMTP_TLS", "0") == "1",
        },
    }
}
DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
