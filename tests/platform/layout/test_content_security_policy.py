"""The Content-Security-Policy: on every response of every page, endpoint and error, and nothing in the templates that
it would refuse (the browser side is in test_layout_browser.py)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.platform.layout.site_pages import ROLES, build_world, get, log_in, urls

TEMPLATES = Path(settings.BASE_DIR, "gaoqi").rglob("templates/**/*.html")
PRINTED = "_pdf.html"  # printed to PDF by Chromium from a string (gaoqi.core.pdf), never served: no policy applies
REQUIRED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}
REFUSED = {
    "an inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I),
    "an inline event handler": re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I),
    "an inline style": re.compile(r"<style\b|\sstyle\s*=", re.I),
    "a javascript: address": re.compile(r"javascript:", re.I),
}
OTHER_ADDRESSES = ["/api/v1/docs", "/api/v1/openapi.json", "/api/v1/me", "/admin/", "/admin/login/", "/no-such-page/"]


def policy_of(response) -> dict[str, str]:
    header = response.headers.get("Content-Security-Policy", "")
    return dict(part.strip().split(" ", 1) for part in header.split(";") if part.strip())


def assert_protected(response, url: str) -> None:
    policy = policy_of(response)
    missing = {d: v for d, v in REQUIRED.items() if policy.get(d) != v}
    assert not missing, (url, response.status_code, policy)


@pytest.fixture
def world(db, settings, tmp_path):
    settings.PDF_CHROMIUM = "/nonexistent/chromium"  # PDF downloads answer 503 at once instead of printing
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def test_every_page_endpoint_and_error_carries_the_policy_for_every_role(client, world):
    addresses = [url for group in urls(world).values() for url in group] + OTHER_ADDRESSES
    for role in ROLES:
        log_in(client, role)
        for url in addresses:
            assert_protected(get(client, url), f"{role} GET {url}")
    assert_protected(client.post("/accounts/login/", {"username": "x", "password": "y"}), "POST /accounts/login/")


def test_the_policy_allows_no_inline_script_and_no_other_origin(settings):
    script = settings.SECURE_CSP["script-src"]
    assert script == ["'self'"]
    assert all(v in ("'self'", "'none'", "data:") for values in settings.SECURE_CSP.values() for v in values)


@pytest.mark.parametrize("template", sorted(t for t in TEMPLATES if not t.name.endswith(PRINTED)), ids=lambda t: t.name)
def test_no_template_holds_what_the_policy_refuses(template):
    text = template.read_text()
    found = [what for what, pattern in REFUSED.items() if pattern.search(text)]
    assert not found, f"{template}: {', '.join(found)}; move code to a static file and data to json_script"


def test_every_route_answers_some_role(client, world):
    """A route that refuses every signed-in role (403/404) was given a sample that opens nothing, so its page would go
    untried by the layout test."""
    answers = {url: set() for group in urls(world).values() for url in group}
    for role in ROLES[1:]:
        log_in(client, role)
        for url, seen in answers.items():
            seen.add(get(client, url).status_code)
    refused = {url: seen for url, seen in answers.items() if seen <= {403, 404}}
    assert not refused, refused
