"""Deterministic 金融惠企 demo data on top of ``manage.py demo``: institutions with staff (the ``bank`` login works
for the first), products, six months of demands carried along their states, loans under the pool, contest results
and equity rounds."""

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.accounts.passwords import checked_hash
from gaoqi.apps.enterprises.demo import DEMO_PASSWORD
from gaoqi.apps.enterprises.models import ContestResult, Enterprise, EquityRound, Membership
from gaoqi.apps.finance import services
from gaoqi.apps.finance.models import Deal, Institution, Product, Staff
from gaoqi.core.roles import Role

Kind = Product.Kind
HISTORY_DAYS = 180
INSTITUTIONS = [
    ("穗科银行", Institution.Kind.BANK, True),
    ("珠江商业银行", Institution.Kind.BANK, True),
    ("羊城农商银行", Institution.Kind.BANK, True),
    ("南粤科技银行", Institution.Kind.BANK, True),
    ("湾区发展银行", Institution.Kind.BANK, False),
    ("广州科技融资担保", Institution.Kind.GUARANTOR, False),
    ("越秀融资担保", Institution.Kind.GUARANTOR, False),
    ("湾区创新创业投资", Institution.Kind.INVESTOR, False),
    ("羊城天使投资", Institution.Kind.INVESTOR, False),
]
W = Decimal(10_000)
PRODUCTS: dict[str, list[tuple[Any, ...]]] = {
    Institution.Kind.BANK: [
        ("高企贷", Kind.TECH_CREDIT, 100, 3000, 6, 36, "3.2", "4.6", "hte_certificate", True),
        ("科创信用贷", Kind.CREDIT_LOAN, 50, 500, 6, 24, "3.6", "5.2", "age_years >= 2", True),
        ("知识产权质押贷", Kind.IP_PLEDGE, 100, 2000, 12, 36, "3.4", "4.8", "", True),
        ("投贷联动贷", Kind.INVEST_LOAN, 300, 5000, 12, 60, "3.3", "4.5", "investment.total_12m >= 1000万", False),
    ],
    Institution.Kind.GUARANTOR: [
        ("科技担保贷", Kind.TECH_CREDIT, 100, 1000, 6, 24, "4.0", "6.0", "tsme_certificate or hte_certificate", False),
        ("知产担保", Kind.IP_PLEDGE, 50, 800, 6, 24, "4.2", "6.5", "", False),
        ("初创担保", Kind.CREDIT_LOAN, 20, 300, 6, 12, "4.5", "6.8", "age_years < 5", False),
    ],
    Institution.Kind.INVESTOR: [
        ("赛事优胜直投", Kind.EQUITY, 300, 5000, 36, 84, None, None, "contest.award_level >= 3", False),
        ("成长期股权投资", Kind.EQUITY, 1000, 20000, 36, 96, None, None, "hte_certificate and age_years >= 3", False),
    ],
}
PURPOSES = ["研发投入", "扩大产能", "采购设备", "补充流动资金", "新产品量产", "建设中试线"]
CONTESTS = ["中国创新创业大赛（广东·广州赛区）", "广州科技创新创业大赛", "黄埔区创新创业大赛"]
INVESTORS = ["广州科技创新母基金", "湾区创新创业投资", "羊城天使投资", "越秀产业基金", "珠江科创基金"]


def _staff(institution: Institution, username: str, password: str):
    user, _created = get_user_model().objects.get_or_create(
        username=username, defaults={"role": Role.FINANCE, "password": password, "email": f"{username}@example.cn"}
    )
    Staff.objects.update_or_create(user=user, defaults={"institution": institution})
    return user


def _member(enterprise: Enterprise, password: str):
    member = Membership.objects.filter(enterprise=enterprise).select_related("user").first()
    if member:
        return member.user
    user, _created = get_user_model().objects.get_or_create(
        username=f"contact{enterprise.pk}", defaults={"role": Role.ENTERPRISE, "password": password}
    )
    Membership.objects.create(user=user, enterprise=enterprise, is_admin=True)
    return user


def _products(staff_of: dict) -> list[Product]:
    made = []
    for institution, user in staff_of.items():
        for name, kind, low, high, t_low, t_high, r_low, r_high, rule, pooled in PRODUCTS[institution.kind]:
            made.append(
                services.product_save(
                    actor=user,
                    name=f"{institution.name[:2]}{name}",
                    kind=kind,
                    amount_min=low * W,
                    amount_max=high * W,
                    term_min=t_low,
                    term_max=t_high,
                    rate_min=r_low and Decimal(r_low),
                    rate_max=r_high and Decimal(r_high),
                    eligibility=rule,
                    pool_covered=pooled and institution.pool_partner,
                    pool_terms="本金损失由市科技型中小企业信贷风险补偿资金池按比例补偿" if pooled else "",
                    is_active=True,
                )
            )
    return made


def _signals(rng: random.Random, enterprises: list[Enterprise], today: dt.date) -> None:
    for enterprise in enterprises[::3]:
        ContestResult.objects.create(
            enterprise=enterprise,
            contest=rng.choice(CONTESTS),
            year=today.year - rng.randint(0, 3),
            level=rng.choice(ContestResult.Level.values),
            award=rng.choice(ContestResult.Award.values),
        )
    for enterprise in enterprises[1::4]:
        EquityRound.objects.create(
            enterprise=enterprise,
            investor=rng.choice(INVESTORS),
            amount=Decimal(rng.choice((300, 800, 1500, 3000, 6000))) * W,
            closed_on=today - dt.timedelta(days=rng.randint(10, 700)),
            stage=rng.choice(EquityRound.Stage.values),
        )


def _play(rng: random.Random, deal: Deal, staff, owner, at: dt.datetime, now: dt.datetime) -> None:
    """Carry a deal some way: answered (or not) after some hours, then documents, approval or decline."""
    at += dt.timedelta(hours=rng.choice((3, 10, 30, 60, 100, 150)))
    if at > now or rng.random() < 0.12:
        return
    if rng.random() < 0.07:
        services.consent_revoke(actor=owner, demand_pk=deal.demand_id, institution_pk=deal.institution_id, at=at)
        return
    if rng.random() < 0.2:
        services.deal_move(actor=staff, pk=deal.pk, to="declined", reason=rng.choice(DECLINES), at=at)
        return
    services.deal_move(actor=staff, pk=deal.pk, to="accepted", at=at)
    at += dt.timedelta(days=rng.randint(1, 6))
    if at > now or rng.random() < 0.2:
        return
    if rng.random() < 0.4:
        services.deal_move(actor=staff, pk=deal.pk, to="documents", reason="请补充近两年审计报告和纳税证明", at=at)
        at += dt.timedelta(days=rng.randint(2, 8))
        if at > now or rng.random() < 0.3:
            return
    if rng.random() < 0.25:
        services.deal_move(actor=staff, pk=deal.pk, to="declined", reason=rng.choice(DECLINES), at=at)
        return
    product = deal.product
    assert product is not None
    amount = min(deal.demand.amount, product.amount_max)
    rate = product.rate_min and (product.rate_min + Decimal(rng.randint(0, 8)) / 10)
    services.deal_move(actor=staff, pk=deal.pk, to="approved", amount=amount, rate=rate, at=at)


DECLINES = ["经营年限不足，暂不符合准入要求", "近一年销售收入下滑，授信额度不足", "担保方式不满足要求"]


def _loans(rng: random.Random, staff_of: dict, today: dt.date) -> int:
    count = 0
    for deal in Deal.objects.filter(state="approved", product__pool_covered=True).select_related("institution"):
        assert deal.decided_at is not None
        started = deal.decided_at.date()
        loan = services.pool_loan_record(
            actor=staff_of[deal.institution],
            deal_pk=deal.pk,
            started_on=started,
            matures_on=started + dt.timedelta(days=30 * deal.demand.term_months),
        )
        count += 1
        if rng.random() < 0.12:
            loss = (loan.principal * Decimal(rng.choice(("0.2", "0.5", "1")))).quantize(Decimal("0.01"))
            services.pool_loss_record(actor=staff_of[deal.institution], pk=loan.pk, loss=loss, loss_on=today)
    return count


@transaction.atomic
def seed(*, seed: int = 2026, demands: int = 320, now: dt.datetime | None = None) -> dict:
    rng = random.Random(seed)
    now = now or timezone.now()
    password = checked_hash(DEMO_PASSWORD)
    staff_of = {}
    for index, (name, kind, pooled) in enumerate(INSTITUTIONS):
        institution = Institution.objects.create(name=name, kind=kind, pool_partner=pooled)
        staff_of[institution] = _staff(institution, "bank" if index == 0 else f"finance{index}", password)
    products = _products(staff_of)
    enterprises = list(Enterprise.objects.order_by("pk")[:200])
    _signals(rng, enterprises, timezone.localdate(now))
    deals = 0
    for i in range(demands):
        enterprise = enterprises[0] if i % 10 == 0 else rng.choice(enterprises)
        owner = _member(enterprise, password)
        at = now - dt.timedelta(days=HISTORY_DAYS * (demands - i) / demands, hours=rng.randint(0, 8))
        demand = services.demand_file(
            actor=owner,
            amount=Decimal(rng.choice((50, 100, 200, 300, 500, 800, 1000, 2000, 3000))) * W,
            term_months=rng.choice((6, 12, 12, 24, 36, 48)),
            purpose=rng.choice(PURPOSES),
            collateral=rng.choice(("none", "ip", "ip", "property", "receivables", "guarantee", "equity")),
            urgency=rng.choice(("normal", "normal", "urgent")),
            at=at,
        )
        chosen = [products[0]] if i == 0 else rng.sample(products, rng.choice((1, 1, 2, 3)))
        for product in chosen:
            if demand.deals.filter(institution=product.institution).exists():
                continue
            sections = ["basic", *rng.sample(["finance", "ip", "certificates", "signals"], rng.randint(0, 3))]
            deal = services.deal_send(
                actor=owner,
                demand_pk=demand.pk,
                institution=product.institution,
                product=product,
                sections=sections,
                at=at,
            )
            deals += 1
            if i:  # the demo enterprise's first demand waits for the ``bank`` login's answer
                _play(rng, deal, staff_of[product.institution], owner, at, now)
    loans = _loans(rng, staff_of, timezone.localdate(now))
    return {
        "institutions": len(staff_of),
        "products": len(products),
        "demands": demands,
        "deals": deals,
        "loans": loans,
    }
