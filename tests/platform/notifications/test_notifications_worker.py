"""The delivery worker against a real SMTP server and a real HTTP endpoint: retries, backoff, dead letters, holds."""

import datetime
import hashlib
import hmac

import pytest
from django.utils import timezone

from gaoqi.apps.notifications.models import Delivery, DeliveryState, Preference, WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, notify
from gaoqi.apps.notifications.worker import claim, deliver_pass
from tests.platform.notifications.conftest import free_port


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime(2026, 12, day, hour, minute))


NOON = at(1, 12)


@pytest.fixture(autouse=True)
def _notices_written_at_noon(clock):
    clock.at(NOON)


def send(user, key="policy:7", topic="policy", enterprise_id=None):
    return notify(
        [
            NoticeSpec(
                user_id=user.id,
                topic=topic,
                title=f"通知 {key}",
                body="符合条件，可在 12 月 31 日前申报。",
                reason="研发费用占比 6.0% ≥ 5%（第十一条（五））",
                dedupe_key=key,
                link="/policies/7/",
                enterprise_id=enterprise_id,
            )
        ]
    )


def test_an_email_carries_the_reason_a_stable_message_id_and_one_click_unsubscribe(cast, smtp_sink):
    send(cast.owner)
    assert deliver_pass(NOON) == 1
    (message,) = smtp_sink.messages
    delivery = Delivery.objects.get()
    assert message["Message-ID"] == f"<email-{delivery.notice_id}@gaoqi.example.cn>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Unsubscribe"].startswith("<http://127.0.0.1:8000/notifications/unsubscribe/")
    text = message.get_content()
    assert "推送理由：研发费用占比 6.0% ≥ 5%（第十一条（五））" in text
    assert f"/notifications/{delivery.notice_id}/open/" in text
    assert (delivery.state, delivery.attempts) == (DeliveryState.SENT, 1)


def test_smtp_down_is_retried_later_and_nothing_is_lost(cast, settings, smtp_sink):
    settings.MAILERS["default"]["OPTIONS"]["port"] = free_port()
    send(cast.owner)
    deliver_pass(NOON)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, 1)
    assert delivery.next_attempt_at == NOON + datetime.timedelta(seconds=60)
    assert "Connection refused" in delivery.last_error or "ConnectionRefused" in delivery.last_error
    assert deliver_pass(NOON + datetime.timedelta(seconds=30)) == 0
    settings.MAILERS["default"]["OPTIONS"]["port"] = smtp_sink.port
    assert deliver_pass(NOON + datetime.timedelta(seconds=61)) == 1
    assert len(smtp_sink.messages) == 1
    assert Delivery.objects.get().state == DeliveryState.SENT


def test_a_delivery_abandoned_mid_send_is_resent_with_the_same_message_id(cast, settings, smtp_sink):
    send(cast.owner)
    _token, [delivery] = claim(Delivery.objects.all(), NOON, limit=10)
    assert deliver_pass(NOON) == 0
    later = NOON + datetime.timedelta(seconds=settings.NOTIFICATIONS["lease_seconds"] + 1)
    assert deliver_pass(later) == 1
    assert smtp_sink.message_ids() == [f"<email-{delivery.notice_id}@gaoqi.example.cn>"]


def test_a_webhook_is_signed_over_the_raw_body(cast, webhook_sink):
    hook = WebhookSubscription.objects.create(enterprise=cast.ours, url=webhook_sink.url)
    send(cast.owner, enterprise_id=cast.ours.id)
    deliver_pass(NOON)
    (call,) = webhook_sink.calls
    expected = hmac.new(hook.secret.encode(), call["body"], hashlib.sha256).hexdigest()
    assert call["headers"]["X-Gaoqi-Signature"] == f"sha256={expected}"
    delivery = Delivery.objects.get(channel="webhook")
    assert call["headers"]["X-Gaoqi-Delivery"] == delivery.idempotency_key == call["json"]["id"]
    assert call["headers"]["X-Gaoqi-Timestamp"] == str(call["json"]["timestamp"])
    assert call["json"]["reason"].startswith("研发费用占比")
    assert call["json"]["link"] == "http://127.0.0.1:8000/policies/7/"


def test_a_failing_webhook_backs_off_then_becomes_a_dead_letter(cast, settings, webhook_sink):
    WebhookSubscription.objects.create(enterprise=cast.ours, url=webhook_sink.url)
    webhook_sink.statuses = [500] * 10
    send(cast.owner, enterprise_id=cast.ours.id)
    now, waits = NOON, []
    for _ in range(settings.NOTIFICATIONS["max_attempts"]):
        deliver_pass(now)
        delivery = Delivery.objects.get(channel="webhook")
        waits.append((delivery.next_attempt_at - now).total_seconds())
        now = delivery.next_attempt_at
    assert waits[:5] == [60, 120, 240, 480, 960]
    assert (delivery.state, delivery.attempts) == (DeliveryState.DEAD, 6)
    assert "HTTP Error 500" in delivery.last_error
    assert deliver_pass(now + datetime.timedelta(days=1)) == 0
    assert len(webhook_sink.calls) == 6


def test_quiet_hours_hold_an_email_until_they_end(cast, smtp_sink):
    Preference.objects.create(user=cast.owner, quiet_start=datetime.time(22), quiet_end=datetime.time(8))
    send(cast.owner)
    deliver_pass(at(1, 23, 30))
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.next_attempt_at) == ("pending", 0, at(2, 8))
    assert not smtp_sink.messages
    deliver_pass(at(2, 8))
    assert len(smtp_sink.messages) == 1


def test_over_the_daily_cap_is_held_for_the_next_digest_never_dropped(cast, smtp_sink):
    Preference.objects.create(user=cast.owner, daily_cap=2)
    for n in range(3):
        send(cast.owner, key=f"policy:{n}")
    deliver_pass(NOON)
    assert len(smtp_sink.messages) == 2
    held = Delivery.objects.get(state=DeliveryState.PENDING)
    assert (held.digest_key, held.next_attempt_at) == ("daily-2026-12-02", at(2, 8))
    deliver_pass(at(2, 8))
    assert len(smtp_sink.messages) == 3
    assert smtp_sink.messages[-1]["Message-ID"] == f"<digest-{cast.owner.id}-daily-2026-12-02@gaoqi.example.cn>"


def test_a_daily_digest_gathers_the_period_into_one_email(cast, smtp_sink):
    Preference.objects.create(user=cast.owner, mode="daily")
    for n in range(3):
        send(cast.owner, key=f"policy:{n}")
    due = Delivery.objects.first().next_attempt_at
    assert deliver_pass(due - datetime.timedelta(minutes=1)) == 0
    assert deliver_pass(due) == 3
    (message,) = smtp_sink.messages
    text = message.get_content()
    assert all(f"通知 policy:{n}" in text for n in range(3))
    assert "3" in message["Subject"]
    assert set(Delivery.objects.values_list("state", flat=True)) == {DeliveryState.SENT}


def test_an_email_muted_before_sending_is_skipped(cast, smtp_sink):
    send(cast.owner)
    Preference.objects.create(user=cast.owner, muted_topics=["policy"])
    deliver_pass(NOON)
    assert not smtp_sink.messages
    assert Delivery.objects.get().state == DeliveryState.SKIPPED


@pytest.mark.parametrize("mode", ["daily", "weekly"])
def test_a_digest_slot_is_the_next_digest_hour(cast, mode):
    from gaoqi.apps.notifications.schedule import digest_slot

    key, when = digest_slot(mode, at(2, 9))  # a Wednesday, after 08:00
    expected = at(3, 8) if mode == "daily" else at(7, 8)
    assert (key, when) == (f"{mode}-{timezone.localtime(expected).date()}", expected)


def test_a_webhook_retry_carries_the_same_delivery_id(cast, webhook_sink):
    WebhookSubscription.objects.create(enterprise=cast.ours, url=webhook_sink.url)
    webhook_sink.statuses = [503]
    send(cast.owner, enterprise_id=cast.ours.id)
    deliver_pass(NOON)
    deliver_pass(NOON + datetime.timedelta(minutes=2))
    first, second = webhook_sink.calls
    assert first["headers"]["X-Gaoqi-Delivery"] == second["headers"]["X-Gaoqi-Delivery"]
    assert first["json"]["id"] == second["json"]["id"]
    assert Delivery.objects.get(channel="webhook").state == DeliveryState.SENT
