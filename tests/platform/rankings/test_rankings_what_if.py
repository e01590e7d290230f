"""What-if: the changed system and rule against the one in force, over every enterprise, by district and area."""

import datetime
import json
from decimal import Decimal

import pytest

from gaoqi.apps.rankings.services import what_if_save
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.rules.indicators import default_system

RD_ONLY = {"indicators": [{"key": "rd_intensity", "weight": "1", "method": "banded", "bands": [["5%", "1"]]}]}


@pytest.fixture
def today(clock):
    clock.at(datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC))


def save(cast, spec=None, **changes):
    values = {
        "name": "只看研发强度",
        "spec": spec or RD_ONLY,
        "eligibility": "not listed",
        "cutoff_before": Decimal(60),
        "cutoff": Decimal(60),
        "reward_before": Decimal(100_000),
        "reward": Decimal(150_000),
    }
    return what_if_save(actor=cast.bureau, **(values | changes))


def test_a_changed_system_shows_who_gains_by_district_and_what_it_costs(cast, version, today):
    result = save(cast).result
    # in force: 华芯 scores below 60 (no financing, awards); R&D intensity 5.4% alone gives it 100
    assert (result["before"], result["after"], result["gained"], result["lost"]) == (0, 1, 1, 0)
    assert (result["cost_before"], result["cost_after"], result["cost_change"]) == ("0", "150000", "150000")
    huangpu = next(row for row in result["districts"] if row["key"] == "440112")
    assert (huangpu["before"], huangpu["after"]) == (0, 1)
    assert {row["key"] for row in result["areas"]} == {"10"}


def test_a_band_raised_above_the_enterprise_loses_it(cast, version, today):
    raised = {"indicators": [{"key": "rd_intensity", "weight": "1", "method": "banded", "bands": [["5.5%", "1"]]}]}
    assert save(cast, spec=raised).result["after"] == 0


def test_an_unchanged_system_and_rule_change_nothing(cast, version, today):
    _name, system = default_system()
    scenario = save(cast, spec=system.as_dict(), cutoff=Decimal(10), cutoff_before=Decimal(10), reward=Decimal(100_000))
    result = scenario.result
    assert result["gained"] == result["lost"] == 0
    assert result["cost_change"] == "0"


def test_bad_criteria_are_named_and_only_the_bureau_may_compute(cast, version, today):
    with pytest.raises(DomainError) as caught:
        save(cast, eligibility="listed ==")
    assert caught.value.field == "eligibility"
    with pytest.raises(PermissionDenied):
        what_if_save(
            actor=cast.district,
            name="x",
            spec=RD_ONLY,
            eligibility="not listed",
            cutoff_before=1,
            cutoff=1,
            reward_before=0,
            reward=0,
        )


def test_the_api_computes_and_lists_scenarios(client, cast, version, today):
    client.force_login(cast.bureau)
    body = {
        "name": "API",
        "eligibility": "not listed",
        "cutoff_before": "60",
        "cutoff": "60",
        "reward_before": "0",
        "reward": "1000.50",
        **RD_ONLY,
    }
    made = client.post("/api/v1/rankings/whatif", json.dumps(body), content_type="application/json")
    assert made.status_code == 201
    assert made.json()["result"]["cost_after"] == "1000.50"
    assert [s["name"] for s in client.get("/api/v1/rankings/whatif").json()] == ["API"]
