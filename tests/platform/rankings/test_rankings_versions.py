"""Indicator system versions: the bureau issues them (service, page and API); bad input is named and kept."""

import datetime
import json

import pytest

from gaoqi.apps.rankings.models import IndicatorVersion
from gaoqi.apps.rankings.services import indicator_version_create
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.models import AuditEntry
from gaoqi.rules.indicators import MEASURES

SPEC = {"indicators": [{"key": "awards", "weight": "2", "method": "minmax"}]}


def test_the_bureau_issues_a_version_and_it_is_audited(cast):
    version = indicator_version_create(
        actor=cast.bureau, name="2027 版", effective_on=datetime.date(2027, 1, 1), spec=SPEC
    )
    assert version.system().indicators[0].key == "awards"
    assert AuditEntry.objects.filter(action="rankings.indicator_version_create", target_id=str(version.pk)).exists()


def test_district_staff_may_not_issue_a_version(cast):
    with pytest.raises(PermissionDenied):
        indicator_version_create(actor=cast.district, name="x", effective_on=datetime.date(2027, 1, 1), spec=SPEC)


def test_a_bad_weight_is_refused_naming_the_field(cast):
    spec = {"indicators": [{"key": "awards", "weight": "很多", "method": "minmax"}]}
    with pytest.raises(DomainError) as caught:
        indicator_version_create(actor=cast.bureau, name="x", effective_on=datetime.date(2027, 1, 1), spec=spec)
    assert caught.value.field == "awards.weight"
    assert "权重" in caught.value.message


def _form(**changes):
    data = {"name": "2027 版", "effective_on": "2027-01-01", "note": "提高研发权重"}
    for key in MEASURES:
        data |= {f"{key}_weight": "0", f"{key}_method": "minmax", f"{key}_bands": "", f"{key}_gate": ""}
    data |= {"rd_intensity_weight": "40", "rd_intensity_method": "banded", "rd_intensity_bands": "3%:0.5, 5%:1"}
    return data | changes


def test_the_editor_saves_a_version_from_the_form(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/rankings/indicators/new/", _form())
    version = IndicatorVersion.objects.get()
    assert response.status_code == 302
    assert response.url == f"/rankings/indicators/{version.pk}/"
    assert version.spec["indicators"] == [
        {
            "key": "rd_intensity",
            "weight": "40",
            "method": "banded",
            "bands": [["0.03", "0.5"], ["0.05", "1"]],
            "gate": "",
        }
    ]
    assert "0.03:0.5, 0.05:1" in client.get(response.url).content.decode()


def test_the_editor_names_a_bad_gate_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/rankings/indicators/new/", _form(rd_intensity_gate="hte_certificate and ("))
    page = response.content.decode()
    assert response.status_code == 400
    assert not IndicatorVersion.objects.exists()
    assert "门槛条件有误" in page
    assert "hte_certificate and (" in page
    assert "提高研发权重" in page


def test_the_editor_names_unordered_bands(client, cast):
    client.force_login(cast.bureau)
    response = client.post("/rankings/indicators/new/", _form(rd_intensity_bands="5%:1, 3%:0.5"))
    assert response.status_code == 400
    assert "从小到大" in response.content.decode()


def test_the_editor_starts_from_the_version_in_force(client, cast, version):
    client.force_login(cast.bureau)
    page = client.get("/rankings/indicators/new/").content.decode()
    assert 'value="0.03:0.4, 0.04:0.6, 0.05:0.8, 0.08:1"' in page
    assert 'value="not listed"' in page


def test_the_api_refuses_a_bad_method_with_the_field_in_the_envelope(client, cast):
    client.force_login(cast.bureau)
    body = {"name": "x", "effective_on": "2027-01-01", "indicators": [{"key": "awards", "weight": "1", "method": "z"}]}
    response = client.post("/api/v1/rankings/indicator-versions", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert response.json()["details"] == {"field": "awards.method"}
