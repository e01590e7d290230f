"""In Chromium: an enterprise submits a request with a file → the mentor resolves it → the enterprise rates it."""

import re

import pytest
from playwright.sync_api import expect

from tests.platform.browser import ARTIFACTS, shot
from tests.platform.conftest import PASSWORD
from tests.platform.servicedesk.servicedesk_setup import PDF

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")


def test_an_enterprise_submits_the_mentor_resolves_and_the_enterprise_rates(page, desk, tmp_path):
    attachment = tmp_path / "专利清单.pdf"
    attachment.write_bytes(PDF)

    login(page, "owner")
    page.click("nav >> text=有求必应")
    page.click("text=提交服务需求")
    page.select_option("[name=category]", "ip")
    page.fill("[name=description]", "目前有 1 件发明专利，想了解还需要补充哪些核心知识产权。")
    page.click("button.primary")
    expect(page.locator(".has-error .error")).to_contain_text("必填")
    expect(page.locator("[name=description]")).to_have_value("目前有 1 件发明专利，想了解还需要补充哪些核心知识产权。")
    page.fill("[name=title]", "发明专利布局咨询")
    page.set_input_files("[name=attachments]", str(attachment))
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/servicedesk/\d+/$"))
    expect(page.locator(".msg").first).to_contain_text("需求已提交，承办方：服务导师")
    expect(page.locator(".route-reason")).to_have_count(0)
    shot(page, "servicedesk-submitted")
    detail = page.url

    login(page, "mentor")
    page.goto(detail)
    expect(page.locator(".route-reason")).to_contain_text("企业的服务导师 mentor")
    page.click("button[value=accepted]")
    expect(page.locator("h1 .badge").first).to_have_text("已受理")
    page.fill("[name=note]", "已梳理专利布局方案，建议年内再申请 2 件发明专利。")
    page.click("button[value=resolved]")
    expect(page.locator("h1 .badge").first).to_have_text("已解决")
    with page.expect_download() as download:
        page.click("text=专利清单.pdf")
    download.value.save_as(ARTIFACTS / "servicedesk-attachment.pdf")
    assert (ARTIFACTS / "servicedesk-attachment.pdf").read_bytes() == PDF
    shot(page, "servicedesk-resolved")

    login(page, "owner")
    page.goto(detail)
    page.select_option("[name=rating]", "5")
    page.fill("[name=comment]", "响应很快，方案实用。")
    page.click("button[value=rated]")
    expect(page.locator("h1 .badge").first).to_have_text("已评价")
    expect(page.locator(".rating")).to_contain_text("5 / 5")
    expect(page.locator("table.events tbody tr")).to_have_count(4)
    shot(page, "servicedesk-rated")

    login(page, "bureau")
    page.click("nav >> text=服务看板")
    expect(page.locator("#kpi-satisfaction")).to_contain_text("5.00 / 5")
    expect(page.locator("#sd-rating-chart canvas")).to_be_visible()
    shot(page, "servicedesk-dashboard")
