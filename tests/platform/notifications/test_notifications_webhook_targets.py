"""Webhooks reach only public addresses: checked when a subscription is saved and again when it is called, at the
address actually connected to; redirects are never followed."""

import datetime
import socket

import pytest
from django.utils import timezone

from gaoqi.apps.notifications import services
from gaoqi.apps.notifications.models import Delivery, DeliveryState, WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, notify
from gaoqi.apps.notifications.worker import deliver_pass
from gaoqi.core.errors import DomainError

NOON = timezone.make_aware(datetime.datetime(2026, 12, 1, 12))


@pytest.fixture(autouse=True)
def _notices_written_at_noon(clock):
    clock.at(NOON)


REFUSED = {
    "http://127.0.0.1/hook": "本机回环地址",
    "http://10.1.2.3/hook": "内网地址",
    "http://172.16.0.1/hook": "内网地址",
    "http://192.168.1.1/hook": "内网地址",
    "http://169.254.169.254/latest/meta-data/": "链路本地地址",
    "http://100.64.0.1/hook": "运营商级 NAT 共享地址",
    "http://224.0.0.1/hook": "组播地址",
    "http://240.0.0.1/hook": "保留地址",
    "http://0.0.0.0/hook": "未指定地址",
    "http://[::1]/hook": "本机回环地址",
    "http://[fc00::1]/hook": "内网地址",
    "http://[fd12:3456::1]/hook": "内网地址",
    "http://[fe80::1]/hook": "链路本地地址",
    "http://[ff02::1]/hook": "组播地址",
    "http://[::]/hook": "未指定地址",
    "http://[::ffff:127.0.0.1]/hook": "本机回环地址",
    "http://[::ffff:169.254.169.254]/hook": "链路本地地址",
    "http://[::ffff:10.0.0.1]/hook": "内网地址",
    "http://[::ffff:100.64.0.1]/hook": "运营商级 NAT 共享地址",
    "http://localhost:8080/hook": "本机回环地址",
}


@pytest.fixture
def strict(settings):
    settings.NOTIFICATIONS = {**settings.NOTIFICATIONS, "webhook_allow_private": False}


def create(cast, url):
    return services.webhook_create(actor=cast.owner, url=url, topics=[])


def send(cast):
    notify(
        [
            NoticeSpec(
                user_id=cast.owner.id,
                topic="policy",
                title="新政策",
                body="符合条件。",
                reason="符合条件",
                dedupe_key="policy:7",
                enterprise_id=cast.ours.id,
            )
        ]
    )


@pytest.mark.parametrize(("url", "kind"), REFUSED.items(), ids=list(REFUSED))
def test_a_subscription_to_a_non_public_address_is_refused_naming_the_url_field(cast, strict, url, kind):
    with pytest.raises(DomainError) as caught:
        create(cast, url)
    assert caught.value.field == "url"
    assert caught.value.message.startswith("回调地址须可从互联网访问")
    assert kind in caught.value.message
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("url", ["https://93.184.216.34/hook", "http://[2606:4700:4700::1111]:8443/gaoqi?x=1"])
def test_a_public_address_is_accepted(cast, strict, url):
    assert create(cast, url).url == url


def test_credentials_in_the_url_are_refused(cast, strict):
    with pytest.raises(DomainError) as caught:
        create(cast, "https://erp:secret@93.184.216.34/hook")
    assert (caught.value.field, caught.value.message) == (
        "url",
        "回调地址不能包含用户名或密码；接收方请用签名密钥验证来源。",
    )


def test_changing_a_subscription_to_an_internal_address_is_refused(cast, strict):
    hook = create(cast, "https://93.184.216.34/hook")
    with pytest.raises(DomainError):
        services.webhook_update(actor=cast.owner, subscription_id=hook.pk, url="http://10.0.0.8/hook")
    hook.refresh_from_db()
    assert hook.url == "https://93.184.216.34/hook"


def test_the_api_answers_400_for_the_metadata_address(client, cast, strict):
    client.force_login(cast.owner)
    body = {"url": "http://169.254.169.254/latest/meta-data/"}
    response = client.post("/api/v1/notifications/webhooks", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["details"] == {"field": "url"}


def test_a_stored_subscription_to_an_internal_address_is_not_called(cast, strict, webhook_sink):
    WebhookSubscription.objects.create(enterprise=cast.ours, url=webhook_sink.url)
    send(cast)
    deliver_pass(NOON)
    delivery = Delivery.objects.get(channel="webhook")
    assert webhook_sink.calls == []
    assert (delivery.state, delivery.next_attempt_at) == (DeliveryState.FAILED, NOON + datetime.timedelta(seconds=60))
    assert "本机回环地址 127.0.0.1" in delivery.last_error


def test_a_name_that_resolves_to_an_internal_address_at_send_time_is_not_called(
    cast, strict, webhook_sink, monkeypatch
):
    port = webhook_sink.server_address[1]
    WebhookSubscription.objects.create(enterprise=cast.ours, url=f"http://rebind.example.cn:{port}/hook")
    real = socket.getaddrinfo
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *args, **kw: real("127.0.0.1" if host == "rebind.example.cn" else host, *args, **kw),
    )
    send(cast)
    deliver_pass(NOON)
    assert webhook_sink.calls == []
    assert "“rebind.example.cn”指向本机回环地址" in Delivery.objects.get(channel="webhook").last_error


def test_the_call_goes_to_the_resolved_address_with_the_original_host_header(cast, webhook_sink, monkeypatch):
    port = webhook_sink.server_address[1]
    WebhookSubscription.objects.create(enterprise=cast.ours, url=f"http://erp.example.cn:{port}/hook?v=2")
    real = socket.getaddrinfo
    monkeypatch.setattr(
        socket,
        "getaddrinfo",
        lambda host, *args, **kw: real("127.0.0.1" if host == "erp.example.cn" else host, *args, **kw),
    )
    send(cast)
    deliver_pass(NOON)
    (call,) = webhook_sink.calls
    assert call["headers"]["Host"] == f"erp.example.cn:{port}"
    assert Delivery.objects.get(channel="webhook").state == DeliveryState.SENT


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_not_followed_and_counts_as_a_failed_attempt(cast, webhook_sink, status):
    WebhookSubscription.objects.create(enterprise=cast.ours, url=webhook_sink.url)
    webhook_sink.statuses, webhook_sink.location = [status], webhook_sink.url + "?followed=1"
    send(cast)
    deliver_pass(NOON)
    delivery = Delivery.objects.get(channel="webhook")
    assert len(webhook_sink.calls) == 1
    assert (delivery.state, delivery.attempts) == (DeliveryState.FAILED, 1)
    assert delivery.next_attempt_at == NOON + datetime.timedelta(seconds=60)
    assert f"HTTP Error {status}" in delivery.last_error
    assert "redirects are not followed" in delivery.last_error
