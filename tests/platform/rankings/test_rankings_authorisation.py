"""Every 梯次培育与精选 page and endpoint, tried by every member of the cast (华芯 is in 黄埔, 天河云 in 天河)."""

import datetime
import json
from decimal import Decimal

import pytest

from gaoqi.apps.rankings.services import ranking_list_draft, what_if_save
from gaoqi.apps.rankings.tiers import take_snapshots
from tests.platform.matrix import CAST, assert_sent_to_login, assert_status, assert_unauthenticated, cases, routes

STAFF = {"district": 200, "other_district": 200, "bureau": 200}
OURS = {"district": 200, "other_district": 404, "bureau": 200}
BUREAU_ONLY = {"district": 403, "other_district": 403}
BODIES = {
    "/step": {"step": "submit"},
    "/comments": {"text": "建议补充"},
    "/entries": {"enterprise_id": 0, "reason": "推荐"},
    "/remove": {"reason": "存在失信记录"},
    "/lists": {"kind": "reserve", "year": 2025, "size": 5},
    "/whatif": {
        "name": "x",
        "eligibility": "not listed",
        "cutoff_before": "60",
        "cutoff": "50",
        "reward_before": "0",
        "reward": "1",
        "indicators": [{"key": "awards", "weight": "1", "method": "minmax"}],
    },
}
BODY = {
    "name": "2027 版",
    "effective_on": "2027-01-01",
    "indicators": [{"key": "rd_intensity", "weight": "1", "method": "banded", "bands": [["5%", "1"]]}],
}

PAGES = [
    ("GET", "/rankings/", STAFF, 403),
    ("GET", "/rankings/enterprises/{ours}/", OURS, 403),
    ("GET", "/rankings/indicators/", STAFF, 403),
    ("GET", "/rankings/indicators/{version}/", STAFF, 403),
    ("GET", "/rankings/indicators/new/", {"bureau": 200}, 403),
    ("POST", "/rankings/indicators/new/", {"bureau": 400}, 403),  # empty form: 400 with errors
    ("GET", "/rankings/tiers/", STAFF, 403),
    ("POST", "/rankings/tiers/", {"bureau": 302, "district": 403, "other_district": 403}, 403),
    ("GET", "/rankings/tiers/candidates/", STAFF, 403),
    ("GET", "/rankings/lists/", STAFF, 403),
    ("POST", "/rankings/lists/", {"bureau": 400}, 403),  # empty form
    ("GET", "/rankings/lists/{list}/", STAFF, 403),
    ("POST", "/rankings/lists/{list}/step/", {**BUREAU_ONLY, "bureau": 302}, 403),
    ("POST", "/rankings/lists/{list}/comments/", {"district": 302, "other_district": 302, "bureau": 302}, 403),
    ("POST", "/rankings/lists/{list}/entries/", {**BUREAU_ONLY, "bureau": 400}, 403),  # no such USCC
    ("POST", "/rankings/entries/{entry}/remove/", {"district": 403, "other_district": 404, "bureau": 302}, 403),
    ("GET", "/rankings/profile/", {"owner": 200, "colleague": 200, "outsider": 200, **dict.fromkeys(STAFF, 404)}, 403),
    ("GET", "/rankings/profile/{ours}/", {"owner": 200, "colleague": 200, "outsider": 404, **OURS}, 403),
    ("GET", "/rankings/benchmarks/", STAFF, 403),
    ("GET", "/rankings/whatif/", {"bureau": 200}, 403),
    ("POST", "/rankings/whatif/", {"bureau": 400}, 403),  # empty form
    ("GET", "/rankings/whatif/{scenario}/", {"bureau": 200}, 403),
]
API = [
    ("GET", "/api/v1/rankings/indicator-versions", STAFF, 403),
    ("GET", "/api/v1/rankings/indicator-versions/{version}", STAFF, 403),
    ("POST", "/api/v1/rankings/indicator-versions", {"bureau": 201}, 403),
    ("GET", "/api/v1/rankings/scores", STAFF, 403),
    ("GET", "/api/v1/rankings/scores/{ours}", OURS, 403),
    ("GET", "/api/v1/rankings/tiers/funnel", STAFF, 403),
    ("GET", "/api/v1/rankings/tiers/candidates", STAFF, 403),
    ("GET", "/api/v1/rankings/lists", STAFF, 403),
    ("POST", "/api/v1/rankings/lists", {"bureau": 201}, 403),
    ("GET", "/api/v1/rankings/lists/{list}", STAFF, 403),
    ("GET", "/api/v1/rankings/lists/{list}/diff", STAFF, 403),
    ("POST", "/api/v1/rankings/lists/{list}/step", {**BUREAU_ONLY, "bureau": 200}, 403),
    ("POST", "/api/v1/rankings/lists/{list}/comments", {"district": 201, "other_district": 201, "bureau": 201}, 403),
    ("POST", "/api/v1/rankings/lists/{list}/entries", {"district": 403, "other_district": 404, "bureau": 400}, 403),
    ("POST", "/api/v1/rankings/entries/{entry}/remove", {"district": 403, "other_district": 404, "bureau": 200}, 403),
    (
        "GET",
        "/api/v1/rankings/profile",
        {"owner": 200, "colleague": 200, "outsider": 200, **dict.fromkeys(STAFF, 404)},
        403,
    ),
    ("GET", "/api/v1/rankings/profile/{ours}", {"owner": 200, "colleague": 200, "outsider": 404, **OURS}, 403),
    ("GET", "/api/v1/rankings/benchmarks", STAFF, 403),
    ("GET", "/api/v1/rankings/whatif", {"bureau": 200}, 403),
    ("GET", "/api/v1/rankings/whatif/{scenario}", {"bureau": 200}, 403),
    ("POST", "/api/v1/rankings/whatif", {"bureau": 201}, 403),
]


@pytest.fixture
def objects(cast, version):
    take_snapshots(year=2026, today=datetime.date(2026, 6, 1))
    reserve = ranking_list_draft(actor=cast.bureau, kind="reserve", year=2026)
    entry = reserve.entries.get(enterprise=cast.ours)
    scenario = what_if_save(
        actor=cast.bureau,
        name="s",
        spec=version.spec,
        eligibility="not listed",
        cutoff_before=Decimal(60),
        cutoff=Decimal(50),
        reward_before=Decimal(0),
        reward=Decimal(1),
    )
    ids = {"ours": cast.ours.pk, "version": version.pk, "list": reserve.pk, "entry": entry.pk}
    return ids | {"scenario": scenario.pk}


def _request(client, method, path, objects):
    url = path.format(**objects)
    if method == "GET":
        return client.get(url)
    if url.startswith("/api/"):
        body = next((b for end, b in BODIES.items() if url.endswith(end)), BODY)
        if url.endswith("/entries"):
            body = body | {"enterprise_id": objects["ours"]}
        return client.post(url, json.dumps(body), content_type="application/json")
    if url.endswith(("/step/", "/comments/", "/remove/")):
        return client.post(url, {"step": "submit", "text": "建议补充", "reason": "存在失信记录"})
    return client.post(url)


@pytest.mark.parametrize(("method", "path", "who", "status"), list(cases(PAGES + API)))
def test_each_role_gets_exactly_what_it_may(client, cast, objects, method, path, who, status):
    assert set(CAST) >= {"district", "bureau"}
    client.force_login(getattr(cast, who))
    assert_status(_request(client, method, path, objects), status)


@pytest.mark.parametrize(("method", "path"), routes(PAGES))
def test_anonymous_visitors_are_sent_to_login(client, objects, method, path):
    assert_sent_to_login(_request(client, method, path, objects))


@pytest.mark.parametrize(("method", "path"), routes(API))
def test_anonymous_api_calls_get_the_401_envelope(client, objects, method, path):
    assert_unauthenticated(_request(client, method, path, objects))
