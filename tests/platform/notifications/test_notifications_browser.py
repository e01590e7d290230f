"""The inbox journey in the system Chromium: unread count, click-through, preferences, webhooks, unsubscribe."""

import re

import pytest
from playwright.sync_api import expect

from gaoqi.apps.notifications.channels import unsubscribe_token
from gaoqi.apps.notifications.models import Notice, Preference
from gaoqi.apps.notifications.services import NoticeSpec, notify
from tests.platform.browser import shot
from tests.platform.conftest import PASSWORD

pytestmark = pytest.mark.browser


def login(page, username):
    page.goto("/accounts/login/")
    page.fill("[name=username]", username)
    page.fill("[name=password]", PASSWORD)
    page.click("button.primary")


def test_an_enterprise_admin_reads_a_notice_sets_a_digest_and_adds_a_webhook(page, cast):
    notify(
        [
            NoticeSpec(
                user_id=cast.owner.id,
                topic=topic,
                title=title,
                body="贵企业可在 12 月 31 日前申报。",
                reason="研发费用占销售收入 6.0% ≥ 5%（第十一条（五））",
                dedupe_key=key,
                link="/notifications/preferences/",
            )
            for key, topic, title in [
                ("policy:1", "policy", "2026 年度研发费用后补助申报提醒"),
                ("training:1", "training", "高企认定申报实务培训（黄埔站）"),
            ]
        ]
    )
    login(page, "owner")
    page.goto("/notifications/")
    expect(page.locator(".nav-inbox .badge")).to_have_text("2")
    expect(page.locator(".notice").first).to_contain_text("推送理由：研发费用占销售收入 6.0% ≥ 5%")
    shot(page, "notifications-inbox")

    page.click("text=2026 年度研发费用后补助申报提醒")
    expect(page).to_have_url(re.compile(r"/notifications/preferences/$"))
    expect(page.locator(".nav-inbox .badge")).to_have_text("1")
    assert Notice.objects.get(dedupe_key="policy:1").clicked_at is not None

    page.select_option("[name=mode]", "daily")
    page.fill("[name=quiet_start]", "22:00")
    page.click("button.primary")
    expect(page.locator(".error").first).to_contain_text("免打扰时段需要同时填写开始和结束时间")
    expect(page.locator("[name=quiet_start]")).to_have_value("22:00")
    page.fill("[name=quiet_end]", "08:00")
    page.click("button.primary")
    expect(page.locator(".msg.success")).to_contain_text("通知偏好已保存")
    shot(page, "notifications-preferences")
    assert Preference.objects.get(user=cast.owner).mode == "daily"

    page.goto("/notifications/webhooks/")
    page.fill("[name=url]", "https://erp.huaxin.cn/gaoqi")
    page.check("[name=topics][value=policy]")
    page.click("button.primary")
    expect(page.locator(".msg.success")).to_contain_text("签名密钥")
    expect(page.locator("table.grid")).to_contain_text("https://erp.huaxin.cn/gaoqi")
    shot(page, "notifications-webhooks")


def test_one_click_unsubscribe_works_without_logging_in(page, cast):
    page.goto(f"/notifications/unsubscribe/{unsubscribe_token(cast.colleague.id, 'training')}/")
    expect(page.locator("main")).to_contain_text("确认不再接收“培训活动”的邮件？")
    page.click("button.primary")
    expect(page.locator("main")).to_contain_text("已退订“培训活动”的邮件")
    shot(page, "notifications-unsubscribed")
    assert Preference.objects.get(user=cast.colleague).muted_topics == ["training"]
