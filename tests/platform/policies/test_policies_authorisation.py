"""Every policy page and endpoint, tried by every member of the cast and by anonymous visitors."""

import datetime
import json

import pytest

from gaoqi.apps.policies.models import Policy
from tests.platform.matrix import assert_sent_to_login, cases

STAFF = {"district": 200, "other_district": 200, "bureau": 200}
ENTERPRISES = {"owner": 200, "colleague": 200, "outsider": 200}
PAGES = [
    ("GET", "/policies/", {}, 200),
    ("GET", "/policies/mine/", ENTERPRISES, 403),
    ("GET", "/policies/{published}/", {}, 200),
    ("GET", "/policies/{draft}/", STAFF, 404),
    ("GET", "/policies/{draft}/edit/", {"bureau": 200}, 403),
    ("GET", "/policies/{published}/edit/", {"bureau": 200}, 403),
    ("GET", "/policies/new/", STAFF, 403),
    ("POST", "/policies/preview/", STAFF, 403),
    ("POST", "/policies/{draft}/publish/", {"bureau": 302}, 403),
    ("POST", "/policies/{published}/applied/", {"owner": 302, "colleague": 302, "outsider": 302}, 403),
    ("GET", "/policies/dashboard/", STAFF, 403),
    ("GET", "/policies/broadcast/", STAFF, 403),
    ("GET", "/policies/calendar/", {}, 200),
    ("GET", "/policies/calendar/?month=2030-02", {}, 200),
    ("GET", "/policies/?instant=1", {}, 200),
]
API = [
    ("GET", "/api/v1/policies", {}, 200),
    ("GET", "/api/v1/policies/variables", {}, 200),
    ("GET", "/api/v1/policies/{published}", {}, 200),
    ("GET", "/api/v1/policies/{draft}", STAFF, 404),
    ("GET", "/api/v1/policies/mine", ENTERPRISES, 403),
    ("POST", "/api/v1/policies/preview", STAFF, 403),
    ("GET", "/api/v1/policies/{published}/matches", STAFF, 403),
    ("GET", "/api/v1/policies/{published}/funnel", STAFF, 403),
    ("POST", "/api/v1/policies/{draft}/publish", {"bureau": 200, "district": 403, "other_district": 403}, 404),
    ("POST", "/api/v1/policies/{published}/applied", {"owner": 201, "colleague": 201, "outsider": 201}, 403),
]


@pytest.fixture
def objects(cast, make_policy):
    published = make_policy(status=Policy.Status.PUBLISHED, staff_note="金额待核实", opens_on=datetime.date(2030, 2, 1))
    draft = make_policy(title="草稿政策")
    return {"published": published.pk, "draft": draft.pk}


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(PAGES)))
def test_pages(client, cast, objects, sent, method, path, who, status):
    client.force_login(getattr(cast, who))
    url = path.format(**objects)
    response = client.get(url) if method == "GET" else client.post(url, {"criteria": "hte.eligible"})
    assert response.status_code == status


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(API)))
def test_api(client, cast, objects, sent, method, path, who, status):
    client.force_login(getattr(cast, who))
    url = path.format(**objects)
    body = json.dumps({"criteria": "hte.eligible"})
    response = client.generic(method, url, body, content_type="application/json")
    assert response.status_code == status, response.content


PUBLIC = ["/policies/", "/policies/?instant=1", "/policies/calendar/", "/policies/{published}/"]
PRIVATE = [
    ("GET", "/policies/mine/"),
    ("GET", "/policies/dashboard/"),
    ("GET", "/policies/broadcast/"),
    ("GET", "/policies/new/"),
    ("GET", "/policies/{draft}/"),
    ("GET", "/policies/{published}/edit/"),
    ("POST", "/policies/preview/"),
    ("POST", "/policies/{draft}/publish/"),
    ("POST", "/policies/{published}/applied/"),
]


@pytest.mark.parametrize("path", PUBLIC)
def test_anonymous_visitors_read_the_library_the_calendar_and_published_policies(client, objects, path):
    response = client.get(path.format(**objects))
    assert response.status_code == 200
    assert "金额待核实" not in response.content.decode()


@pytest.mark.parametrize(("method", "path"), PRIVATE)
def test_anonymous_visitors_are_sent_to_log_in_or_not_shown_anything_else(client, objects, method, path):
    url = path.format(**objects)
    response = client.get(url) if method == "GET" else client.post(url, {"criteria": "hte.eligible"})
    if response.status_code == 302:
        assert_sent_to_login(response)
    else:
        assert response.status_code == 404


def test_anonymous_visitors_do_not_see_drafts_or_staff_notes(client, objects):
    page = client.get(f"/policies/{objects['published']}/").content.decode()
    assert "核实记录" not in page
    assert "草稿政策" not in client.get("/policies/").content.decode()


def test_anonymous_api_calls_are_refused(client, db):
    assert client.get("/api/v1/policies").status_code == 401


def test_enterprises_see_only_policies_for_their_district(client, cast, make_policy):
    make_policy(status=Policy.Status.PUBLISHED, districts=["440106"], title="天河专属")
    client.force_login(cast.owner)
    assert "天河专属" not in client.get("/policies/").content.decode()
    client.force_login(cast.outsider)
    assert "天河专属" in client.get("/policies/").content.decode()
