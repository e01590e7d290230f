"""The mentoring REST API: shapes, writes and the error envelope."""

import json

import pytest

from gaoqi.apps.enterprises.models import MentorAssignment

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


def test_mentors_come_with_their_load(client, cast, mentors):
    client.force_login(cast.bureau)
    rows = {r["username"]: r for r in client.get("/api/v1/mentoring/mentors").json()}
    assert rows["mentor"]["load"] == 1
    assert rows["mentor"]["topics"] == ["ip", "talent"]
    assert (
        client.get(f"/api/v1/mentoring/mentors/{mentors.mentor.pk}").json()["station_id"] == mentors.mentor.station_id
    )


def test_match_reports_the_objective_and_greedy_baseline(client, cast, mentors):
    client.force_login(cast.bureau)
    body = client.post("/api/v1/mentoring/assignments/match").json()
    assert body["assigned"] == 1
    assert body["objective"] <= body["greedy_objective"]
    [theirs] = client.get(f"/api/v1/mentoring/assignments?enterprise_id={cast.theirs.pk}").json()
    assert theirs["mentor_username"] == "mentor"  # same field beats same district
    assert "跨区服务（企业在天河区）" in theirs["reason"]


def test_override_replaces_the_pair(client, cast, mentors):
    client.force_login(cast.bureau)
    response = post(
        client, "/api/v1/mentoring/assignments", {"enterprise_id": cast.ours.pk, "mentor_id": mentors.other.pk}
    )
    assert response.status_code == 201
    assert response.json()["manual"] is True
    assert MentorAssignment.objects.get(enterprise=cast.ours).mentor == cast.other_mentor


def test_a_visit_with_an_unknown_topic_gets_the_field_in_the_envelope(client, cast, mentors):
    client.force_login(cast.mentor)
    body = {"enterprise_id": cast.ours.pk, "on": "2026-03-02", "topics": ["astrology"]}
    response = post(client, "/api/v1/mentoring/visits", body)
    assert response.status_code == 400
    assert response.json()["details"] == {"field": "topics"}
    assert "astrology" in response.json()["message"]


def test_a_visit_with_a_bad_date_names_the_field(client, cast, mentors):
    client.force_login(cast.mentor)
    response = post(client, "/api/v1/mentoring/visits", {"enterprise_id": cast.ours.pk, "on": "2026-02-30"})
    assert response.status_code == 422
    assert response.json()["details"]["fields"][0]["field"] == "on"


def test_station_kpi_lists_every_district(client, cast, station):
    client.force_login(cast.owner)
    kpi = client.get("/api/v1/mentoring/stations/kpi").json()
    assert len(kpi["districts"]) == 11
    assert kpi["stations"] == 1
    assert client.get("/api/v1/mentoring/stations").json()[0]["services"] == ["ip", "rd_accounting"]
