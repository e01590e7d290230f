"""REST endpoints of 通知: inbox, preferences, webhook subscriptions."""

import pytest

from gaoqi.apps.notifications.models import Notice, Preference, WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, notify


@pytest.fixture
def inbox(cast):
    notify(
        NoticeSpec(
            user_id=cast.owner.id, topic="training", title=f"课程 {n}", body="", reason="理由", dedupe_key=f"t:{n}"
        )
        for n in range(3)
    )
    return list(Notice.objects.filter(user=cast.owner))


def test_the_inbox_lists_newest_first_with_the_unread_count(client, cast, inbox):
    client.force_login(cast.owner)
    data = client.get("/api/v1/notifications/inbox?limit=2").json()
    assert data["unread"] == 3
    assert [i["id"] for i in data["items"]] == [n.id for n in inbox[:2]]
    assert data["items"][0]["reason"] == "理由"


def test_reading_one_and_then_all(client, cast, inbox):
    client.force_login(cast.owner)
    assert client.post(f"/api/v1/notifications/inbox/{inbox[0].id}/read").json()["read_at"]
    assert client.get("/api/v1/notifications/inbox?unread=true").json()["unread"] == 2
    assert client.post("/api/v1/notifications/inbox/read-all").json() == {"read": 2}


def test_preferences_round_trip(client, cast):
    client.force_login(cast.owner)
    assert client.get("/api/v1/notifications/preferences").json()["mode"] == "immediate"
    body = {"muted_topics": ["broadcast"], "mode": "weekly", "quiet_start": "21:30:00", "quiet_end": "07:00:00"}
    response = client.put("/api/v1/notifications/preferences", body, content_type="application/json")
    assert response.status_code == 200
    assert response.json() | body == response.json()
    assert Preference.objects.get(user=cast.owner).muted_topics == ["broadcast"]


def test_an_unknown_topic_names_the_field(client, cast):
    client.force_login(cast.owner)
    body = {"muted_topics": ["gossip"]}
    response = client.put("/api/v1/notifications/preferences", body, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["details"]["fields"][0]["field"] == "muted_topics.0"


def test_half_a_quiet_period_is_a_400_naming_the_field(client, cast):
    client.force_login(cast.owner)
    response = client.put(
        "/api/v1/notifications/preferences", {"quiet_start": "22:00:00"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["details"] == {"field": "quiet_end"}


def test_webhook_crud_by_the_enterprise_admin(client, cast):
    client.force_login(cast.owner)
    body = {"url": "https://erp.example.cn/hook", "topics": ["policy", "service"]}
    created = client.post("/api/v1/notifications/webhooks", body, content_type="application/json").json()
    assert created["topics"] == ["policy", "service"]
    assert len(created["secret"]) > 30
    url = f"/api/v1/notifications/webhooks/{created['id']}"
    patched = client.patch(url, {"is_active": False, "rotate_secret": True}, content_type="application/json").json()
    assert patched["is_active"] is False
    assert patched["secret"] != created["secret"]
    assert client.delete(url).status_code == 204
    assert not WebhookSubscription.objects.exists()


def test_a_webhook_url_must_be_http_or_https(client, cast):
    client.force_login(cast.owner)
    response = client.post(
        "/api/v1/notifications/webhooks", {"url": "file:///etc/passwd"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert [f["field"] for f in response.json()["details"]["fields"]] == ["url"]
