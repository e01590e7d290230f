"""The REST API: register attendees, list registrations, check in by code, with the error envelope."""

import json

import pytest

from gaoqi.apps.training.models import Registration
from tests.platform.training.training_setup import make_session


def _post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def registered(client, cast, session):
    client.force_login(cast.owner)
    body = {"session_id": session.pk, "attendee_name": "王工", "attendee_phone": "13800000001"}
    response = _post(client, "/api/v1/training/registrations", body)
    assert response.status_code == 201
    return response.json()


def test_registering_returns_the_status_and_the_code_to_type(registered):
    assert registered["status"] == "confirmed"
    assert len(registered["typed_code"]) == 12


def test_a_full_session_puts_the_next_attendee_on_the_waiting_list(client, cast, programme, station):
    session = make_session(programme, station, capacity=1)
    client.force_login(cast.owner)
    statuses = [
        _post(
            client,
            "/api/v1/training/registrations",
            {"session_id": session.pk, "attendee_name": n, "attendee_phone": f"1380000000{i}"},
        ).json()["status"]
        for i, n in enumerate("甲乙")
    ]
    assert statuses == ["confirmed", "waiting"]


def test_a_duplicate_phone_is_a_400_naming_the_field(client, registered):
    body = {"session_id": registered["session_id"], "attendee_name": "王工", "attendee_phone": "13800000001"}
    response = _post(client, "/api/v1/training/registrations", body)
    assert response.status_code == 400
    assert response.json()["details"] == {"field": "attendee_phone"}


def test_check_in_by_code_and_the_second_attempt_is_refused(client, cast, registered):
    client.force_login(cast.station)
    body = {"session_id": registered["session_id"], "code": registered["typed_code"]}
    first = _post(client, "/api/v1/training/checkins", body)
    assert first.status_code == 200
    assert first.json()["checked_in_at"]
    second = _post(client, "/api/v1/training/checkins", body)
    assert second.status_code == 400
    assert second.json()["code"] == "already_checked_in"
    assert "不能重复签到" in second.json()["message"]


def test_the_roster_and_the_session_counts(client, cast, registered):
    client.force_login(cast.bureau)
    roster = client.get(f"/api/v1/training/sessions/{registered['session_id']}/registrations").json()
    assert [r["attendee_name"] for r in roster] == ["王工"]
    detail = client.get(f"/api/v1/training/sessions/{registered['session_id']}").json()
    assert detail["confirmed"] == 1
    assert detail["left"] == 49
    assert detail["programme"] == "高企认定“八大条件”系列"


def test_cancelling_through_the_api(client, registered):
    response = client.post(f"/api/v1/training/registrations/{registered['id']}/cancel")
    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    assert Registration.objects.get().cancelled_at is not None


def test_sessions_filter_by_topic_and_an_unknown_topic_is_a_422(client, cast, session):
    client.force_login(cast.outsider)
    assert [s["id"] for s in client.get("/api/v1/training/sessions?topic=recognition").json()] == [session.pk]
    assert client.get("/api/v1/training/sessions?topic=ip").json() == []
    response = client.get("/api/v1/training/sessions?topic=cooking")
    assert response.status_code == 422
    assert response.json()["details"]["fields"][0]["field"] == "topic"


def test_the_roster_lists_confirmed_attendees_before_the_waiting_list(client, cast, programme, station):
    session = make_session(programme, station, capacity=1)
    client.force_login(cast.owner)
    for i, name in enumerate("甲乙"):
        body = {"session_id": session.pk, "attendee_name": name, "attendee_phone": f"1380000000{i}"}
        _post(client, "/api/v1/training/registrations", body)
    client.force_login(cast.station)
    roster = client.get(f"/api/v1/training/sessions/{session.pk}/registrations").json()
    assert [(r["attendee_name"], r["status"]) for r in roster] == [("甲", "confirmed"), ("乙", "waiting")]
