"""Every 产品兴企 page and endpoint, tried by every member of the cast and the two 场景方: ``scenario_owner`` (the
hospital, which owns the scenario) and ``other_owner`` (the metro)."""

import pytest

from gaoqi.apps.market.services import proposal_submit
from tests.platform.conftest import HUANGPU
from tests.platform.matrix import CAST, assert_sent_to_login, assert_status, assert_unauthenticated

WHO = [*CAST, "scenario_owner", "other_owner"]
EVERYONE = dict.fromkeys(WHO, 200)
ENTERPRISES = {"owner": 200, "colleague": 200, "outsider": 200}
MEMBERS = {"owner": 200, "colleague": 200}
SEES_DRAFT = {**MEMBERS, "bureau": 200, "district": 200}
PUBLISHERS = {"bureau": 200, "scenario_owner": 200}
THEIRS_403 = {"outsider": 403, "other_district": 403}  # the proposal is 天河云's: they see it but cannot move it

PUBLIC_PAGES = [
    ("GET", "/market/", EVERYONE, 200),
    ("GET", "/market/catalogue.xlsx", EVERYONE, 200),
    ("GET", "/market/products/{listed}/", EVERYONE, 200),
    ("GET", "/market/scenarios/", EVERYONE, 200),
    ("GET", "/market/scenarios/{scenario}/", EVERYONE, 200),
]
OPEN_VIEWS = [("GET", "/market/products/{draft}/", SEES_DRAFT, 404)]  # public view; a draft is 404 to others
PAGES = [
    ("GET", "/market/mine/", ENTERPRISES, 403),
    ("GET", "/market/reviews/", {"bureau": 200}, 403),
    ("GET", "/market/lists/import/", {"bureau": 200}, 403),
    ("POST", "/market/lists/import/", {"bureau": 400}, 403),  # the empty form's errors
    ("GET", "/market/products/new/", ENTERPRISES, 403),
    ("POST", "/market/products/new/", dict.fromkeys(ENTERPRISES, 400), 403),  # the empty form's errors
    ("GET", "/market/products/{draft}/edit/", {**MEMBERS, "outsider": 404}, 403),
    ("POST", "/market/products/{draft}/move/", {"owner": 302, "colleague": 302, "bureau": 403, "district": 403}, 404),
    ("GET", "/market/scenarios/mine/", {**PUBLISHERS, "other_owner": 200}, 403),
    ("GET", "/market/scenarios/new/", {**PUBLISHERS, "other_owner": 200}, 403),
    ("POST", "/market/scenarios/{scenario}/propose/", {"owner": 302, "colleague": 302, "outsider": 400}, 403),
    ("POST", "/market/proposals/{proposal}/move/", {**dict.fromkeys(PUBLISHERS, 302), **THEIRS_403}, 404),
]
API = [
    ("GET", "/api/v1/market/products", EVERYONE, 200),
    ("GET", "/api/v1/market/products/mine", EVERYONE, 200),
    ("POST", "/api/v1/market/products", dict.fromkeys(ENTERPRISES, 201), 403),
    ("GET", "/api/v1/market/products/{draft}", SEES_DRAFT, 404),
    (
        "POST",
        "/api/v1/market/products/{draft}/transitions",
        {**MEMBERS, "bureau": 403, "district": 403},
        404,
    ),
    ("GET", "/api/v1/market/scenarios", EVERYONE, 200),
    ("POST", "/api/v1/market/scenarios", {"bureau": 201, "scenario_owner": 201}, 403),
    ("GET", "/api/v1/market/scenarios/{scenario}", EVERYONE, 200),
    ("GET", "/api/v1/market/scenarios/{scenario}/proposals", EVERYONE, 200),
    ("POST", "/api/v1/market/scenarios/{scenario}/proposals", {"owner": 201, "colleague": 201, "outsider": 400}, 403),
    ("GET", "/api/v1/market/scenarios/{scenario}/suggestions", PUBLISHERS, 403),
    ("GET", "/api/v1/market/suggestions/scenarios", ENTERPRISES, 403),
    ("POST", "/api/v1/market/proposals/{proposal}/transitions", {**PUBLISHERS, **THEIRS_403}, 404),
]
PRODUCT = {"name": "工业视觉质检一体机", "field": "804", "kind": "equipment", "description": "外观缺陷检测。"}
SCENARIO = {
    "title": "门诊智能导诊",
    "problem": "门诊导诊排队长",
    "field": "205",
    "budget": "lt1m",
    "deadline": "2026-12-01",
    "district": HUANGPU,
}
BODIES = {
    "/market/products/{draft}/move/": {"to": "submitted"},
    "/market/scenarios/{scenario}/propose/": {"text": "部署方案"},
    "/market/proposals/{proposal}/move/": {"to": "shortlisted"},
    "/api/v1/market/products": PRODUCT,
    "/api/v1/market/products/{draft}/transitions": {"to": "submitted"},
    "/api/v1/market/scenarios/{scenario}/proposals": {"text": "部署方案"},
    "/api/v1/market/proposals/{proposal}/transitions": {"to": "shortlisted"},
}


@pytest.fixture
def objects(market):
    proposal = proposal_submit(actor=market.outsider, scenario=market.scenario, text="部署隧道巡检")
    return {
        "draft": market.draft.pk,
        "listed": market.listed.pk,
        "scenario": market.scenario.pk,
        "proposal": proposal.pk,
    }


def _body(path: str, market) -> dict:
    if path == "/api/v1/market/scenarios":
        return {**SCENARIO, "organisation_id": market.hospital.pk}
    return BODIES.get(path, {})


def _request(client, method, path, objects, market):
    url = path.format(**objects)
    if method == "GET":
        return client.get(url)
    body = _body(path, market)
    if url.startswith("/api/"):
        return client.post(url, body, content_type="application/json")
    return client.post(url, body if path != "/market/products/new/" else {})


def _cases(table):
    for method, path, expected, default in table:
        for who in WHO:
            yield pytest.param(method, path, who, expected.get(who, default), id=f"{method} {path} as {who}")


@pytest.mark.parametrize(("method", "path", "who", "status"), list(_cases(PUBLIC_PAGES + OPEN_VIEWS + PAGES + API)))
def test_each_role_gets_exactly_what_it_may(client, market, objects, method, path, who, status):
    client.force_login(getattr(market, who))
    assert_status(_request(client, method, path, objects, market), status)


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _e, _d in PAGES])
def test_anonymous_visitors_are_sent_to_login(client, market, objects, method, path):
    assert_sent_to_login(_request(client, method, path, objects, market))


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _e, _d in PUBLIC_PAGES])
def test_anonymous_visitors_read_the_catalogue_and_the_scenarios(client, market, objects, method, path):
    assert_status(_request(client, method, path, objects, market), 200)


def test_an_anonymous_visitor_cannot_see_a_draft(client, market, objects):
    assert_status(client.get(f"/market/products/{objects['draft']}/"), 404)


@pytest.mark.parametrize(("method", "path"), [(m, p) for m, p, _e, _d in API])
def test_anonymous_api_calls_get_the_401_envelope(client, market, objects, method, path):
    assert_unauthenticated(_request(client, method, path, objects, market))
