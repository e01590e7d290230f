"""Pages of 通知: inbox, click-through, preferences, one-click unsubscribe, webhooks, dead letters."""

import re

import pytest

from gaoqi.apps.notifications.channels import unsubscribe_token
from gaoqi.apps.notifications.models import Delivery, DeliveryState, Notice, Preference, WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, notify


@pytest.fixture
def notice(cast):
    notify(
        [
            NoticeSpec(
                user_id=cast.owner.id,
                topic="policy",
                title="黄埔区研发补助申报提醒",
                body="贵企业符合申报条件。",
                reason="研发费用占比 6.0% ≥ 5%",
                dedupe_key="policy:3",
                link="/policies/3/",
                cause="policy:3",
            )
        ]
    )
    return Notice.objects.get()


def nav_unread(page: str) -> str | None:
    """The unread count on the top bar's inbox link, or None when it shows none."""
    link = re.search(r'<a [^>]*class="[^"]*nav-inbox[^"]*".*?</a>', page, re.S).group(0)
    badge = re.search(r'aria-label="未读">(\d+)</span>', link)
    return badge.group(1) if badge else None


def test_the_inbox_shows_the_reason_and_the_unread_count_in_the_nav(client, cast, notice):
    client.force_login(cast.owner)
    page = client.get("/notifications/").content.decode()
    assert "黄埔区研发补助申报提醒" in page
    assert "推送理由：研发费用占比 6.0% ≥ 5%" in page
    assert nav_unread(page) == "1"


def test_marking_read_clears_the_unread_count(client, cast, notice):
    client.force_login(cast.owner)
    client.post(f"/notifications/{notice.id}/read/")
    notice.refresh_from_db()
    assert notice.read_at is not None
    page = client.get("/notifications/").content.decode()
    assert nav_unread(page) is None
    assert ">标为已读</button>" not in page


def test_a_click_through_records_the_click_and_follows_the_link(client, cast, notice):
    client.force_login(cast.owner)
    response = client.get(f"/notifications/{notice.id}/open/")
    assert response.url == "/policies/3/"
    notice.refresh_from_db()
    assert notice.clicked_at is not None
    assert notice.read_at is not None
    first = notice.clicked_at
    client.get(f"/notifications/{notice.id}/open/")
    notice.refresh_from_db()
    assert notice.clicked_at == first


def test_a_link_to_another_site_is_not_followed(client, cast, notice):
    Notice.objects.filter(pk=notice.pk).update(link="https://evil.example.com/")
    client.force_login(cast.owner)
    assert client.get(f"/notifications/{notice.id}/open/").url == "/notifications/"


def test_preferences_are_saved_from_the_form(client, cast):
    client.force_login(cast.owner)
    data = {"topics": ["policy", "training"], "email_enabled": "on", "mode": "weekly", "daily_cap": "3"}
    assert client.post("/notifications/preferences/", data).status_code == 302
    preference = Preference.objects.get(user=cast.owner)
    assert preference.muted_topics == ["service", "mentor", "broadcast", "account", "market"]
    assert (preference.mode, preference.daily_cap) == ("weekly", 3)


def test_half_a_quiet_period_is_refused_in_chinese_keeping_what_was_typed(client, cast):
    client.force_login(cast.owner)
    data = {"topics": ["policy"], "mode": "daily", "daily_cap": "4", "quiet_start": "22:00"}
    response = client.post("/notifications/preferences/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "免打扰时段需要同时填写开始和结束时间。" in page
    assert 'value="22:00"' in page
    assert 'value="4"' in page
    assert not Preference.objects.exists()


def test_a_bad_cap_names_the_field(client, cast):
    client.force_login(cast.owner)
    response = client.post("/notifications/preferences/", {"mode": "daily", "daily_cap": "abc"})
    assert response.status_code == 400
    assert "每日即时邮件上限" in response.content.decode()


def test_unsubscribe_asks_first_then_works_without_login(client, cast):
    url = f"/notifications/unsubscribe/{unsubscribe_token(cast.owner.id, 'policy')}/"
    page = client.get(url).content.decode()
    assert "确认不再接收“政策推送”的邮件？" in page
    assert not Preference.objects.exists()
    assert "已退订“政策推送”的邮件" in client.post(url).content.decode()
    assert Preference.objects.get(user=cast.owner).muted_topics == ["policy"]


def test_rfc_8058_one_click_post_unsubscribes_from_all_email(client, cast):
    url = f"/notifications/unsubscribe/{unsubscribe_token(cast.owner.id, '')}/"
    response = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert Preference.objects.get(user=cast.owner).email_enabled is False


def test_a_tampered_unsubscribe_token_is_refused(client, cast):
    token = unsubscribe_token(cast.owner.id, "policy")
    response = client.post(f"/notifications/unsubscribe/{token[:-2]}xx/")
    assert response.status_code == 400
    assert "退订链接无效" in response.content.decode()
    assert not Preference.objects.exists()


def test_an_admin_adds_a_webhook_and_sees_its_secret_once(client, cast):
    client.force_login(cast.owner)
    response = client.post(
        "/notifications/webhooks/", {"url": "https://erp.example.cn/hook", "topics": ["policy"]}, follow=True
    )
    hook = WebhookSubscription.objects.get()
    assert (hook.enterprise, hook.topics, hook.created_by) == (cast.ours, ["policy"], cast.owner)
    assert hook.secret in response.content.decode()


def test_a_bad_webhook_url_is_refused_in_chinese(client, cast):
    client.force_login(cast.owner)
    response = client.post("/notifications/webhooks/", {"url": "ftp://erp"})
    assert response.status_code == 400
    assert "ftp://erp" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_bureau_retries_a_dead_letter(client, cast, notice):
    delivery = Delivery.objects.get()
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.DEAD, attempts=6, last_error="SMTP down")
    client.force_login(cast.bureau)
    assert "SMTP down" in client.get("/notifications/dead-letters/").content.decode()
    client.post(f"/notifications/dead-letters/{delivery.pk}/retry/")
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (DeliveryState.PENDING, 0)
