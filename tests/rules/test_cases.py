"""Run every YAML case beside the rulebooks: the profile goes in, the expected figures must come out."""

import datetime as dt

import pytest

from gaoqi.rules import assess, assess_batch
from gaoqi.rules.cases import DEFAULT_AS_OF, all_cases, bases, lookup, profile_of
from tests.rules.helpers import explained, without_basis

CASES = all_cases()
BASES = bases()


def _as_of(case) -> dt.date:
    value = case.get("as_of", DEFAULT_AS_OF)
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _normalise(value):
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


@pytest.mark.parametrize(("source", "case"), CASES, ids=[f"{source}: {case['name']}" for source, case in CASES])
def test_case(source, case):
    result = assess(profile_of(case, BASES), as_of=_as_of(case))
    for path, expected in case["expect"].items():
        assert _normalise(lookup(result, path)) == _normalise(expected), f"{path} in {source}"


def test_there_are_at_least_eighty_cases_with_unique_names():
    names = [case["name"] for _, case in CASES]
    assert len(names) >= 80
    assert len(set(names)) == len(names)


def test_bulk_evaluation_gives_the_same_results_for_every_case():
    by_date: dict = {}
    for _, case in CASES:
        by_date.setdefault(_as_of(case), []).append(profile_of(case, BASES))
    for as_of, profiles in by_date.items():
        singles = [without_basis(assess(profile, as_of=as_of)) for profile in profiles]
        assert explained(assess_batch(profiles, as_of=as_of)) == singles
