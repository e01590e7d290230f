"""Demo data of 梯次培育与精选: the default indicator system in force since the start of last year, and contest awards
and equity rounds for some of the demo enterprises (so that the financing and award indicators tell them apart)."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from gaoqi.apps.enterprises.models import ContestResult, Enterprise, EquityRound
from gaoqi.apps.rankings.models import IndicatorVersion
from gaoqi.rules.indicators import default_system

CONTESTS = ("中国创新创业大赛（广东·广州赛区）", "广州市创新创业大赛", "粤港澳大湾区科技创新创业大赛")
INVESTORS = ("广州产投资本", "粤科金融集团", "黄埔人才引导基金", "越秀产业基金", "南沙创投")
STAGES = ("angel", "pre_a", "a", "b", "c")


def _rounds(rng: random.Random, enterprise: Enterprise, today: dt.date) -> list[EquityRound]:
    rounds = []
    for stage in STAGES[: rng.randint(1, 3)]:
        amount = Decimal(rng.randrange(500, 20_000)) * 10_000
        closed = today - dt.timedelta(days=rng.randint(30, 3 * 365))
        investor = rng.choice(INVESTORS)
        rounds.append(
            EquityRound(enterprise=enterprise, investor=investor, amount=amount, closed_on=closed, stage=stage)
        )
    return rounds


def seed(*, seed: int = 2026, today: dt.date | None = None) -> dict:
    """Load the demo; the same seed and day give the same data."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    name, system = default_system()
    version = IndicatorVersion.objects.create(
        name=name, effective_on=dt.date(today.year - 1, 1, 1), spec=system.as_dict(), note="默认版本"
    )
    awards, rounds = [], []
    for enterprise in Enterprise.objects.order_by("pk"):
        if rng.random() < 0.2:
            year = today.year - rng.randint(0, 2)
            level, award = rng.randint(1, 4), rng.randint(1, 5)
            awards.append(
                ContestResult(enterprise=enterprise, contest=rng.choice(CONTESTS), year=year, level=level, award=award)
            )
        if rng.random() < 0.15:
            rounds.extend(_rounds(rng, enterprise, today))
    ContestResult.objects.bulk_create(awards)
    EquityRound.objects.bulk_create(rounds)
    return {"version": version.pk, "awards": len(awards), "rounds": len(rounds)}
