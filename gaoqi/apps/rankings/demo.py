"""Demo data of 梯次培育与精选: the default indicator system in force since the start of last year; contest awards
and equity rounds for some of the demo enterprises (so that the financing and award indicators tell them apart);
科技型中小企业 registrations and 专精特新 recognitions spread over the last two years (so that the tier funnel shows
moves); the tier snapshots of last year and this year; last year's two lists, published; and a saved what-if."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from gaoqi.apps.enterprises.models import Certificate, ContestResult, Enterprise, EquityRound
from gaoqi.apps.rankings.lists import ELIGIBILITY, SIZES, draft_entries
from gaoqi.apps.rankings.models import IndicatorVersion, RankingList, WhatIfScenario
from gaoqi.apps.rankings.tiers import take_snapshots
from gaoqi.apps.rankings.whatif import what_if
from gaoqi.rules.indicators import default_system, system_from_dict
from gaoqi.rules.indicators.whatif import Rule

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
    certificates = _certificates(rng, today)
    for year in (today.year - 1, today.year):
        take_snapshots(year=year, today=today)
    for kind in RankingList.Kind.values:
        _published_list(kind, today.year - 1, version, today)
    _what_if(version, system, today)
    return {"version": version.pk, "awards": len(awards), "rounds": len(rounds), "certificates": certificates}


def _published_list(kind: str, year: int, version: IndicatorVersion, today: dt.date) -> None:
    """Last year's list of ``kind``, drafted with the default system and published at the end of that year."""
    published = timezone.make_aware(dt.datetime(year, 12, 20, 10))
    ranking_list = RankingList.objects.create(
        kind=kind,
        year=year,
        version=version,
        spec=version.spec,
        eligibility=ELIGIBILITY[kind],
        size=SIZES[kind] // 5,
        status=RankingList.Status.PUBLISHED,
        published_at=published,
        created_at=published,
    )
    draft_entries(ranking_list, version, today)


def _what_if(version: IndicatorVersion, system, today: dt.date) -> None:
    """A saved what-if: the R&D intensity bands lowered by one point, the cut at 60 and the reward raised."""
    spec = system.as_dict()
    for indicator in spec["indicators"]:
        if indicator["key"] == "rd_intensity":
            indicator["bands"] = [["0.02", "0.4"], ["0.03", "0.6"], ["0.04", "0.8"], ["0.07", "1"]]
    changed = system_from_dict(spec)
    eligibility = "hte_certificate and not listed"
    base, rule = Rule(Decimal(60), Decimal(200_000)), Rule(Decimal(60), Decimal(300_000))
    result = what_if(version=version, changed=changed, eligibility=eligibility, base=base, rule=rule, today=today)
    WhatIfScenario.objects.create(
        name="研发强度分档下调一个百分点、奖补提至 30 万元",
        base_version=version,
        spec=changed.as_dict(),
        eligibility=eligibility,
        cutoff_before=base.cutoff,
        cutoff=rule.cutoff,
        reward_before=base.reward,
        reward=rule.reward,
        result=result,
    )


def _certificates(rng: random.Random, today: dt.date) -> int:
    """科技型中小企业 registrations (valid to the end of their year) for some enterprises without a certificate, and
    专精特新 recognitions (three years) for some HTEs, issued last year or this year."""
    holders = set(Certificate.objects.values_list("enterprise_id", flat=True))
    hte = set(Certificate.objects.filter(kind=Certificate.Kind.HTE).values_list("enterprise_id", flat=True))
    made = []
    for enterprise_id in Enterprise.objects.order_by("pk").values_list("pk", flat=True):
        year = today.year - rng.randint(0, 1)
        issued = dt.date(year, rng.randint(1, 6), rng.randint(1, 28))
        if enterprise_id not in holders and rng.random() < 0.45:
            made.append(_certificate(enterprise_id, Certificate.Kind.TSME, issued, dt.date(today.year, 12, 31)))
        elif enterprise_id in hte and rng.random() < 0.3:
            expires = issued.replace(year=issued.year + 3)
            made.append(_certificate(enterprise_id, Certificate.Kind.SPECIALISED, issued, expires))
    Certificate.objects.bulk_create(made)
    return len(made)


def _certificate(enterprise_id: int, kind: str, issued: dt.date, expires: dt.date) -> Certificate:
    number = f"{kind.upper()}-{issued:%Y}-{enterprise_id:06d}"
    return Certificate(enterprise_id=enterprise_id, kind=kind, number=number, issued_on=issued, expires_on=expires)
