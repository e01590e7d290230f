"""Browser fixtures: Playwright on the system Chromium against the live test server, screenshots in test-artifacts/."""

import re
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from gaoqi.core.pdf import CHROMIUM, CHROMIUM_FLAGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture
def page(live_server, monkeypatch):
    if not Path(CHROMIUM).exists():
        pytest.fail("需要系统 Chromium：apt-get install -y chromium fonts-wqy-microhei")
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    # Playwright's sync API runs the test in another context, where Django opens fresh connections: close both
    # sides' connections so PostgreSQL can drop the test database afterwards.
    connections.close_all()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        page = browser.new_page(base_url=live_server.url, locale="zh-CN")
        page.set_default_timeout(15_000)
        yield page
        browser.close()
        connections.close_all()


def shot(page, name):
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def log_in(page, username, password):
    """Sign in through the login page, starting from a fresh session."""
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", password)
    page.click("button.primary")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
