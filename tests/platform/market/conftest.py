"""产品兴企 fixtures: two owner organisations with their 场景方 users, products of the cast's enterprises, an open
scenario."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from gaoqi.apps.enterprises.models import IPItem
from gaoqi.apps.market.models import Organisation, Product, Scenario
from gaoqi.core.roles import Role
from tests.platform.conftest import HUANGPU, PASSWORD, TIANHE

TODAY = datetime.date(2026, 9, 1)


@pytest.fixture
def market(cast, clock):
    clock.at(datetime.datetime(2026, 9, 1, 10, 0, tzinfo=datetime.UTC))
    users = get_user_model().objects
    cast.scenario_owner = users.create_user(username="hospital", password=PASSWORD, role=Role.SCENARIO_OWNER)
    cast.other_owner = users.create_user(username="metro", password=PASSWORD, role=Role.SCENARIO_OWNER)
    cast.hospital = Organisation.objects.create(name="广州市第一人民医院", kind="hospital", district=HUANGPU)
    cast.metro = Organisation.objects.create(name="广州地铁集团", kind="transport", district=TIANHE)
    cast.hospital.members.add(cast.scenario_owner)
    cast.metro.members.add(cast.other_owner)
    cast.patent = IPItem.objects.get(enterprise=cast.ours)
    cast.their_patent = IPItem.objects.create(
        enterprise=cast.theirs, kind="invention_patent", granted_on=datetime.date(2021, 1, 1)
    )
    cast.draft = Product.objects.create(
        enterprise=cast.ours,
        name="医学影像智能辅助诊断软件",
        field="205",
        kind="software",
        description="基于深度学习的肺结节CT影像辅助诊断，支持医院影像科部署。",
        price_min=Decimal("300000"),
        price_max=Decimal("800000"),
    )
    cast.listed = Product.objects.create(
        enterprise=cast.theirs,
        name="地铁隧道巡检机器人",
        field="108",
        kind="equipment",
        certifications=["first_set"],
        description="轨道交通隧道自动巡检，激光雷达与视觉识别结合，发现渗漏与裂缝。",
        state=Product.State.LISTED,
        customers="广州地铁",
    )
    cast.scenario = Scenario.objects.create(
        organisation=cast.hospital,
        title="影像科肺结节筛查提效",
        problem="每日CT影像数千例，需要人工智能辅助诊断软件提升肺结节筛查效率。",
        field="205",
        budget="1m-5m",
        deadline=datetime.date(2026, 12, 31),
        district=HUANGPU,
        published_by=cast.scenario_owner,
    )
    return cast
