"""科创学堂 fixtures: a station in 黄埔 operated by the cast's station user, a programme and an open session."""

import pytest
from django.contrib.auth import get_user_model

from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.training.models import Programme
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic
from tests.platform.conftest import PASSWORD
from tests.platform.training.training_setup import make_session


@pytest.fixture
def station(cast):
    station = Station.objects.create(
        name="黄埔科学城服务站", organisation="广州开发区科技创新服务中心", district="440112", address="科学大道 1 号"
    )
    station.operators.add(cast.station)
    return station


@pytest.fixture
def other_station(cast):
    operator = get_user_model().objects.create_user(username="tianhe_station", password=PASSWORD, role=Role.STATION)
    station = Station.objects.create(name="天河服务站", organisation="天河区科促会", district="440106")
    station.operators.add(operator)
    return station


@pytest.fixture
def programme(cast):
    return Programme.objects.create(title="高企认定“八大条件”系列", topic=Topic.RECOGNITION, year=2026)


@pytest.fixture
def session(programme, station):
    return make_session(programme, station)
