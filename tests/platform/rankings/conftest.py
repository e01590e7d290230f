"""梯次培育与精选 fixtures: the default indicator system in force, on top of the fixed cast."""

import datetime

import pytest

from gaoqi.apps.rankings.models import IndicatorVersion
from gaoqi.rules.indicators import default_system


@pytest.fixture
def version(cast):
    name, system = default_system()
    return IndicatorVersion.objects.create(name=name, effective_on=datetime.date(2025, 1, 1), spec=system.as_dict())
