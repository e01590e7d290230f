"""Deterministic demo data for 产品兴企: owner organisations and the demo 场景方 login, some 240 innovation products of
the demo enterprises in every review state, 46 scenarios (a few closed), proposals along their way, and 供需对对碰
events (one past, one coming) held as 科创学堂 sessions linked to scenarios."""

import datetime
import random
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.enterprises.models import Enterprise, Membership
from gaoqi.apps.market.matching import Index
from gaoqi.apps.market.models import Organisation, Product, Proposal, Scenario
from gaoqi.apps.market.suggest import product_doc, scenario_doc
from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.training.models import Programme, Session
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

OWNER_LOGIN = "owner"
MAKERS_PER_PRODUCT = (3, 4)
STATE_WEIGHTS = {Product.State.LISTED: 86, Product.State.SUBMITTED: 8, Product.State.APPROVED: 4}
STATE_WEIGHTS |= {Product.State.DRAFT: 5, Product.State.RETURNED: 3}
MODELS = ("", "Pro", "2.0", "S", "X1", "V3")
PRICES = {  # reference price band per product type, in yuan
    "software": (100_000, 2_000_000),
    "equipment": (200_000, 5_000_000),
    "material": (20_000, 500_000),
    "medical": (50_000, 3_000_000),
    "service": (50_000, 800_000),
}


@cache
def catalogue() -> dict:
    return yaml.safe_load((Path(__file__).parent / "catalogue.yaml").read_text(encoding="utf-8"))


def _price(rng: random.Random, kind: str) -> tuple[Decimal, Decimal]:
    low, high = PRICES[kind]
    start = rng.randrange(low, high, 10_000)
    return Decimal(start), Decimal(start * rng.choice((2, 3, 5)))


def _makers(rng: random.Random, enterprises: list, field: str) -> list:
    same = [e for e in enterprises if e.tech_field[:2] == field[:2]] or enterprises
    return rng.sample(same, min(len(same), rng.randint(*MAKERS_PER_PRODUCT)))


def _products(rng: random.Random, enterprises: list, demo_enterprise) -> list[Product]:
    now = timezone.now()
    rows = []
    for field, kind, name, description, customers in catalogue()["products"]:
        field = str(field)
        makers = _makers(rng, enterprises, field)
        if demo_enterprise is not None and field in ("805", "205") and demo_enterprise not in makers:
            makers.append(demo_enterprise)
        for maker in makers:
            low, high = _price(rng, kind)
            state = rng.choices(list(STATE_WEIGHTS), weights=list(STATE_WEIGHTS.values()))[0]
            if maker == demo_enterprise and field == "805":  # the demo login has a draft to submit
                state = Product.State.DRAFT
            certified = rng.random() < 0.25 and kind in ("equipment", "software", "material")
            first = {"equipment": "first_set", "software": "first_version", "material": "first_batch"}.get(kind)
            rows.append(
                Product(
                    enterprise=maker,
                    name=f"{maker.name[2:4]}{name}{rng.choice(MODELS)}",
                    field=field,
                    kind=kind,
                    certifications=[first] if certified else [],
                    price_min=low,
                    price_max=high,
                    customers=customers,
                    description=description,
                    state=state,
                    review_note="请补充第三方检测报告。" if state == Product.State.RETURNED else "",
                    submitted_at=None
                    if state == Product.State.DRAFT
                    else now - datetime.timedelta(days=rng.randint(5, 200)),
                    listed_at=now - datetime.timedelta(days=rng.randint(1, 180))
                    if state == Product.State.LISTED
                    else None,
                )
            )
    products = []
    for product in rows:  # saved one by one so that each gets its search terms
        product.save()
        products.append(product)
    return products


def _owner_login(organisation: Organisation) -> None:
    from gaoqi.apps.enterprises.demo import DEMO_PASSWORD

    user, _created = get_user_model().objects.update_or_create(
        username=OWNER_LOGIN, defaults={"role": Role.SCENARIO_OWNER, "password": make_password(DEMO_PASSWORD)}
    )
    organisation.members.add(user)


def _scenarios(rng: random.Random, organisations: dict, today: datetime.date) -> list[Scenario]:
    bureau = get_user_model().objects.filter(role=Role.BUREAU).first()
    scenarios = []
    for i, (owner, field, budget, title, problem) in enumerate(catalogue()["scenarios"]):
        organisation = organisations[owner]
        closed = i % 9 == 8
        published = today - datetime.timedelta(days=rng.randint(60, 150) if closed else rng.randint(1, 50))
        scenarios.append(
            Scenario.objects.create(
                organisation=organisation,
                title=title,
                problem=problem,
                field=str(field),
                budget=budget,
                deadline=published + datetime.timedelta(days=rng.randint(30, 50) if closed else rng.randint(60, 120)),
                district=organisation.district,
                state=Scenario.State.CLOSED if closed else Scenario.State.OPEN,
                published_by=bureau,
                published_at=timezone.make_aware(datetime.datetime.combine(published, datetime.time(10))),
            )
        )
    return scenarios


PROGRESS = [Proposal.State.SUBMITTED, Proposal.State.SHORTLISTED, Proposal.State.CONNECTED, Proposal.State.SIGNED]


def _proposals(rng: random.Random, scenarios: list[Scenario], products: list[Product]) -> int:
    listed = [p for p in products if p.state == Product.State.LISTED]
    index = Index([product_doc(p) for p in listed])
    by_id = {p.pk: p for p in listed}
    made = 0
    for scenario, found in zip(scenarios, index.top([scenario_doc(s) for s in scenarios], 4), strict=True):
        seen = set()
        for suggestion in found[: rng.randint(1, 4)]:
            product = by_id[suggestion.id]
            if product.enterprise_id in seen:
                continue
            seen.add(product.enterprise_id)
            state = rng.choice(PROGRESS[:2]) if scenario.state == Scenario.State.OPEN else rng.choice(PROGRESS[1:])
            proposal = Proposal.objects.create(
                scenario=scenario,
                enterprise=product.enterprise,
                text=f"以“{product.name}”为核心，结合现场需求提供部署、培训与运维的整体方案。",
                state=state,
                comment="方案契合度高，请准备现场演示。" if state != Proposal.State.SUBMITTED else "",
                created_at=scenario.published_at + datetime.timedelta(days=rng.randint(1, 20)),
            )
            proposal.products.add(product)
            made += 1
    return made


def _events(scenarios: list[Scenario], now: datetime.datetime) -> int:
    """One past and one coming 供需对对碰 / 路演, each a 科创学堂 session linked to scenarios of one kind of owner."""
    programme = Programme.objects.create(
        title="产品兴企·供需对对碰", topic=Topic.CONVERSION, year=now.year, description="场景方发布需求，企业现场路演。"
    )
    station = Station.objects.filter(is_active=True).order_by("pk").first()
    made = 0
    for offset, kind, title in ((-30, "hospital", "智慧医院专场对对碰"), (21, "transport", "智慧交通专场路演")):
        starts_at = (now + datetime.timedelta(days=offset)).replace(hour=14, minute=0, second=0, microsecond=0)
        session = Session.objects.create(
            programme=programme,
            title=title,
            topic=Topic.CONVERSION,
            speakers="场景方代表、入围企业",
            description="场景方介绍需求，入围企业逐一路演并现场对接。",
            station=station,
            online_url="" if station else "https://meeting.example.cn/ddp",
            district=station.district if station else "440106",
            starts_at=starts_at,
            ends_at=starts_at + datetime.timedelta(hours=3),
            capacity=80,
            registration_opens=starts_at - datetime.timedelta(days=20),
            registration_closes=starts_at - datetime.timedelta(hours=18),
            status=Session.Status.SCHEDULED,
        )
        session.scenarios.set([s for s in scenarios if s.organisation.kind == kind])
        made += 1
    return made


@transaction.atomic
def seed(*, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    today, now = timezone.localdate(), timezone.now()
    organisations = {
        name: Organisation.objects.create(name=name, kind=kind, district=district)
        for name, kind, district in catalogue()["organisations"]
    }
    _owner_login(next(iter(organisations.values())))
    enterprises = list(Enterprise.objects.order_by("pk"))
    demo = Membership.objects.filter(user__username="enterprise").select_related("enterprise").first()
    products = _products(rng, enterprises, demo.enterprise if demo else None)
    scenarios = _scenarios(rng, organisations, today)
    return {
        "organisations": len(organisations),
        "products": len(products),
        "scenarios": len(scenarios),
        "proposals": _proposals(rng, scenarios, products),
        "events": _events(scenarios, now),
    }
