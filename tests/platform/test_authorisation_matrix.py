"""Every page and endpoint, tried by every member of the cast."""

import json

import pytest
from django.contrib.auth import get_user_model

from gaoqi.apps.assessments.models import BatchRun
from gaoqi.apps.enterprises.models import Claim, DistrictChange
from gaoqi.core.roles import Role
from tests.platform.conftest import HUANGPU, PASSWORD, TIANHE
from tests.platform.matrix import CAST, assert_sent_to_login, assert_status, assert_unauthenticated, routes

MEMBERS = {"owner": 200, "colleague": 200}
SEES_OURS = {"owner": 200, "colleague": 200, "mentor": 200, "district": 200, "bureau": 200}
CONSOLE = {"mentor": 200, "other_mentor": 200, "district": 200, "other_district": 200, "bureau": 200}
ENTERPRISE_USERS = {"owner", "colleague", "outsider"}


def _page(path, expected, default):
    return path, {who: expected.get(who, default) for who in CAST}


PAGES = [
    ("GET", "/portal/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("GET", "/portal/profile/basic/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("GET", "/portal/profile/years/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("GET", "/portal/profile/ip/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("GET", "/portal/profile/other/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("GET", "/portal/colleagues/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("POST", "/portal/colleagues/", {"owner": 400, "outsider": 400}, 403),  # the empty form's errors
    ("GET", "/console/staff/new/", {"bureau": 200}, 403),
    ("POST", "/portal/assess/", {"owner": 302, "colleague": 302, "outsider": 302}, 403),
    ("GET", "/reports/{report}/", SEES_OURS, 404),
    ("GET", "/console/", CONSOLE, 403),
    ("GET", "/console/export.xlsx", CONSOLE, 403),
    ("GET", "/console/enterprises/{ours}/", {**SEES_OURS, "owner": 403, "colleague": 403, "outsider": 403}, 404),
    ("POST", "/console/enterprises/{ours}/assess/", {"district": 302, "bureau": 302, "mentor": 403}, 404),
    ("POST", "/console/batches/", {"district": 302, "other_district": 302, "bureau": 302}, 403),
    ("GET", "/console/batches/{batch}/", {"bureau": 200, "mentor": 404, "other_mentor": 404}, 404),
    ("GET", "/files/profile/template.xlsx", {}, 200),
    ("GET", "/files/profile/import/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("GET", "/files/enterprises/{ours}/profile.xlsx", SEES_OURS, 404),
    ("GET", "/files/reports/{report}/report.pdf", dict.fromkeys(SEES_OURS, 202), 404),
    ("GET", "/files/reports/{report}/pdf/", SEES_OURS, 404),
    ("POST", "/files/reports/{report}/pdf/", dict.fromkeys(SEES_OURS, 302), 404),
    ("GET", "/register/claim/", {}, 403),  # nobody in the cast has a claim
    ("GET", "/portal/district/", {"owner": 200, "colleague": 200, "outsider": 200}, 403),
    ("POST", "/portal/district/", {"owner": 302, "colleague": 302, "outsider": 302}, 403),
    ("GET", "/console/reviews/", {"bureau": 200}, 403),
    ("POST", "/reviews/claims/{claim}/", {"bureau": 302, "owner": 302}, 404),
    ("POST", "/reviews/district-changes/{change}/", {"bureau": 302}, 404),
    ("GET", "/", {"station": 200}, 302),  # home: each role to its work; the cast's station user has no station yet
]
API = [
    ("GET", "/api/v1/me", {}, 200),
    ("GET", "/api/v1/profile", {"owner": 200, "colleague": 200, "outsider": 200}, 404),
    ("PATCH", "/api/v1/profile", {"owner": 200, "colleague": 200, "outsider": 200}, 404),
    ("GET", "/api/v1/enterprises/{ours}/profile", SEES_OURS, 404),
    ("GET", "/api/v1/assessments?enterprise_id={ours}", SEES_OURS, 404),
    ("GET", "/api/v1/assessments/{report}", SEES_OURS, 404),
    (
        "POST",
        "/api/v1/assessments?enterprise_id={ours}",
        {**SEES_OURS, "owner": 201, "colleague": 201, "district": 201, "bureau": 201, "mentor": 403},
        404,
    ),
    ("POST", "/api/v1/profile/district-change", {"owner": 201, "colleague": 201, "outsider": 201}, 404),
]
BODIES = {
    "/portal/district/": {"district": "440103", "reason": "注册地址迁移"},
    "/api/v1/profile/district-change": {"district": "440103", "reason": "注册地址迁移"},
    "/reviews/claims/": {"decision": "reject"},
    "/reviews/district-changes/": {"decision": "reject"},
}


def _cases(table):
    for method, path, expected, default in table:
        for who in CAST:
            if path.startswith("/console/") and who in ENTERPRISE_USERS | {"station"} and who not in expected:
                status = 403
            else:
                status = expected.get(who, default)
            yield pytest.param(method, path, who, status, id=f"{method} {path} as {who}")


def _request(client, method, path, cast, report):
    batch = BatchRun.objects.create(created_by=cast.bureau, total=0)
    claimant = get_user_model().objects.create_user(username="claimant", password=PASSWORD, role=Role.ENTERPRISE)
    claim = Claim.objects.create(user=claimant, enterprise=cast.ours, name_given="华芯", district_given=HUANGPU)
    ids = {"ours": cast.ours.pk, "theirs": cast.theirs.pk, "report": report.pk, "batch": batch.pk, "claim": claim.pk}
    if "{change}" in path:
        ids["change"] = DistrictChange.objects.create(
            enterprise=cast.ours, requested_by=cast.owner, from_district=HUANGPU, to_district=TIANHE, reason="搬迁"
        ).pk
    url = path.format(**ids)
    body = next((data for prefix, data in BODIES.items() if path.startswith(prefix)), None)
    if method == "GET":
        return client.get(url)
    if method == "PATCH":
        return client.patch(url, json.dumps({"name": "改名后的企业有限公司"}), content_type="application/json")
    if url.startswith("/api/") and body:
        return client.post(url, body, content_type="application/json")
    return client.post(url, body or {})


@pytest.mark.parametrize(("method", "path", "who", "status"), list(_cases(PAGES + API)))
def test_each_role_gets_exactly_what_it_may(client, cast, report, method, path, who, status):
    client.force_login(getattr(cast, who))
    response = _request(client, method, path, cast, report)
    assert_status(response, status)


@pytest.mark.parametrize(("method", "path"), routes(PAGES))
def test_anonymous_visitors_are_sent_to_login(client, cast, report, method, path):
    response = _request(client, method, path, cast, report)
    assert_sent_to_login(response)


@pytest.mark.parametrize(("method", "path"), routes(API))
def test_anonymous_api_calls_get_the_401_envelope(client, cast, report, method, path):
    response = _request(client, method, path, cast, report)
    assert_unauthenticated(response)


PUBLIC = [("POST", "/display/", {}, 400)]  # the large-type / high-contrast switch: anyone; an empty post is refused


@pytest.mark.parametrize(("method", "path", "who", "status"), list(_cases(PUBLIC)))
def test_each_role_may_use_the_public_routes(client, cast, report, method, path, who, status):
    client.force_login(getattr(cast, who))
    assert_status(_request(client, method, path, cast, report), status)


@pytest.mark.parametrize(("method", "path", "status"), [(m, p, default) for m, p, _e, default in PUBLIC])
def test_anonymous_visitors_may_use_the_public_routes(client, cast, report, method, path, status):
    assert_status(_request(client, method, path, cast, report), status)
