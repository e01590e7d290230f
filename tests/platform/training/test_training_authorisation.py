"""Every 科创学堂 page and endpoint, tried by every member of the cast (the session runs at 黄埔's station)."""

import json

import pytest
from django.utils import timezone

from gaoqi.apps.training.services import registration_create
from tests.platform.matrix import CAST, assert_sent_to_login, assert_status, assert_unauthenticated, cases, routes

EVERYONE = dict.fromkeys(CAST, 200)
ENTERPRISES = {"owner": 200, "colleague": 200, "outsider": 200}
ORGANISERS = {"district": 200, "other_district": 200, "bureau": 200, "station": 200}
RUNS = {"district": 200, "bureau": 200, "station": 200}
SEES_OURS = {"owner": 200, "colleague": 200, "mentor": 200, **RUNS}
TIMES = ("starts_at", "ends_at", "registration_opens", "registration_closes")
OURS_ONLY = {"owner": 200, "colleague": 200, "mentor": 403, "district": 403, "bureau": 403, "station": 403}
CAN_CANCEL = {"owner": 302, "colleague": 302, "mentor": 403, "district": 302, "bureau": 302, "station": 302}

PAGES = [
    ("GET", "/training/", EVERYONE, 403),
    ("GET", "/training/mine/", ENTERPRISES, 403),
    ("GET", "/training/kpis/", {"district": 200, "other_district": 200, "bureau": 200}, 403),
    ("GET", "/training/programmes/new/", ORGANISERS, 403),
    ("GET", "/training/sessions/new/", ORGANISERS, 403),
    ("GET", "/training/sessions/{session}/", EVERYONE, 403),
    ("POST", "/training/sessions/{session}/", dict.fromkeys(ENTERPRISES, 400), 403),  # empty form: 400 with errors
    ("GET", "/training/sessions/{session}/edit/", RUNS, 403),
    ("POST", "/training/sessions/{session}/edit/", dict.fromkeys(RUNS, 302), 403),
    ("POST", "/training/sessions/{session}/cancel/", dict.fromkeys(RUNS, 302), 403),
    ("GET", "/training/sessions/{session}/checkin/", RUNS, 403),
    ("POST", "/training/sessions/{session}/checkin/", RUNS, 403),
    ("GET", "/training/sessions/{session}/attendance.xlsx", RUNS, 403),
    ("GET", "/training/registrations/{ours}/qr.svg", OURS_ONLY, 404),
    ("GET", "/training/registrations/{ours}/feedback/", OURS_ONLY, 404),
    ("GET", "/training/registrations/{ours}/certificate.pdf", dict.fromkeys(SEES_OURS, 503), 404),
    ("POST", "/training/registrations/{fresh}/cancel/", CAN_CANCEL, 404),
]
API = [
    ("GET", "/api/v1/training/sessions", EVERYONE, 403),
    ("GET", "/api/v1/training/sessions/{session}", EVERYONE, 403),
    ("GET", "/api/v1/training/sessions/{session}/registrations", RUNS, 403),
    ("PATCH", "/api/v1/training/sessions/{session}", RUNS, 403),
    ("POST", "/api/v1/training/sessions/{session}/cancel", RUNS, 403),
    ("GET", "/api/v1/training/registrations", EVERYONE, 403),
    ("GET", "/api/v1/training/registrations/{ours}", SEES_OURS, 404),
    ("POST", "/api/v1/training/registrations", {"owner": 201, "colleague": 201, "outsider": 201}, 403),
    ("POST", "/api/v1/training/registrations/{fresh}/cancel", {**SEES_OURS, "mentor": 403}, 404),
    ("POST", "/api/v1/training/checkins", RUNS, 403),
]


@pytest.fixture
def objects(cast, session, settings):
    settings.PDF_CHROMIUM = "/nonexistent/chromium"  # certificates answer 503 fast instead of printing
    ours = registration_create(actor=cast.owner, session=session, attendee_name="甲", attendee_phone="13800000001")
    ours.checked_in_at = timezone.now()
    ours.save()
    fresh = registration_create(actor=cast.owner, session=session, attendee_name="乙", attendee_phone="13800000002")
    edit = {name: f"{timezone.localtime(getattr(session, name)):%Y-%m-%dT%H:%M}" for name in TIMES}
    edit |= {"title": "研发费用归集实务（修订）", "speakers": "李会计师", "station": session.station_id, "capacity": 60}
    return {"session": session.pk, "ours": ours.pk, "fresh": fresh.pk, "code": fresh.typed_code, "edit": edit}


def _request(client, method, path, objects):
    url = path.format(**objects)
    if method == "GET":
        return client.get(url)
    if method == "PATCH":
        return client.patch(url, {"capacity": 60}, content_type="application/json")
    if url.endswith("/edit/"):
        return client.post(url, objects["edit"])
    if url.startswith("/api/") and url.endswith("/cancel") and "/sessions/" in url:
        body = {"reason": "场地维修"}
    elif url.endswith("/checkins"):
        body = {"session_id": objects["session"], "code": objects["code"]}
    elif url.endswith("/registrations"):
        body = {"session_id": objects["session"], "attendee_name": "丙", "attendee_phone": "13800000003"}
    elif url.endswith("/checkin/"):
        return client.post(url, {"code": objects["code"]})
    else:
        return client.post(url)
    return client.post(url, json.dumps(body), content_type="application/json")


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
