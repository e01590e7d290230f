"""The main journeys in the system Chromium (Playwright), with screenshots in test-artifacts/."""

import os
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from gaoqi.rules.uscc import make_uscc
from tests.platform.browser import ARTIFACTS, shot

YEAR = {
    "employees": "120",
    "st_staff": "30",
    "sales_revenue": "30000000",
    "total_income": "31000000",
    "hightech_income": "25000000",
    "net_assets_end": "20000000",
    "total_assets_end": "40000000",
    "rd_personnel": "1200000",
    "rd_direct_inputs": "400000",
    "rd_depreciation": "100000",
}

pytestmark = pytest.mark.browser


def test_an_enterprise_registers_fills_its_profile_and_reads_its_report(page, run_worker):
    page.goto("/register/")
    for name, value in {
        "username": "huaxin",
        "email": "boss@huaxin.cn",
        "password1": "Kx8-long-enough",
        "password2": "Kx8-long-enough",
        "uscc": make_uscc("91", "440112", "MA5XYW12"),
        "name": "广州华芯科技有限公司",
        "tech_field": "10201",
        "registered_on": "2016-04-01",
    }.items():
        page.fill(f"[name={name}]", value)
    page.select_option("[name=district]", "440112")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/portal/profile/basic/$"))
    page.fill("[name=application_date]", "2026-06-30")
    page.select_option("[name=advancement]", "B")
    page.select_option("[name=core_support]", "B")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/portal/profile/years/$"))
    for i in range(3):
        for field, value in YEAR.items():
            page.fill(f"[name=years-{i}-{field}]", value)
    page.fill("[name=years-2-st_staff]", "999")
    page.click("button.primary")
    expect(page.locator(".error").first).to_contain_text("科技人员数不能超过职工总数")
    expect(page.locator("[name=years-0-sales_revenue]")).to_have_value("30000000")
    shot(page, "profile-inline-error")
    page.fill("[name=years-2-st_staff]", "30")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/portal/profile/ip/$"))
    page.select_option("[name=ip-0-kind]", "invention_patent")
    page.fill("[name=ip-0-granted_on]", "2022-05-01")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/portal/profile/other/$"))
    page.check("[name=rd_system]")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/portal/$"))
    page.click("text=立即自评")
    expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
    expect(page.locator("h2", has_text="八项认定条件")).to_be_visible()
    expect(page.locator("table.conditions tbody tr")).to_have_count(8)
    shot(page, "report")
    page.click("button.pdf-request")
    expect(page.locator("#report-pdf")).to_contain_text("PDF 生成中")
    shot(page, "report-pdf-printing")
    run_worker()
    with page.expect_download() as download:
        page.click("#report-pdf a.pdf")
    pdf = ARTIFACTS / "report.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename.startswith("广州华芯科技有限公司-高企自评报告")


def test_the_bureau_filters_and_watches_a_batch_reach_100_percent(page, run_worker):
    call_command("demo", enterprises=60, seed=3, verbosity=0)
    page.goto("/accounts/login/")
    page.fill("[name=username]", "bureau")
    page.fill("[name=password]", "gaoqi-demo")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/console/$"))
    page.select_option("[name=district]", "440112")
    page.click("form.filters button")
    expect(page.locator("table.grid tbody tr").first).to_contain_text("广州")
    shot(page, "console-filtered")
    page.on("dialog", lambda dialog: dialog.accept())
    page.check("#batch-confirm")
    page.click("text=重新评估全部企业")
    expect(page.locator("#batch")).to_be_visible()
    page.reload()
    expect(page.locator("#batch")).to_be_visible()
    run_worker()
    expect(page.locator("#batch")).to_contain_text("100%", timeout=20_000)
    shot(page, "console-batch-done")
    assert os.path.exists(ARTIFACTS / "console-batch-done.png")
