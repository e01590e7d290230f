"""The policy journeys in the system Chromium: the editor's live preview, publishing, and 我的政策."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from gaoqi.apps.policies.models import Broadcast, Policy
from tests.platform.browser import shot
from tests.platform.conftest import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")


def test_bureau_writes_criteria_with_a_live_preview_and_publishes(page, cast, make_assessment, run_worker):
    make_assessment(cast.ours)
    login(page, "bureau")
    page.goto("/policies/new/")
    page.fill("[name=title]", "研发费用加计扣除")
    page.fill("[name=issuer]", "财政部、国家税务总局")
    page.select_option("[name=level]", "national")
    page.select_option("[name=category]", "tax")
    page.fill("[name=summary]", "研发费用加计扣除100%。")
    page.fill("[name=criteria]", "hte.eligible and hte.rd_ratoi >= 5%")
    expect(page.locator("#preview .error")).to_contain_text("第1行第18列：未知变量“hte.rd_ratoi”")
    page.fill("[name=criteria]", "hte.eligible and hte.rd_ratio >= 5%")
    expect(page.locator("#preview")).to_contain_text("1 家企业符合，0 家接近符合，1 家缺少数据")
    shot(page, "policy-editor-preview")
    page.click("button.primary")
    expect(page).to_have_url(re.compile(r"/policies/\d+/$"))
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("text=发布并推送")
    expect(page.locator(".msg").first).to_contain_text("已发布")
    run_worker()
    page.reload()
    expect(page.locator("table.grid").first).to_contain_text("黄埔区")
    shot(page, "policy-detail-funnel")
    assert Policy.objects.get().matches.filter(status="qualify").count() == 1


def test_an_enterprise_reads_why_it_matches_and_marks_it_applied(page, cast, make_assessment, make_policy):
    make_assessment(cast.ours)
    make_policy("hte.eligible and hte.rd_ratio >= 6%", status=Policy.Status.PUBLISHED)
    login(page, "owner")
    page.goto("/policies/mine/")
    expect(page.locator(".policy-match")).to_contain_text("实际5.4%，差 0.6 个百分点")
    shot(page, "policy-mine")
    page.click(".policy-match h2 a")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("text=标记为已申报")
    expect(page.locator(".msg").first).to_contain_text("已标记为已申报")


def test_saving_a_published_policy_unchanged_keeps_its_dates_and_version(page, cast, make_policy, sent):
    policy = make_policy(
        status=Policy.Status.PUBLISHED,
        opens_on=datetime.date(2026, 3, 1),
        closes_on=datetime.date(2026, 4, 30),
        full_text="第一条\n第二条",
        districts=["440112", "440106"],
    )
    login(page, "bureau")
    page.goto(f"/policies/{policy.pk}/edit/")
    expect(page.locator("[name=opens_on]")).to_have_value("2026-03-01")
    page.click("#policy-form button.primary")
    expect(page).to_have_url(re.compile(rf"/policies/{policy.pk}/$"))
    policy.refresh_from_db()
    assert (policy.opens_on, policy.closes_on, policy.version) == (
        datetime.date(2026, 3, 1),
        datetime.date(2026, 4, 30),
        1,
    )
    assert not policy.versions.exists()


def test_cancelling_the_confirmation_leaves_the_policy_as_it_was(page, cast, make_policy, sent):
    draft = make_policy()
    published = make_policy(title="上市补贴", status=Policy.Status.PUBLISHED)
    login(page, "bureau")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.goto(f"/policies/{draft.pk}/")
    page.click("text=发布并推送")
    page.goto(f"/policies/{published.pk}/")
    page.click("text=撤回")
    page.goto("/policies/broadcast/")
    page.fill("[name=title]", "培训")
    page.fill("[name=body]", "欢迎参加")
    page.check("[name=citywide]")
    page.click("form button.primary")
    expect(page).to_have_url(re.compile(r"/policies/broadcast/$"))
    assert asked == [
        "发布后将匹配全部企业并推送通知，确定发布？",
        "撤回后企业将看不到该政策，确定撤回？",
        "通知发出后无法撤回，确定发送？",
    ]
    draft.refresh_from_db()
    published.refresh_from_db()
    assert (draft.status, published.status) == (Policy.Status.DRAFT, Policy.Status.PUBLISHED)
    assert not Broadcast.objects.exists()
