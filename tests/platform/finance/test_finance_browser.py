"""In Chromium: an enterprise files a demand and sends it with consent → the bank asks for documents and approves →
the enterprise sees the approval; the bureau reads the league table."""

import re

import pytest
from playwright.sync_api import expect

from tests.platform.browser import shot
from tests.platform.conftest import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")


def test_a_demand_goes_from_filing_to_approval_and_the_bureau_sees_the_league(page, banks):
    login(page, "owner")
    page.click("nav >> text=融资对接")
    page.click("text=提交融资需求")
    page.fill("[name=amount]", "-5")
    page.fill("[name=term_months]", "24")
    page.fill("[name=purpose]", "中试线建设")
    page.select_option("[name=collateral]", "ip")
    page.click("button.primary")
    expect(page.locator(".has-error .error").first).to_be_visible()
    expect(page.locator("[name=purpose]")).to_have_value("中试线建设")
    page.fill("[name=amount]", "3000000")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/finance/demands/\d+/$"))
    card = page.locator("article.suggestion", has_text="科技易贷")
    expect(card).to_contain_text("金额在 50万元–1,000万元 之间")
    card.locator("label", has_text="近三年财务数据").click()
    card.locator("button", has_text="推送给该机构").click()
    expect(page.locator("table.deals")).to_contain_text("黄埔科技银行")
    shot(page, "finance-demand-sent")
    demand = page.url

    login(page, "banker")
    expect(page.locator("h1")).to_contain_text("黄埔科技银行")
    page.click("table.deals >> text=广州华芯科技有限公司")
    expect(page.locator(".section-finance")).to_be_visible()
    expect(page.locator(".section-ip")).to_have_count(0)
    page.click("button[value=accepted]")
    page.fill("[name=reason]", "请补充近两年审计报告")
    page.click("button[value=documents]")
    expect(page.locator("h1 .badge")).to_have_text("补充材料")
    page.click("button[value=accepted]")
    page.fill("[name=amount]", "2500000")
    page.fill("[name=rate]", "3.45")
    page.click("button[value=approved]")
    expect(page.locator("h1 .badge")).to_have_text("已批准")
    shot(page, "finance-deal-approved")

    login(page, "owner")
    page.goto(demand)
    expect(page.locator("table.deals")).to_contain_text("已批准")
    expect(page.locator("table.deals")).to_contain_text("2500000")

    login(page, "bureau")
    page.click("nav >> text=机构响应排行")
    expect(page.locator("table.league")).to_contain_text("黄埔科技银行")
    shot(page, "finance-league")
