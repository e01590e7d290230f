"""Every page of every role in Chromium at a phone's width (390 px) and a laptop's (1366 px): nothing wider than the
screen, every chart's legend clear of its axes and the chart as wide as its box, no Content-Security-Policy violation,
no script error (checks in page_checks.js); then each role's main pages (its menu) on the phone in large type and high
contrast, and in English. The API docs and the admin run under the same policy.

Screenshots of the main pages, and of any page that fails, land in test-artifacts/layout/<role>/<width>/.
"""

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from gaoqi.web.display import COOKIE
from tests.platform.browser import ARTIFACTS
from tests.platform.conftest import PASSWORD
from tests.platform.layout.site_pages import DEMO_PASSWORD, build_world, pages_by_role

pytestmark = pytest.mark.browser

PHONE, LAPTOP = {"width": 390, "height": 844}, {"width": 1366, "height": 768}
PAGE_CHECKS = Path(__file__).with_name("page_checks.js")
SETTLED = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
MENU = "nav.main-menu a.nav-link"
VARIANTS = {  # each role's main pages are also tried on the phone in these
    "large-contrast": [(COOKIE, "contrast,large")],
    "english": [(COOKIE, ""), (django_settings.LANGUAGE_COOKIE_NAME, "en")],
}


@pytest.fixture
def world(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PDF_CHROMIUM = "/nonexistent/chromium"
    return build_world()


def log_in(page, role: str) -> None:
    page.context.clear_cookies()
    if role == "anonymous":
        return
    page.goto("/accounts/login/")
    page.fill("[name=username]", role)
    page.fill("[name=password]", DEMO_PASSWORD)
    page.click("button.primary")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def main_pages(page, pages: list[str]) -> set[str]:
    """The role's home and the pages of its menu (every page for a visitor, who has no menu)."""
    page.goto("/")
    menu = page.locator(MENU).evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    return {urlsplit(page.url).path, *menu} if menu else set(pages)


def failed_asset(response) -> bool:
    """A script, style sheet, font or image of the site's static files that did not load. (Pictures drawn by views,
    such as check-in QR codes, have tests of their own; the live server shares one SQLite connection between its
    threads, so several loading at once can fail here for no fault of theirs.)"""
    return response.status >= 400 and "/static/" in response.url


def check(page, url: str, sizes, shots: str | None) -> list:
    """Open ``url`` at the first size, narrow it to the next; what is wider than the screen and what is wrong with the
    charts at each, and any policy violation. A screenshot under ``shots`` (under failed/ when the page overflows)."""
    page.set_viewport_size(sizes[0])
    page.goto(url)
    found = []
    for size in sizes:
        page.set_viewport_size(size)
        page.evaluate(SETTLED)
        overflow = page.evaluate("pageChecks.overflow()")
        if overflow:
            found.append((url, size["width"], overflow))
        if charts := page.evaluate("pageChecks.charts()"):
            found.append((url, size["width"], charts))
        if shots or overflow:
            name = re.sub(r"[^\w.-]+", "_", url.strip("/"))[:80] or "home"
            page.screenshot(
                path=str(ARTIFACTS / "layout" / (shots or "failed") / str(size["width"]) / f"{name}.png"),
                full_page=True,
            )
    if violations := page.evaluate("pageChecks.violations"):
        found.append((url, "CSP", violations))
    return found


def test_every_page_fits_a_phone_and_a_laptop_without_csp_violations(page, client, live_server, world):
    pages = pages_by_role(client, world)
    page.add_init_script(path=PAGE_CHECKS)
    problems, console = [], []
    page.on(
        "console", lambda m: m.type == "error" and "Failed to load resource" not in m.text and console.append(m.text)
    )
    page.on("pageerror", lambda e: console.append((page.url, str(e))))
    page.on("response", lambda r: failed_asset(r) and console.append((r.status, r.url)))
    for role, urls in pages.items():
        log_in(page, role)
        main = main_pages(page, urls)
        for url in urls:
            problems += [(role, *p) for p in check(page, url, (LAPTOP, PHONE), role if url in main else None)]
        for variant, cookies in VARIANTS.items():
            page.context.add_cookies([{"name": n, "value": v, "url": f"{live_server.url}/"} for n, v in cookies])
            for url in sorted(main):
                problems += [(role, variant, *p) for p in check(page, url, (PHONE,), f"{role}-{variant}")]
    assert not problems, "\n".join(map(str, problems))
    assert not console, console
    assert sum(map(len, pages.values())) > 150, {role: len(urls) for role, urls in pages.items()}


def test_the_api_docs_and_the_admin_run_under_the_policy(page, cast):
    page.add_init_script(path=PAGE_CHECKS)
    page.goto("/accounts/login/")
    page.fill("[name=username]", "bureau")
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.evaluate("pageChecks.violations") == []
    page.goto("/admin/")
    expect(page.locator("#content")).to_be_visible()
    assert page.evaluate("pageChecks.violations") == []
