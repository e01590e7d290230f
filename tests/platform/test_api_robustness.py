"""Malformed and extreme API input gets the error envelope naming the field, never a server error, and nothing stored
changes (the causes Schemathesis found: explicit nulls, offsets and ids past the database's integers, times with
offsets, NUL characters, multipart without a boundary, bodies that are not JSON)."""

import datetime
import json

import pytest

from gaoqi.apps.notifications.models import Preference
from gaoqi.apps.policies.models import Policy


def _fields(response) -> dict:
    return {f["field"]: f["message"] for f in response.json()["details"]["fields"]}


@pytest.fixture
def policy(cast):
    return Policy.objects.create(
        title="高企认定奖励",
        issuer="科技局",
        level="city",
        category="recognition",
        summary="摘要",
        support_amount=200000,
        opens_on=datetime.date(2026, 3, 1),
    )


@pytest.mark.parametrize("field", ["title", "summary", "full_text", "documents", "support_note", "criteria"])
def test_an_explicit_null_for_a_required_policy_field_is_refused_naming_it(client, cast, policy, field):
    client.force_login(cast.bureau)
    response = client.patch(f"/api/v1/policies/{policy.pk}", {field: None}, content_type="application/json")
    assert response.status_code == 422, response.content
    assert list(_fields(response)) == [field]
    policy.refresh_from_db()
    assert policy.title == "高企认定奖励"


def test_an_explicit_null_clears_the_policy_amount_and_dates(client, cast, policy):
    client.force_login(cast.bureau)
    body = {"support_amount": None, "opens_on": None}
    response = client.patch(f"/api/v1/policies/{policy.pk}", body, content_type="application/json")
    assert response.status_code == 200, response.content
    assert (response.json()["support_amount"], response.json()["opens_on"]) == (None, None)


@pytest.mark.parametrize("value", ["22:00+08:00", "04:02:50.088+20:11", "22:00Z"])
def test_quiet_hours_with_a_time_zone_are_refused_in_chinese(client, cast, value):
    client.force_login(cast.owner)
    body = {"quiet_start": value, "quiet_end": "07:00"}
    response = client.put("/api/v1/notifications/preferences", body, content_type="application/json")
    assert response.status_code == 422
    assert _fields(response) == {"quiet_start": "请填写不带时区的北京时间时刻，如 22:00"}
    assert not Preference.objects.filter(user=cast.owner).exists()


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/mentoring/mentors?offset=1492066442829672742912", "offset"),
        ("/api/v1/policies?offset=-1", "offset"),
        ("/api/v1/training/registrations?session_id=-2469680154899298808281835438604288", "session_id"),
        ("/api/v1/enterprises/99999999999999999999999/profile", "enterprise_id"),
        ("/api/v1/servicedesk/requests?offset=9223372036854775808", "offset"),
    ],
)
def test_numbers_past_what_the_database_holds_are_refused_naming_the_field(client, cast, path, field):
    client.force_login(cast.bureau)
    response = client.get(path)
    assert response.status_code == 422, response.content
    assert list(_fields(response)) == [field]


def test_a_headcount_past_the_database_integer_is_refused(client, cast):
    client.force_login(cast.owner)
    body = {"fiscal_years": [{"year": 2025, "employees": 2**31}]}
    response = client.patch("/api/v1/profile", body, content_type="application/json")
    assert response.status_code == 422
    assert _fields(response) == {"fiscal_years.0.employees": "不能大于 2147483647"}


def test_nul_characters_are_refused_wherever_they_are(client, cast):
    client.force_login(cast.bureau)
    body = {"title": "政策", "issuer": "科技局", "level": "city", "category": "recognition", "summary": "摘要"}
    body |= {"documents": ["营业执照", "申报书\x00"]}
    response = client.post("/api/v1/policies", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert _fields(response) == {"documents.1": "不能包含空字符（\\u0000）"}
    assert client.get("/api/v1/policies?q=%E9%AB%98%00").json()["details"]["fields"][0]["field"] == "q"
    assert not Policy.objects.exists()


def test_a_body_that_is_not_json_gets_the_envelope_in_chinese(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/api/v1/policies/preview", b'{"criteria": ', content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {"code": "bad_request", "message": "请求体不是有效的 JSON（UTF-8 编码）。", "details": {}}


def test_multipart_without_a_boundary_gets_the_envelope(client, cast):
    client.force_login(cast.owner)
    response = client.generic(
        "POST", "/api/v1/servicedesk/requests", b"category=ip&title=x", content_type="multipart/form-data"
    )
    assert response.status_code == 400
    assert response.json()["message"] == "表单数据无法解析（multipart 请求须带 boundary，且内容完整）。"


def test_missing_and_mistyped_fields_are_explained_in_chinese(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/api/v1/policies", {"title": 7, "level": "planet"}, content_type="application/json")
    assert response.status_code == 422
    fields = _fields(response)
    assert fields["title"] == "应为文本"
    assert fields["issuer"] == "必填"
    assert fields["level"].startswith("应为以下之一：")


def test_session_times_with_any_offset_are_kept_as_the_same_instant(client, cast, clock):
    from gaoqi.apps.training.models import Programme, Session

    clock.at(datetime.datetime(2026, 5, 1, 9, 0, tzinfo=datetime.UTC))
    start = datetime.datetime(2026, 6, 1, 2, 0, tzinfo=datetime.UTC)
    session = Session.objects.create(
        programme=Programme.objects.create(title="系列", topic="recognition", year=2026),
        title="线上课",
        topic="recognition",
        speakers="李老师",
        district="440112",
        online_url="https://meeting.example.cn/1",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=10,
        registration_opens=start - datetime.timedelta(days=30),
        registration_closes=start - datetime.timedelta(days=1),
    )
    client.force_login(cast.bureau)
    body = {"starts_at": "2026-06-01T22:11:00+20:11", "ends_at": "2026-06-01T12:00:00"}
    response = client.patch(f"/api/v1/training/sessions/{session.pk}", body, content_type="application/json")
    assert response.status_code == 200, response.content
    session.refresh_from_db()
    assert session.starts_at == datetime.datetime(2026, 6, 1, 2, 0, tzinfo=datetime.UTC)
    assert session.ends_at == datetime.datetime(2026, 6, 1, 4, 0, tzinfo=datetime.UTC)  # 12:00 in Guangzhou
