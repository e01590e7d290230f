"""Production settings: DEBUG off, secret from the environment, secure cookies."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECRET_KEY)"
)


def _run(*args, **env):
    environ = {k: v for k, v in os.environ.items() if k not in {"GAOQI_SECRET_KEY", "DATABASE_URL"}}
    environ |= {"DJANGO_SETTINGS_MODULE": "gaoqi.config.production", **env}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True, check=False)


def test_production_takes_the_secret_from_the_environment_and_locks_cookies():
    done = _run(
        "manage.py", "shell", "-v", "0", "-c", SHOW, GAOQI_SECRET_KEY="s" * 60, GAOQI_ALLOWED_HOSTS="gaoqi.example.cn"
    )
    assert done.stdout.split() == ["False", "True", "True", "s" * 60]


def test_production_refuses_to_start_without_a_secret():
    done = _run("manage.py", "check")
    assert done.returncode != 0
    assert "GAOQI_SECRET_KEY" in done.stderr


def test_the_deployment_checks_report_no_errors():
    done = _run("manage.py", "check", "--deploy", "--fail-level", "ERROR", GAOQI_SECRET_KEY="k" * 60,
                GAOQI_ALLOWED_HOSTS="gaoqi.example.cn")  # fmt: skip
    assert done.returncode == 0, done.stderr
