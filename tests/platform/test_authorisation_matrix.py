"""Every page and endpoint, tried by every member of the cast."""

import json

import pytest

from gaoqi.apps.assessments.models import BatchRun
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
    ("POST", "/portal/colleagues/", {"owner": 200, "outsider": 200}, 403),
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
]


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
    url = path.format(ours=cast.ours.pk, theirs=cast.theirs.pk, report=report.pk, batch=batch.pk)
    if method == "GET":
        return client.get(url)
    if method == "PATCH":
        return client.patch(url, json.dumps({"name": "改名后的企业有限公司"}), content_type="application/json")
    return client.post(url)


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
