"""Browser journey: the bureau drafts a yearly list, a district comments, the bureau removes an enterprise with a
reason and publishes the list."""

import re

import pytest
from playwright.sync_api import expect

from tests.platform.browser import shot
from tests.platform.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def test_the_bureau_drafts_reviews_and_publishes_a_list(page, cast, version):
    _login(page, "bureau")
    page.goto("/rankings/lists/")
    page.select_option("[name=kind]", "reserve")
    page.fill("[name=year]", "2026")
    page.fill("[name=size]", "10")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/rankings/lists/\d+/$"))
    list_url = page.url
    expect(page.locator("#entries tbody tr")).to_have_count(2)
    expect(page.locator("#list-status")).to_have_text("草稿")

    _login(page, "district")
    page.goto(list_url)
    expect(page.locator("#entries tbody tr")).to_have_count(1)  # only 黄埔's entry
    page.fill("[name=text]", "建议关注华芯的上市辅导进展")
    page.click("text=提交意见")
    expect(page.locator("#comments")).to_contain_text("建议关注华芯的上市辅导进展")

    _login(page, "bureau")
    page.goto(list_url)
    row = page.locator("#entries tbody tr", has_text="天河云")
    row.locator("[name=reason]").fill("近三年无研发投入记录")
    row.locator("button", has_text="移出").click()
    expect(page.locator("#removed")).to_contain_text("近三年无研发投入记录")
    for step, status in (("提交审核", "审核中"), ("批准", "已批准")):
        page.click(f"button:has-text('{step}')")
        expect(page.locator("#list-status")).to_have_text(status)
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.click("button:has-text('发布')")
    expect(page.locator("#list-status")).to_have_text("已批准")  # cancelled: nothing sent
    assert "确定发布" in asked[0]
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button:has-text('发布')")
    expect(page.locator("#list-status")).to_have_text("已发布")
    shot(page, "rankings-list-published")


def test_the_bureau_lowers_a_band_raises_the_reward_and_sees_who_gains(page, cast, version):
    _login(page, "bureau")
    page.goto("/rankings/whatif/")
    page.fill("[name=name]", "研发强度只看 5%")
    page.fill("[name=eligibility]", "not listed")
    page.fill("[name=reward]", "300000")
    for key in ("invention_per_100", "revenue_growth", "hightech_share", "st_staff_ratio", "financing", "awards"):
        page.fill(f"[name={key}_weight]", "0")
    page.fill("[name=rd_intensity_bands]", "5%:1")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/rankings/whatif/\d+/$"))
    expect(page.locator("#what-if-totals")).to_contain_text("0 → 1")
    expect(page.locator("#what-if-districts")).to_contain_text("黄埔区")
    shot(page, "rankings-what-if")
    page.goto("/rankings/whatif/")
    expect(page.locator("#scenarios")).to_contain_text("研发强度只看 5%")
