"""On a phone the menus open off-canvas; the large-type and high-contrast switch works from the top bar and stays on;
a chart's tooltip appears without breaking the Content-Security-Policy."""

import re

import pytest
from playwright.sync_api import expect

from gaoqi.apps.mentoring.models import Station
from tests.platform.browser import shot
from tests.platform.conftest import PASSWORD
from tests.platform.layout.test_layout_browser import PAGE_CHECKS, PHONE

pytestmark = pytest.mark.browser
OPEN = re.compile(r"^(?!.*\bshowing\b).*\bshow\b")  # Bootstrap's off-canvas once its slide-in has finished


def log_in(page, username, *, keep_cookies=False):
    if not keep_cookies:
        page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def station(cast):
    station = Station.objects.create(name="黄埔科学城服务站", organisation="开发区科创中心", district="440112")
    station.operators.add(cast.station)
    return station


def test_on_a_phone_staff_open_the_sidebar_off_canvas_and_follow_an_entry(page, cast):
    page.set_viewport_size(PHONE)
    log_in(page, "bureau")
    sidebar = page.locator("#sidebar")
    expect(sidebar).to_be_hidden()
    page.get_by_role("button", name="打开菜单").click()
    expect(sidebar).to_have_class(OPEN)
    expect(sidebar.locator(".sidebar-heading")).to_have_text(
        [
            "工作台",
            "政策服务",
            "有求必应",
            "金融惠企",
            "科创学堂",
            "产品兴企",
            "导师与工作站",
            "梯次培育与精选",
            "系统管理",
        ]
    )
    shot(page, "menu-phone-bureau-open")
    sidebar.get_by_role("link", name="服务看板").click()
    expect(page).to_have_url(re.compile(r"/servicedesk/dashboard/$"))
    expect(page.locator("#sidebar")).to_be_hidden()
    expect(page.locator('#sidebar a[aria-current="page"]')).to_have_text("服务看板")


def test_on_a_phone_an_enterprise_opens_its_top_menu_off_canvas(page, cast):
    page.set_viewport_size(PHONE)
    log_in(page, "owner")
    menu = page.locator("#top-menu")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="打开菜单").click()
    expect(menu).to_have_class(OPEN)
    shot(page, "menu-phone-enterprise-open")
    menu.get_by_role("link", name="我的政策").click()
    expect(page).to_have_url(re.compile(r"/policies/mine/$"))


def test_on_a_laptop_the_sidebar_stays_open_beside_the_page(page, cast):
    log_in(page, "district")
    expect(page.locator("#sidebar")).to_be_visible()
    expect(page.get_by_role("button", name="打开菜单")).to_be_hidden()


def test_large_type_and_high_contrast_are_switched_from_the_top_bar_and_stay_on(page, cast):
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")
    html = page.locator("html")
    page.get_by_role("button", name="无障碍与语言").click()
    page.get_by_role("button", name="大字号").click()
    expect(html).to_have_class("a11y-large")
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 20
    page.get_by_role("button", name="无障碍与语言").click()
    page.get_by_role("button", name="高对比度").click()
    expect(html).to_have_class(re.compile(r"\ba11y-contrast\b"))
    log_in(page, "owner", keep_cookies=True)
    expect(html).to_have_class(re.compile(r"^(?=.*\ba11y-large\b)(?=.*\ba11y-contrast\b)"))
    shot(page, "display-large-contrast-phone")
    page.get_by_role("button", name="无障碍与语言").click()
    expect(page.get_by_role("button", name="大字号")).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="大字号").click()
    expect(html).to_have_class("a11y-contrast")


def test_a_chart_tooltip_shows_without_a_policy_violation(page, cast, station):
    page.add_init_script(path=PAGE_CHECKS)
    page.goto("/mentoring/stations/")
    chart = page.locator("#station-chart canvas").first
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    for step in range(1, 12):
        page.mouse.move(box["x"] + box["width"] * step / 12, box["y"] + box["height"] * 0.8)
    shot(page, "chart-tooltip")
    assert page.evaluate("pageChecks.violations") == []
