"""Deterministic demo requests on top of ``manage.py demo`` (and ``demo_mentoring``): four months of history."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from gaoqi.apps.accounts.passwords import checked_hash
from gaoqi.apps.enterprises.models import Enterprise, Membership
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.services import escalation_pass, request_submit, request_transition
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

DEMO_PASSWORD = "gaoqi-demo"
HISTORY_DAYS = 120
QUESTIONS = {
    Topic.RECOGNITION: ("高企认定申报材料预审", "计划今年申报高企，想请老师帮忙预审申报书和佐证材料。"),
    Topic.IP: ("核心知识产权布局", "目前只有实用新型专利，想了解如何布局发明专利以支撑认定。"),
    Topic.RD_ACCOUNTING: ("研发费用辅助账", "研发费用归集口径不清楚，需要辅助账模板和归集指导。"),
    Topic.TALENT: ("科技人员认定口径", "科技人员占比接近10%，想确认兼职和临时聘用人员能否计入。"),
    Topic.HIGHTECH_INCOME: ("高新收入佐证", "高新技术产品收入如何与主营业务对应，需要哪些合同和发票佐证？"),
    Topic.RD_MANAGEMENT: ("研发组织管理制度", "希望获得研发项目立项、成果转化奖励等制度范本。"),
    Topic.CONVERSION: ("成果转化证明材料", "近三年成果转化的证明材料如何准备？"),
    Topic.FINANCE: ("科技信贷贴息", "想申请科技型中小企业信贷风险补偿和贴息，流程如何？"),
    Topic.LISTING: ("上市培育辅导", "准备申报专精特新和科创板，想了解培育政策。"),
    Topic.POLICY: ("研发费用加计扣除政策解读", "100%加计扣除在预缴申报时如何享受？"),
}
NOTES = ["已电话沟通并发送材料清单。", "已上门辅导，问题已解决。", "已提供制度范本并解答疑问。", "已协调区科技局答复。"]


def _requester(enterprise: Enterprise, password: str):
    """A member of the enterprise, created as ``contact<id>`` when it has none."""
    member = Membership.objects.filter(enterprise=enterprise).select_related("user").first()
    if member:
        return member.user
    user, _created = get_user_model().objects.get_or_create(
        username=f"contact{enterprise.pk}", defaults={"role": Role.ENTERPRISE, "password": password}
    )
    Membership.objects.create(user=user, enterprise=enterprise, is_admin=True)
    return user


def _handler(request: ServiceRequest, bureau):
    if request.queue == ServiceRequest.Queue.MENTOR:
        return request.mentor
    operator = request.station.operators.first() if request.station else None
    return operator or bureau


def _play(rng: random.Random, request: ServiceRequest, requester, bureau, at: datetime.datetime, now) -> None:
    """Carry a request some way along its life, at plausible times never later than ``now``."""
    handler = _handler(request, bureau)
    steps = [("accepted", rng.choice((2, 20, 40, 70))), ("in_progress", 24), ("resolved", rng.choice((48, 120, 400)))]
    stop = rng.choices([0, 1, 2, 3, 4], weights=[1, 1, 2, 2, 6])[0]
    for to, hours in steps[:stop]:
        at += datetime.timedelta(hours=hours)
        if at > now:
            return
        note = rng.choice(NOTES) if to == "resolved" else ""
        request_transition(actor=handler, pk=request.pk, to=to, note=note, at=at)
    if stop == 4 and at + datetime.timedelta(hours=6) <= now:
        rating = rng.choices([5, 4, 3, 2], weights=[6, 3, 1, 1])[0]
        request_transition(
            actor=requester, pk=request.pk, to="rated", rating=rating, at=at + datetime.timedelta(hours=6)
        )


@transaction.atomic
def seed(*, seed: int = 2026, requests: int = 60, now: datetime.datetime | None = None) -> dict:
    """``requests`` requests from the first enterprises (every fourth from the demo ``enterprise`` user's), then one
    escalation pass at ``now``."""
    rng = random.Random(seed)
    now = now or timezone.now()
    password = checked_hash(DEMO_PASSWORD)
    bureau = get_user_model().objects.filter(role=Role.BUREAU).order_by("pk").first()
    enterprises = list(Enterprise.objects.order_by("pk")[: max(1, requests // 3)])
    for i in range(requests):
        enterprise = enterprises[0] if i % 4 == 0 else rng.choice(enterprises)
        requester = _requester(enterprise, password)
        topic = rng.choice(list(QUESTIONS))
        title, description = QUESTIONS[topic]
        at = now - datetime.timedelta(days=HISTORY_DAYS * (requests - i) / requests, hours=rng.randint(0, 8))
        request = request_submit(actor=requester, category=topic, title=title, description=description, at=at)
        _play(rng, request, requester, bureau, at, now)
    return {"requests": requests, "escalated": escalation_pass(now=now)}
