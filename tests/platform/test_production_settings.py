"""Production settings and server, run as an operator would: a fresh process with only its environment."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET = "s3cr3t-" + "x7Kq9" * 10
ENV = {
    "GAOQI_SECRET_KEY": SECRET,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/gaoqi_absent",  # never created: no test touches it
    "GAOQI_SITE_URL": "https://gaoqi.example.gov.cn",
}
HOST = "gaoqi.example.gov.cn"
SHOW = (
    "from django.conf import settings as s; print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECRET_KEY == {secret!r}, s.ALLOWED_HOSTS, s.CSRF_TRUSTED_ORIGINS, s.NOTIFICATIONS['site_url'])"
)


def _run(*args, settings="gaoqi.config.production", **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GAOQI_") and k != "DATABASE_URL"}
    environ |= {"DJANGO_SETTINGS_MODULE": settings, **env} if settings else env
    if not settings:
        environ.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=environ, capture_output=True, text=True, check=False)


def test_production_takes_secret_database_and_site_from_the_environment_and_locks_cookies():
    done = _run("manage.py", "shell", "-v", "0", "-c", SHOW.format(secret=SECRET), **ENV)
    assert done.stdout.split("\n")[0] == (
        "False True True True ['gaoqi.example.gov.cn'] ['https://gaoqi.example.gov.cn'] https://gaoqi.example.gov.cn"
    ), done.stderr


@pytest.mark.parametrize("missing", sorted(ENV))
def test_production_refuses_to_start_without_each_variable_and_names_it(missing):
    done = _run("manage.py", "check", **{k: v for k, v in ENV.items() if k != missing})
    assert done.returncode != 0
    assert f"{missing}:" in done.stderr
    assert [name for name in ENV if f"{name}:" in done.stderr] == [missing]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GAOQI_SECRET_KEY", "too-short"),
        ("GAOQI_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789"),
        ("GAOQI_SECRET_KEY", "a" * 60),
        ("DATABASE_URL", "sqlite:///var/db.sqlite3"),
        ("GAOQI_SITE_URL", "gaoqi.example.gov.cn"),
        ("GAOQI_SITE_URL", "https://gaoqi.example.gov.cn/portal/"),
        ("GAOQI_SITE_URL", "ftp://gaoqi.example.gov.cn"),
    ],
)
def test_production_refuses_unusable_values(name, value):
    done = _run("manage.py", "check", **{**ENV, name: value})
    assert done.returncode != 0
    assert name in done.stderr.splitlines()[-1] + done.stderr.split("need:", 1)[-1]


@pytest.mark.parametrize("entry", ["gaoqi.config.wsgi", "gaoqi.config.asgi"])
def test_the_server_entry_points_default_to_production_never_to_debug(entry):
    bare = _run("-c", f"import {entry}", settings=None)
    assert bare.returncode != 0
    assert "GAOQI_SECRET_KEY:" in bare.stderr
    done = _run("-c", f"import {entry}; from django.conf import settings; print(settings.DEBUG)", settings=None, **ENV)
    assert done.stdout.strip() == "False", done.stderr


def test_the_deployment_checks_report_nothing_with_hsts_decided():
    done = _run("manage.py", "check", "--deploy", "--fail-level", "WARNING", **ENV)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (1 silenced)." in done.stdout
    shown = _run(
        "manage.py", "shell", "-v", "0", "-c",
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "s.SECURE_HSTS_PRELOAD, s.SILENCED_SYSTEM_CHECKS)",
        **ENV,
    )  # fmt: skip
    assert shown.stdout.strip() == "31536000 True False ['security.W021']"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, **headers) -> tuple[int, dict, bytes]:
    """Status, headers and body, as through the TLS proxy."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **headers})
    try:
        response = urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, response.headers, response.read()


@pytest.fixture
def server(tmp_path):
    """gunicorn with the production settings and config, on a free port, static files collected into tmp_path."""
    port = _free_port()
    env = {**ENV, "GAOQI_STATIC_ROOT": str(tmp_path / "static"), "GAOQI_BIND": f"127.0.0.1:{port}"}
    collected = _run("manage.py", "collectstatic", "--noinput", "-v", "0", **env)
    assert collected.returncode == 0, collected.stderr
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GAOQI_") and k != "DATABASE_URL"}
    environ.pop("DJANGO_SETTINGS_MODULE", None)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = tmp_path / "server.log"
    with log.open("w") as out:
        command = [str(gunicorn), "--config", "python:gaoqi.config.gunicorn", "--workers", "1"]
        process = subprocess.Popen(
            [*command, "gaoqi.config.wsgi:application"], cwd=ROOT, env={**environ, **env}, stdout=out, stderr=out
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(f"{base}/accounts/login/", Host=HOST)
            break
        except OSError:
            time.sleep(0.2)
    yield base, log
    process.terminate()
    process.wait(timeout=30)


def test_the_production_server_serves_pages_and_fingerprinted_compressed_static_files(server):
    base, log = server
    status, headers, body = _get(f"{base}/accounts/login/", Host=HOST, **{"X-Request-ID": "proxy-abc-123"})
    assert status == 200
    assert headers["X-Request-ID"] == "proxy-abc-123"
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    htmx = re.search(r'src="(/static/vendor/htmx\.min\.[^"]+)"', body.decode()).group(1)
    assert htmx != "/static/vendor/htmx.min.js"  # fingerprinted
    status, headers, _body = _get(f"{base}{htmx}", Host=HOST, **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]
    assert _get(f"{base}/accounts/login/", Host="attacker.example.com")[0] == 400  # not an allowed host
    assert "rid=proxy-abc-123" in log.read_text()  # the access log carries the id


def test_an_error_is_logged_to_stderr_with_the_request_id_the_response_carries(server):
    base, log = server
    status, headers, _body = _get(f"{base}/portal/", Host=HOST, Cookie="sessionid=anything")  # no such database
    assert status == 500
    rid = headers["X-Request-ID"]
    assert len(rid) == 32
    text = log.read_text()
    assert f"ERROR [{rid}] django.request: Internal Server Error: /portal/" in text
    assert "Traceback" in text
    _status, headers, _body = _get(f"{base}/accounts/login/", Host=HOST, **{"X-Request-ID": "x] INFO forged line"})
    assert headers["X-Request-ID"] != "x] INFO forged line"
