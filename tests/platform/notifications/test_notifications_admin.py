"""The admin lists of the inbox and the outbox open for a superuser; the webhook secret stays out of the admin."""

import pytest

from gaoqi.apps.notifications.models import WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, notify


@pytest.mark.parametrize("model", ["notice", "delivery", "preference", "webhooksubscription"])
def test_each_admin_list_opens(admin_client, cast, model):
    notify([NoticeSpec(user_id=cast.owner.id, topic="policy", title="t", body="b", reason="r", dedupe_key="k")])
    assert admin_client.get(f"/admin/notifications/{model}/").status_code == 200


def test_the_webhook_secret_is_not_shown_in_the_admin(admin_client, cast):
    hook = WebhookSubscription.objects.create(enterprise=cast.ours, url="https://erp.example.cn/hook")
    page = admin_client.get(f"/admin/notifications/webhooksubscription/{hook.pk}/change/")
    assert page.status_code == 200
    assert hook.secret not in page.content.decode()
