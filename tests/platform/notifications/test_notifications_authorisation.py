"""Every 通知 page and endpoint, tried by every member of the cast, plus anonymous visitors."""

import json

import pytest

from gaoqi.apps.notifications.models import Delivery, DeliveryState, Notice, WebhookSubscription
from gaoqi.apps.notifications.services import NoticeSpec, notify
from tests.platform.matrix import assert_sent_to_login, assert_status, assert_unauthenticated, cases, routes

OWNER_ONLY = {"owner": 302}
ADMINS = {"owner": 200, "outsider": 200}
OUR_ADMIN = {"outsider": 404}

PAGES = [
    ("GET", "/notifications/", {}, 200),
    ("POST", "/notifications/{notice}/read/", OWNER_ONLY, 404),
    ("GET", "/notifications/{notice}/open/", OWNER_ONLY, 404),
    ("POST", "/notifications/read-all/", {}, 302),
    ("GET", "/notifications/preferences/", {}, 200),
    ("GET", "/notifications/webhooks/", ADMINS, 403),
    ("POST", "/notifications/webhooks/", {"owner": 302, "outsider": 302}, 403),
    ("POST", "/notifications/webhooks/{hook}/toggle/", {**OUR_ADMIN, "owner": 302}, 403),
    ("POST", "/notifications/webhooks/{hook}/delete/", {**OUR_ADMIN, "owner": 302}, 403),
    ("GET", "/notifications/dead-letters/", {"bureau": 200}, 403),
    ("POST", "/notifications/dead-letters/{dead}/retry/", {"bureau": 302}, 403),
]
API = [
    ("GET", "/api/v1/notifications/inbox", {}, 200),
    ("POST", "/api/v1/notifications/inbox/{notice}/read", {"owner": 200}, 404),
    ("GET", "/api/v1/notifications/preferences", {}, 200),
    ("PUT", "/api/v1/notifications/preferences", {}, 200),
    ("GET", "/api/v1/notifications/webhooks", ADMINS, 403),
    ("POST", "/api/v1/notifications/webhooks", {"owner": 201, "outsider": 201}, 403),
    ("GET", "/api/v1/notifications/webhooks/{hook}", {**OUR_ADMIN, "owner": 200}, 403),
    ("PATCH", "/api/v1/notifications/webhooks/{hook}", {**OUR_ADMIN, "owner": 200}, 403),
    ("DELETE", "/api/v1/notifications/webhooks/{hook}", {**OUR_ADMIN, "owner": 204}, 403),
]
HOOK = {"url": "https://erp.example.cn/gaoqi", "topics": ["policy"]}


@pytest.fixture
def objects(cast):
    notify(
        NoticeSpec(user_id=u.id, topic="policy", title="提醒", body="正文", reason="理由", dedupe_key="policy:1")
        for u in (cast.owner, cast.colleague, cast.outsider)
    )
    hook = WebhookSubscription.objects.create(enterprise=cast.ours, url="https://ours.example.cn/hook")
    notice = Notice.objects.get(user=cast.owner)
    dead = Delivery.objects.get(notice=notice)
    Delivery.objects.filter(pk=dead.pk).update(state=DeliveryState.DEAD, attempts=6)
    return {"notice": notice.pk, "hook": hook.pk, "dead": dead.pk}


def _request(client, method, path, objects):
    url = path.format(**objects)
    if url.startswith("/api/"):
        body = {"mode": "daily"} if "preferences" in url else HOOK
        return client.generic(method, url, data=json.dumps(body), content_type="application/json")
    if method == "GET":
        return client.get(url)
    return client.post(url, HOOK)


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(PAGES + API)))
def test_each_role_gets_exactly_what_it_may(client, cast, objects, method, path, who, status):
    client.force_login(getattr(cast, who))
    response = _request(client, method, path, objects)
    assert_status(response, status)


@pytest.mark.parametrize(("method", "path"), routes(PAGES))
def test_anonymous_visitors_are_sent_to_login(client, objects, method, path):
    response = _request(client, method, path, objects)
    assert_sent_to_login(response)


@pytest.mark.parametrize(("method", "path"), routes(API))
def test_anonymous_api_calls_get_the_401_envelope(client, objects, method, path):
    response = _request(client, method, path, objects)
    assert_unauthenticated(response)


@pytest.mark.parametrize("who", ["owner", "colleague", "outsider", "bureau"])
def test_a_user_sees_only_their_own_notices(client, cast, objects, who):
    user = getattr(cast, who)
    client.force_login(user)
    items = client.get("/api/v1/notifications/inbox").json()["items"]
    assert {i["id"] for i in items} == set(Notice.objects.filter(user=user).values_list("id", flat=True))
    page = client.get("/notifications/").content.decode()
    shown = {pk for pk in Notice.objects.values_list("id", flat=True) if f"/notifications/{pk}/open/" in page}
    assert shown == {i["id"] for i in items}


def test_only_bureau_sees_the_dead_letter_link_in_the_nav(client, cast, objects):
    for who, shown in [("bureau", True), ("district", False), ("owner", False)]:
        client.force_login(getattr(cast, who))
        assert ("/notifications/dead-letters/" in client.get("/notifications/").content.decode()) is shown
