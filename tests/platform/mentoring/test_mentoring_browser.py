"""Mentoring journeys in the system Chromium: the station map chart, matching, the mentor's visit log."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from gaoqi.apps.enterprises.models import MentorAssignment
from tests.platform.browser import shot

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", "gaoqi-demo")
    page.click("button.primary")


def test_stations_matching_and_a_mentor_visit(page):
    call_command("demo", enterprises=60, seed=3, verbosity=0)
    call_command("demo_mentoring", verbosity=0)
    page.goto("/mentoring/stations/")
    expect(page.locator(".kpi")).to_contain_text("覆盖 11 / 11 个区")
    expect(page.locator("#station-chart canvas")).to_be_visible()
    shot(page, "mentoring-stations")

    login(page, "bureau")
    page.goto("/mentoring/load/")
    expect(page.locator("#load-chart canvas")).to_be_visible()
    shot(page, "mentoring-load")
    page.goto("/mentoring/assignments/")
    page.click("text=运行匹配")
    expect(page.locator(".msg")).to_contain_text("贪心")
    shot(page, "mentoring-assignments")

    login(page, "mentor")
    page.goto("/mentoring/workbench/")
    enterprise = MentorAssignment.objects.filter(mentor__username="mentor").order_by("enterprise__name").first()
    page.click(f"text={enterprise.enterprise.name}")
    expect(page).to_have_url(re.compile(rf"/mentoring/workbench/{enterprise.enterprise_id}/$"))
    page.fill("[name=on]", "2999-01-01")
    page.fill("[name=notes]", "梳理研发费用辅助账")
    page.click("text=保存记录")
    expect(page.locator(".error").first).to_contain_text("不能晚于今天")
    expect(page.locator("[name=notes]")).to_have_value("梳理研发费用辅助账")
    page.fill("[name=on]", "2026-03-02")
    page.click("text=保存记录")
    expect(page.locator(".msg")).to_contain_text("走访记录已保存")
    expect(page.locator("table.grid").last).to_contain_text("梳理研发费用辅助账")
    shot(page, "mentoring-workbench-visit")
