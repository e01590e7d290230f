"""The REST API: profile read/update, assessments, token auth, the error envelope, OpenAPI."""

import json

import pytest

from gaoqi.apps.accounts.services import api_token_create
from gaoqi.apps.enterprises.models import FiscalYear


def _patch(client, body, **headers):
    return client.patch("/api/v1/profile", json.dumps(body), content_type="application/json", **headers)


def test_the_owner_reads_the_profile_in_the_rules_format(client, cast):
    client.force_login(cast.owner)
    profile = client.get("/api/v1/profile").json()
    assert profile["uscc"] == cast.ours.uscc
    assert [fy["year"] for fy in profile["fiscal_years"]] == [2023, 2024, 2025]
    assert set(profile["fiscal_years"][0]["rd"]) >= {"personnel", "entrusted_overseas", "other"}
    assert profile["ip"][0]["kind"] == "invention_patent"


def test_a_patch_changes_only_what_it_names(client, cast):
    client.force_login(cast.colleague)
    response = _patch(client, {"fiscal_years": [{"year": 2025, "st_staff": 40, "rd": {"design": "1234.50"}}]})
    assert response.status_code == 200
    fy = FiscalYear.objects.get(enterprise=cast.ours, year=2025)
    assert (fy.st_staff, str(fy.rd_design), fy.employees) == (40, "1234.50", 120)


def test_invalid_input_returns_the_envelope_naming_each_field(client, cast):
    client.force_login(cast.owner)
    response = _patch(client, {"district": "110101", "fiscal_years": [{"year": 2025, "sales_revenue": "-5"}]})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    fields = {f["field"] for f in body["details"]["fields"]}
    assert "district" in fields
    assert any(f.startswith("fiscal_years.0.sales_revenue") for f in fields)


def test_running_listing_and_reading_assessments(client, cast):
    client.force_login(cast.owner)
    created = client.post("/api/v1/assessments")
    assert created.status_code == 201
    body = created.json()
    assert len(body["result"]["hte"]["conditions"]) == 8
    listed = client.get("/api/v1/assessments").json()
    assert [a["id"] for a in listed] == [body["id"]]
    assert "result" not in listed[0]
    assert client.get(f"/api/v1/assessments/{body['id']}").json()["verdict"] == body["verdict"]


def test_a_bearer_token_authenticates_without_csrf(client, cast):
    _token, key = api_token_create(actor=cast.owner, name="ERP")
    response = _patch(client, {"standards": True}, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert response.status_code == 200
    assert response.json()["standards"] is True


def test_a_wrong_token_is_refused_with_the_envelope(client, cast):
    response = client.get("/api/v1/profile", HTTP_AUTHORIZATION="Bearer nope")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "details"}


def test_session_writes_need_the_csrf_token(cast):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(cast.owner)
    assert _patch(strict, {"standards": True}).status_code == 403


def test_an_unknown_assessment_is_a_404_envelope(client, cast):
    client.force_login(cast.bureau)
    response = client.get("/api/v1/assessments/987654")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_staff_without_an_enterprise_get_a_404_for_own_profile(client, cast):
    client.force_login(cast.bureau)
    assert client.get("/api/v1/profile").json()["code"] == "not_found"


@pytest.mark.parametrize("path", ["/api/v1/openapi.json", "/api/v1/docs"])
def test_the_openapi_schema_and_docs_are_served(client, db, path):
    response = client.get(path)
    assert response.status_code == 200
    if path.endswith(".json"):
        assert "/api/v1/assessments" in response.json()["paths"]


def test_null_leaves_a_value_unchanged(client, cast):
    client.force_login(cast.owner)
    body = {"name": None, "self_rating": {"advancement": None}, "tsme_routes": {"led_standard": None}}
    response = _patch(client, body)
    assert response.status_code == 200
    assert response.json()["name"] == "广州华芯科技有限公司"
    assert response.json()["self_rating"]["advancement"] == "B"


def test_error_messages_follow_the_requested_language(client, db):
    assert client.get("/api/v1/profile").json()["message"] == "请先登录或提供有效的 API 令牌。"
    english = client.get("/api/v1/profile", HTTP_ACCEPT_LANGUAGE="en")
    assert english.json()["message"] == "Sign in or send a valid API token."
