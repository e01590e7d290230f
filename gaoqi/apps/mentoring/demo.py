"""Deterministic demo data: 33 service stations over the 11 districts, 120 mentors, a first matching and visits."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.accounts.passwords import checked_hash
from gaoqi.apps.enterprises.models import MentorAssignment
from gaoqi.apps.mentoring.models import MentorProfile, Station, Visit
from gaoqi.apps.mentoring.services import match_newcomers
from gaoqi.core.districts import DISTRICTS, TECH_FIELDS
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

DEMO_PASSWORD = "gaoqi-demo"
MENTORS = 120
STATIONS_PER_DISTRICT = 3
DEMO_MENTOR_CAPACITY = 25  # the demo mentor already looks after the 20 enterprises of the platform demo
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华")
ORGANISATIONS = [
    "华南理工大学",
    "中山大学",
    "广东工业大学",
    "广州大学",
    "暨南大学",
    "广东省生产力促进中心",
    "广州市科技创新服务中心",
    "某会计师事务所",
    "某知识产权代理有限公司",
    "某税务师事务所",
    "广州产业投资基金",
    "广州技术产权交易所",
]
OPERATORS = ["科技企业孵化器", "技术转移中心", "生产力促进中心", "产业园区服务中心", "科技服务有限公司"]
FOCUS = {
    "440103": ["生物医药", "现代商贸", "文化创意"],
    "440104": ["数字经济", "高技术服务", "文化创意"],
    "440105": ["人工智能", "数字创意", "生物医药"],
    "440106": ["软件和信息服务", "金融科技", "人工智能"],
    "440111": ["美丽健康", "轨道交通", "航空产业"],
    "440112": ["集成电路", "生物医药", "新能源汽车"],
    "440113": ["智能制造", "数字创意", "生命健康"],
    "440114": ["临空经济", "汽车制造", "新材料"],
    "440115": ["海洋科技", "航运物流", "人工智能"],
    "440117": ["生态农业", "美丽健康", "新能源"],
    "440118": ["新型显示", "汽车零部件", "新材料"],
}


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))


@transaction.atomic
def _stations(rng: random.Random) -> list[Station]:
    stations = []
    for code, district in DISTRICTS:
        for n, focus in enumerate(FOCUS[code][:STATIONS_PER_DISTRICT]):
            stations.append(
                Station(
                    name=f"{district}{focus}高企服务工作站",
                    organisation=f"广州{str(district)[:-1]}{rng.choice(OPERATORS)}",
                    district=code,
                    industry_focus=focus,
                    address=f"广州市{district}科创路{rng.randint(1, 300)}号{n + 1}楼",
                    contact_name=_name(rng),
                    contact_phone=f"020-{rng.randint(3000_0000, 8999_9999)}",
                    services=sorted(rng.sample(Topic.values, rng.randint(3, 6))),
                )
            )
    return Station.objects.bulk_create(stations)


@transaction.atomic
def _mentors(rng: random.Random, stations: list[Station]) -> list[MentorProfile]:
    User = get_user_model()
    password = checked_hash(DEMO_PASSWORD)
    codes = [code for code, _name in DISTRICTS]
    fields = [code for code, _label in TECH_FIELDS]
    profiles = []
    for i in range(MENTORS):
        username = "mentor" if i == 0 else f"mentor{i:03d}"
        user, _created = User.objects.get_or_create(
            username=username, defaults={"role": Role.MENTOR, "password": password}
        )
        user.first_name = user.first_name or _name(rng)
        user.save(update_fields=["first_name"])
        district = "440112" if i == 0 else codes[i % len(codes)]
        own = [s for s in stations if s.district == district]
        profiles.append(
            MentorProfile(
                user=user,
                organisation=rng.choice(ORGANISATIONS),
                district=district,
                tech_fields=sorted(rng.sample(fields, rng.choice((1, 1, 2, 3)))),
                topics=sorted(rng.sample(Topic.values, rng.randint(2, 5))),
                capacity=DEMO_MENTOR_CAPACITY if i == 0 else rng.randint(6, 15),
                station=rng.choice(own) if own and rng.random() < 0.7 else None,
            )
        )
    return MentorProfile.objects.bulk_create(profiles)


def _visits(rng: random.Random, mentor, today: datetime.date) -> None:
    visits = [
        Visit(
            mentor=mentor,
            enterprise_id=enterprise_id,
            on=today - datetime.timedelta(days=rng.randint(1, 90)),
            kind=rng.choice(Visit.Kind.values),
            topics=[rng.choice(Topic.values)],
            notes="了解企业研发投入归集情况，梳理知识产权布局。",
            follow_up="两周内提交研发辅助账样表。",
        )
        for enterprise_id in MentorAssignment.objects.filter(mentor=mentor).values_list("enterprise_id", flat=True)[:8]
    ]
    Visit.objects.bulk_create(visits)


def seed(*, seed: int = 2026, today: datetime.date | None = None) -> dict:
    """Stations, mentors (the demo ``mentor`` among them), the demo ``station`` user operating the first Huangpu
    station, a first optimal matching run as the demo bureau user, and some visits of the demo mentor."""
    rng = random.Random(seed)
    User = get_user_model()
    stations = _stations(rng)
    profiles = _mentors(rng, stations)
    operator = User.objects.filter(username="station", role=Role.STATION).first()
    if operator:
        next(s for s in stations if s.district == "440112").operators.add(operator)
    bureau = User.objects.filter(role=Role.BUREAU).order_by("pk").first()
    outcome = match_newcomers(actor=bureau) if bureau else None
    _visits(rng, profiles[0].user, today or timezone.localdate())
    return {
        "stations": len(stations),
        "mentors": len(profiles),
        "districts": len({s.district for s in stations}),
        "assigned": outcome.assigned if outcome else 0,
    }
