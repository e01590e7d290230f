"""Deterministic demo data: programmes on the service topics, a year of sessions at the stations and online,
registrations with check-ins and feedback for the past sessions, open registration for the coming ones."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.enterprises.models import Enterprise, Membership
from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.training import codes
from gaoqi.apps.training.models import Feedback, Programme, Registration, Session
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

PROGRAMMES = [
    (Topic.RECOGNITION, "高企认定“八大条件”系列", ["八大条件逐条讲", "申报材料常见问题", "专家评审要点"]),
    (Topic.RD_ACCOUNTING, "研发费用归集与加计扣除", ["研发费用辅助账实务", "加计扣除政策与申报", "研发项目立项与核算"]),
    (Topic.IP, "知识产权布局与运营", ["Ⅰ类与Ⅱ类知识产权", "专利挖掘与布局", "知识产权与高企评分"]),
    (Topic.HIGHTECH_INCOME, "高新技术产品（服务）收入", ["高品收入的界定与核算"]),
    (Topic.RD_MANAGEMENT, "研发组织管理", ["研发管理制度建设", "产学研合作实务"]),
    (Topic.FINANCE, "科技金融", ["知识产权质押融资", "科技信贷产品对接"]),
    (Topic.LISTING, "上市培育", ["科创板上市路径", "规范治理与股权激励"]),
]
SPEAKERS = ["陈会计师", "李律师", "王教授", "黄专利代理师", "张评审专家", "刘税务师", "周投资经理"]
ATTENDEE_NAMES = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超")
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭")
PAST_SESSIONS, UPCOMING_SESSIONS = 48, 14


def _at(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _programmes(year: int) -> list[tuple[Programme, list[str]]]:
    return [
        (Programme.objects.create(title=title, topic=topic, year=year), lessons) for topic, title, lessons in PROGRAMMES
    ]


def _session(rng, programmes, stations, day: datetime.date, *, station=None) -> Session:
    programme, lessons = rng.choice(programmes)
    station = station or (rng.choice(stations) if stations and rng.random() < 0.8 else None)
    starts_at = _at(day, rng.choice((9, 14)))
    return Session.objects.create(
        programme=programme,
        title=rng.choice(lessons),
        topic=programme.topic,
        speakers=rng.choice(SPEAKERS),
        station=station,
        online_url="" if station else "https://meeting.example.cn/kcxt",
        district=station.district if station else rng.choice(("440106", "440112")),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
        capacity=rng.choice((40, 60, 80, 120)),
        registration_opens=starts_at - datetime.timedelta(days=21),
        registration_closes=_at(day - datetime.timedelta(days=1), 18),
    )


def _attendees(rng, session: Session, enterprises: list[int], share: float, *, attended: bool, used: set) -> list:
    rows = []
    now = timezone.now()
    if session.registration_opens >= now:
        return rows
    window = int((min(now, session.registration_closes) - session.registration_opens).total_seconds() // 60)
    for i in range(int(session.capacity * share)):
        code = codes.new_code()
        while code in used:
            code = codes.new_code()
        used.add(code)
        registered = session.registration_opens + datetime.timedelta(minutes=rng.randrange(max(window, 1)))
        checked = attended and rng.random() < 0.88
        rows.append(
            Registration(
                session=session,
                enterprise_id=rng.choice(enterprises),
                attendee_name=rng.choice(SURNAMES) + rng.choice(ATTENDEE_NAMES),
                attendee_phone=f"139{session.pk % 10_000:04d}{i:04d}",
                status=Registration.Status.CONFIRMED,
                code=code,
                created_at=registered,
                checked_in_at=session.starts_at - datetime.timedelta(minutes=rng.randrange(0, 30)) if checked else None,
            )
        )
    return rows


def _feedback(rng, registrations: list[Registration]) -> None:
    comments = ["案例很实用", "希望多讲申报材料", "时间可以再长一些", "", "", ""]
    Feedback.objects.bulk_create(
        Feedback(
            registration=r,
            rating=rng.choice((3, 4, 4, 5, 5)),
            usefulness=rng.choice((3, 4, 5, 5)),
            comment=rng.choice(comments),
        )
        for r in registrations
        if r.checked_in_at and rng.random() < 0.4
    )


@transaction.atomic
def seed(*, seed: int = 2026, today: datetime.date | None = None) -> dict:
    """Programmes, past sessions (attended, with feedback) since January and upcoming ones open for registration;
    the demo ``enterprise`` has an attended session and a confirmed seat in the coming weeks."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    programmes = _programmes(today.year)
    stations = list(Station.objects.filter(is_active=True).order_by("pk"))
    by_district: dict[str, list[int]] = {}
    for pk, district in Enterprise.objects.order_by("pk").values_list("pk", "district"):
        by_district.setdefault(district, []).append(pk)
    everyone = [pk for pks in by_district.values() for pk in pks]
    if not everyone:
        return {"programmes": len(programmes), "sessions": 0, "registrations": 0}
    year_start = datetime.date(today.year, 1, 6)
    span = max((today - year_start).days, 1)
    past = [
        _session(rng, programmes, stations, year_start + datetime.timedelta(days=rng.randrange(span)))
        for _ in range(PAST_SESSIONS)
    ]
    operated = Station.objects.filter(operators__username="station").first()
    upcoming = [
        _session(
            rng,
            programmes,
            stations,
            today + datetime.timedelta(days=3 + 4 * i),
            station=operated if i % 3 == 0 else None,
        )
        for i in range(UPCOMING_SESSIONS)
    ]
    used = set(Registration.objects.values_list("code", flat=True))
    rows = []
    for session in past + upcoming:
        pool = everyone if session.station is None else by_district.get(session.district) or everyone
        attended = session.starts_at.date() < today
        rows += _attendees(
            rng,
            session,
            pool,
            rng.uniform(0.5, 0.95) if attended else rng.uniform(0.1, 0.5),
            attended=attended,
            used=used,
        )
    registrations = Registration.objects.bulk_create(rows)
    _feedback(rng, registrations)
    demo_user = get_user_model().objects.filter(username="enterprise", role=Role.ENTERPRISE).first()
    membership = Membership.objects.filter(user=demo_user).first() if demo_user else None
    if membership:
        attended = next(r for r in registrations if r.checked_in_at)
        Registration.objects.filter(pk__in=[attended.pk, registrations[-1].pk]).update(enterprise=membership.enterprise)
    return {"programmes": len(programmes), "sessions": len(past) + len(upcoming), "registrations": len(registrations)}
