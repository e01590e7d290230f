"""Every mentoring page and endpoint, tried by every member of the cast and by anonymous visitors."""

import json

import pytest

from gaoqi.apps.mentoring.models import Station
from tests.platform.matrix import CAST, assert_sent_to_login, assert_status, assert_unauthenticated, cases, routes

STAFF = {"district": 200, "other_district": 200, "bureau": 200}
SEES_OURS = {"owner": 200, "colleague": 200, "mentor": 200, "district": 200, "bureau": 200}
EVERYONE = dict.fromkeys(CAST, 200)
VISIT = {"on": "2026-03-02", "kind": "visit", "topics": ["ip"], "notes": "走访", "follow_up": ""}

PAGES = [
    ("GET", "/mentoring/mentors/", STAFF, 403),
    ("GET", "/mentoring/mentors/new/", {"bureau": 200}, 403),
    ("GET", "/mentoring/mentors/{profile}/", {"bureau": 200}, 403),
    ("GET", "/mentoring/load/", STAFF, 403),
    ("GET", "/mentoring/assignments/", STAFF, 403),
    ("POST", "/mentoring/assignments/match/", {"bureau": 302}, 403),
    ("POST", "/mentoring/assignments/override/", {"bureau": 302}, 403),
    ("GET", "/mentoring/workbench/", {"mentor": 200, "other_mentor": 200}, 403),
    ("GET", "/mentoring/workbench/{ours}/", {"mentor": 200, "other_mentor": 404}, 403),
    ("POST", "/mentoring/workbench/{ours}/", {"mentor": 302, "other_mentor": 404}, 403),
    ("GET", "/mentoring/stations/new/", {"bureau": 200}, 403),
    ("GET", "/mentoring/stations/{station}/edit/", {"bureau": 200, "station": 200}, 403),
]
PUBLIC = [
    ("GET", "/mentoring/stations/", EVERYONE, 200),
    ("GET", "/mentoring/stations/{station}/", EVERYONE, 200),
    ("GET", "/mentoring/stations/{closed}/", {"bureau": 200}, 404),
]
API = [
    ("GET", "/api/v1/mentoring/mentors", STAFF, 403),
    ("GET", "/api/v1/mentoring/mentors/load", STAFF, 403),
    ("GET", "/api/v1/mentoring/mentors/{profile}", STAFF, 403),
    ("GET", "/api/v1/mentoring/stations", EVERYONE, 200),
    ("GET", "/api/v1/mentoring/stations/kpi", EVERYONE, 200),
    ("GET", "/api/v1/mentoring/stations/{station}", EVERYONE, 200),
    ("GET", "/api/v1/mentoring/stations/{closed}", {"bureau": 200}, 404),
    ("GET", "/api/v1/mentoring/assignments?enterprise_id={ours}", SEES_OURS, 404),
    ("POST", "/api/v1/mentoring/assignments/match", {"bureau": 200}, 403),
    ("POST", "/api/v1/mentoring/assignments", {"bureau": 201}, 403),
    ("GET", "/api/v1/mentoring/visits?enterprise_id={ours}", SEES_OURS, 404),
    ("POST", "/api/v1/mentoring/visits", {"mentor": 201, "other_mentor": 404}, 403),
]


def _request(client, method, path, cast, mentors, station):
    closed = Station.objects.create(name="已停运工作站", organisation="某机构", district="440106", is_active=False)
    ids = {"ours": cast.ours.pk, "profile": mentors.other.pk, "station": station.pk, "closed": closed.pk}
    url = path.format(**ids)
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        body = {"enterprise_id": cast.ours.pk, "mentor_id": mentors.other.pk, **VISIT}
        return client.post(url, json.dumps(body), content_type="application/json")
    if "override" in url:
        return client.post(url, {"enterprise": cast.ours.pk, "mentor": mentors.other.pk, "note": ""})
    return client.post(url, VISIT)


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(PAGES + PUBLIC + API)))
def test_each_role_gets_exactly_what_it_may(client, cast, mentors, station, method, path, who, status):
    client.force_login(getattr(cast, who))
    response = _request(client, method, path, cast, mentors, station)
    assert_status(response, status)


@pytest.mark.parametrize(("method", "path"), routes(PAGES))
def test_anonymous_visitors_are_sent_to_login(client, cast, mentors, station, method, path):
    response = _request(client, method, path, cast, mentors, station)
    assert_sent_to_login(response)


@pytest.mark.parametrize(("path", "status"), [(p, d if d == 404 else 200) for _m, p, _e, d in PUBLIC])
def test_anonymous_visitors_see_the_public_station_pages(client, cast, mentors, station, path, status):
    assert _request(client, "GET", path, cast, mentors, station).status_code == status


@pytest.mark.parametrize(("method", "path"), routes(API))
def test_anonymous_api_calls_get_the_401_envelope(client, cast, mentors, station, method, path):
    response = _request(client, method, path, cast, mentors, station)
    assert_unauthenticated(response)
