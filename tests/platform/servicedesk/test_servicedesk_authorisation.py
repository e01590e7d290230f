"""Every 有求必应 page and endpoint, tried by every member of the cast, plus anonymous visitors."""

import pytest

from tests.platform.matrix import assert_sent_to_login, assert_status, assert_unauthenticated, cases, routes
from tests.platform.servicedesk.servicedesk_setup import submit

ENTERPRISE = {"owner": 200, "colleague": 200, "outsider": 200}
CONSOLE = {"mentor": 200, "other_mentor": 200, "district": 200, "other_district": 200, "bureau": 200, "station": 200}
SEES_OURS = {"owner": 200, "colleague": 200, "mentor": 200, "district": 200, "bureau": 200}
SEES_STATIONS = {**SEES_OURS, "station": 200}
SEES_THEIRS = {"outsider": 200, "other_district": 200, "bureau": 200}
HANDLES_OURS = {"mentor": 200, "bureau": 200, "owner": 403, "colleague": 403, "district": 403}
REROUTES_OURS = {"bureau": 302, "mentor": 403, "owner": 403, "colleague": 403, "district": 403}
REROUTES_STATIONS = {**REROUTES_OURS, "station": 302}
WITHDRAWS_OURS = {"owner": 302, "colleague": 302, "mentor": 403, "district": 403, "bureau": 403}
FORM = {"category": "ip", "title": "专利咨询", "description": "请帮忙看看专利布局"}


def _ok(expected: dict) -> dict:
    """The API's answers for a page's: 200 where the page redirects after success."""
    return {who: 200 if status == 302 else status for who, status in expected.items()}


PAGES = [
    ("GET", "/servicedesk/", {}, 200),
    ("GET", "/servicedesk/new/", ENTERPRISE, 403),
    ("POST", "/servicedesk/new/", {"owner": 302, "colleague": 302, "outsider": 302}, 403),
    ("GET", "/servicedesk/{ours}/", SEES_OURS, 404),
    ("GET", "/servicedesk/{via_station}/", SEES_STATIONS, 404),
    ("GET", "/servicedesk/{theirs}/", SEES_THEIRS, 404),
    ("POST", "/servicedesk/{ours}/change/", {**HANDLES_OURS, "mentor": 302, "bureau": 302}, 404),
    ("POST", "/servicedesk/{via_station}/change/", {**HANDLES_OURS, "station": 302, "bureau": 302, "mentor": 403}, 404),
    ("POST", "/servicedesk/{ours}/reroute/", REROUTES_OURS, 404),
    ("POST", "/servicedesk/{via_station}/reroute/", REROUTES_STATIONS, 404),
    ("POST", "/servicedesk/{ours}/cancel/", WITHDRAWS_OURS, 404),
    ("POST", "/servicedesk/{via_station}/cancel/", {**WITHDRAWS_OURS, "station": 403}, 404),
    ("GET", "/servicedesk/dashboard/", CONSOLE, 403),
]
API = [
    ("GET", "/api/v1/servicedesk/requests", {}, 200),
    ("POST", "/api/v1/servicedesk/requests", {"owner": 201, "colleague": 201, "outsider": 201}, 403),
    ("GET", "/api/v1/servicedesk/requests/{ours}", SEES_OURS, 404),
    ("GET", "/api/v1/servicedesk/requests/{via_station}", SEES_STATIONS, 404),
    ("GET", "/api/v1/servicedesk/requests/{theirs}", SEES_THEIRS, 404),
    ("POST", "/api/v1/servicedesk/requests/{ours}/transitions", HANDLES_OURS, 404),
    ("POST", "/api/v1/servicedesk/requests/{ours}/reroute", _ok(REROUTES_OURS), 404),
    ("POST", "/api/v1/servicedesk/requests/{via_station}/reroute", _ok(REROUTES_STATIONS), 404),
    ("POST", "/api/v1/servicedesk/requests/{ours}/cancel", _ok(WITHDRAWS_OURS), 404),
    ("GET", "/api/v1/servicedesk/stats", CONSOLE, 403),
]


@pytest.fixture
def requests(desk):
    return {
        "ours": submit(desk.owner, category="ip").pk,
        "via_station": submit(desk.owner, category="finance").pk,
        "theirs": submit(desk.outsider, category="ip").pk,
        "other_mentor": desk.other_mentor.pk,
    }


def _request(client, method, path, requests):
    url = path.format(**requests)
    reroute = {"reason": "转交其他导师"}
    if method == "GET":
        return client.get(url)
    if url.endswith("/transitions"):
        return client.post(url, {"to": "accepted"}, content_type="application/json")
    if url.endswith("/reroute"):
        return client.post(url, {**reroute, "mentor_id": requests["other_mentor"]}, content_type="application/json")
    if url.endswith("/cancel"):
        return client.post(url, {"reason": "不需要了"}, content_type="application/json")
    if url.endswith("/change/"):
        return client.post(url, {"to": "accepted"})
    if url.endswith("/reroute/"):
        return client.post(url, {**reroute, "mentor": requests["other_mentor"]})
    if url.endswith("/cancel/"):
        return client.post(url, {"reason": "不需要了"})
    return client.post(url, FORM)


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(PAGES + API)))
def test_each_role_gets_exactly_what_it_may(client, desk, requests, method, path, who, status):
    client.force_login(getattr(desk, who))
    response = _request(client, method, path, requests)
    assert_status(response, status)


@pytest.mark.parametrize(("method", "path"), routes(PAGES))
def test_anonymous_visitors_are_sent_to_login(client, requests, method, path):
    response = _request(client, method, path, requests)
    assert_sent_to_login(response)


@pytest.mark.parametrize(("method", "path"), routes(API))
def test_anonymous_api_calls_get_the_401_envelope(client, requests, method, path):
    response = _request(client, method, path, requests)
    assert_unauthenticated(response)


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("owner", {"ours", "via_station"}),
        ("outsider", {"theirs"}),
        ("mentor", {"ours", "via_station"}),
        ("other_mentor", set()),
        ("station", {"via_station"}),
        ("district", {"ours", "via_station"}),
        ("other_district", {"theirs"}),
        ("bureau", {"ours", "via_station", "theirs"}),
    ],
)
def test_lists_hold_exactly_the_requests_each_role_may_see(client, desk, requests, who, visible):
    client.force_login(getattr(desk, who))
    names = {v: k for k, v in requests.items()}
    api_ids = {row["id"] for row in client.get("/api/v1/servicedesk/requests").json()}
    assert {names[i] for i in api_ids} == visible
    page = client.get("/servicedesk/").content.decode()
    assert {k for k in ("ours", "via_station", "theirs") if f'href="/servicedesk/{requests[k]}/"' in page} == visible
