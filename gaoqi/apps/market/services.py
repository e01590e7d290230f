"""Writes of 产品兴企: products through review to the catalogue, scenarios, proposals and their progress."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.market import push
from gaoqi.apps.market.models import Organisation, Product, Proposal, Scenario
from gaoqi.apps.market.selectors import REVIEWERS, organisations_managed, product_get, proposal_get, scenario_can_manage
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role

State = Product.State
EDITABLE_STATES = frozenset({State.DRAFT, State.RETURNED, State.WITHDRAWN})
PRODUCT_FIELDS = ("name", "field", "kind", "certifications", "price_min", "price_max", "customers", "description")
# (from, to) → who may move a product: the enterprise ("member") or the bureau ("reviewer").
PRODUCT_MOVES: dict[tuple[str, str], str] = {
    (State.DRAFT, State.SUBMITTED): "member",
    (State.RETURNED, State.SUBMITTED): "member",
    (State.WITHDRAWN, State.SUBMITTED): "member",
    (State.SUBMITTED, State.APPROVED): "reviewer",
    (State.SUBMITTED, State.RETURNED): "reviewer",
    (State.APPROVED, State.LISTED): "reviewer",
    (State.LISTED, State.WITHDRAWN): "either",
}
PROPOSAL_MOVES: dict[str, set[str]] = {
    Proposal.State.SUBMITTED: {Proposal.State.SHORTLISTED, Proposal.State.DECLINED},
    Proposal.State.SHORTLISTED: {Proposal.State.CONNECTED, Proposal.State.DECLINED},
    Proposal.State.CONNECTED: {Proposal.State.SIGNED, Proposal.State.DECLINED},
}


def _member_enterprise(actor):
    enterprise = enterprise_own(actor=actor) if actor.role == Role.ENTERPRISE else None
    if enterprise is None:
        raise PermissionDenied
    return enterprise


def _check_product(enterprise, values: dict, ip_items) -> None:
    low, high = values.get("price_min"), values.get("price_max")
    for name, value in (("price_min", low), ("price_max", high)):
        if value is not None and Decimal(value) < 0:
            raise DomainError(_("参考价格不能为负数。"), field=name)
    if low is not None and high is not None and Decimal(high) < Decimal(low):
        raise DomainError(_("参考价格上限不能低于下限。"), field="price_max")
    unknown = set(values.get("certifications") or ()) - set(Product.Certification.values)
    if unknown:
        raise DomainError(_("首台（套）/首批次/首版次认定的取值无效。"), field="certifications")
    if any(item.enterprise_id != enterprise.pk for item in ip_items):
        raise DomainError(_("只能关联本企业的知识产权。"), field="ip_items")


@transaction.atomic
def product_save(*, actor, pk=None, ip_items=(), **values) -> Product:
    """An enterprise creates a product as a draft, or edits one that is a draft, returned or withdrawn."""
    enterprise = _member_enterprise(actor)
    values = {name: values[name] for name in PRODUCT_FIELDS if name in values}
    values["certifications"] = list(dict.fromkeys(values.get("certifications") or []))
    _check_product(enterprise, values, ip_items)
    if pk is None:
        product = Product.objects.create(enterprise=enterprise, created_by=actor, **values)
        changes = {"name": product.name}
    else:
        product = product_get(actor=actor, pk=pk)
        if product.enterprise_id != enterprise.pk:
            raise PermissionDenied
        if product.state not in EDITABLE_STATES:
            raise DomainError(_("审核中或已上架的产品不能修改；请先下架。"), code="conflict")
        changes = field_changes(product, values)
        product.save()
    product.ip_items.set(ip_items)
    audit_record(
        actor=actor, action="market.product_save", target=product, enterprise_id=enterprise.pk, changes=changes
    )
    return product


def _may_move(actor, product: Product, who: str) -> bool:
    own = enterprise_own(actor=actor) if actor.role == Role.ENTERPRISE else None
    member = own is not None and own.pk == product.enterprise_id
    reviewer = actor.role in REVIEWERS
    return {"member": member, "reviewer": reviewer, "either": member or reviewer}[who]


@transaction.atomic
def product_move(*, actor, pk, to: str, note: str = "") -> Product:
    """Move a product along draft → submitted → approved/returned → listed → withdrawn; a return needs a reason."""
    product = product_get(actor=actor, pk=pk)
    product = Product.objects.select_for_update().get(pk=product.pk)
    who = PRODUCT_MOVES.get((product.state, to))
    if who is None or not _may_move(actor, product, who):
        if who is None and _may_move(actor, product, "either"):
            raise DomainError(
                _("产品当前状态为“%(state)s”，不能变更为“%(to)s”。")
                % {"state": product.get_state_display(), "to": State(to).label if to in State.values else to},
                code="conflict",
                field="to",
            )
        raise PermissionDenied
    note = note.strip()
    if to == State.RETURNED and not note:
        raise DomainError(_("退回时请填写退回理由。"), field="note")
    before = product.state
    product.state = to
    now = timezone.now()
    if to == State.SUBMITTED:
        product.submitted_at, product.review_note = now, ""
    elif to in (State.RETURNED, State.APPROVED):
        product.review_note = note
    elif to == State.LISTED:
        product.listed_at = now
    product.save(update_fields=["state", "submitted_at", "review_note", "listed_at", "updated_at"])
    audit_record(
        actor=actor,
        action="market.product_move",
        target=product,
        enterprise_id=product.enterprise_id,
        changes={"state": [before, to], **({"note": note} if note else {})},
    )
    if to == State.LISTED:
        transaction.on_commit(lambda: push.product_listed(product.pk))
    return product


SCENARIO_FIELDS = ("title", "problem", "field", "budget", "deadline", "district")


@transaction.atomic
def scenario_publish(*, actor, organisation: Organisation, **values) -> Scenario:
    """The bureau (for any owner) or a 场景方 (for its own organisation) publishes a scenario open for proposals."""
    if not organisations_managed(actor=actor).filter(pk=organisation.pk).exists():
        raise PermissionDenied
    values = {name: values[name] for name in SCENARIO_FIELDS}
    if values["district"] not in DISTRICT_NAMES:
        raise DomainError(_("请选择广州市的一个区。"), field="district")
    if values["deadline"] < timezone.localdate():
        raise DomainError(_("征集截止日期不能早于今天。"), field="deadline")
    scenario = Scenario.objects.create(organisation=organisation, published_by=actor, **values)
    audit_record(actor=actor, action="market.scenario_publish", target=scenario, changes={"title": scenario.title})
    transaction.on_commit(lambda: push.scenario_published(scenario.pk))
    return scenario


@transaction.atomic
def scenario_close(*, actor, scenario: Scenario) -> Scenario:
    if not scenario_can_manage(actor=actor, scenario=scenario):
        raise PermissionDenied
    scenario.state = Scenario.State.CLOSED
    scenario.save(update_fields=["state"])
    audit_record(actor=actor, action="market.scenario_close", target=scenario)
    return scenario


def _open(scenario: Scenario, today: datetime.date) -> bool:
    return scenario.state == Scenario.State.OPEN and scenario.deadline >= today


@transaction.atomic
def proposal_submit(*, actor, scenario: Scenario, text: str, products=()) -> Proposal:
    """An enterprise proposes a solution, once per scenario, linking its own listed or approved products."""
    enterprise = _member_enterprise(actor)
    if not _open(scenario, timezone.localdate()):
        raise DomainError(_("该场景已结束征集。"), code="conflict")
    if not text.strip():
        raise DomainError(_("请填写解决方案。"), field="text")
    if any(p.enterprise_id != enterprise.pk for p in products):
        raise DomainError(_("只能关联本企业的产品。"), field="products")
    if Proposal.objects.filter(scenario=scenario, enterprise=enterprise).exists():
        raise DomainError(_("本企业已就该场景提交过方案。"), code="conflict")
    proposal = Proposal.objects.create(scenario=scenario, enterprise=enterprise, text=text.strip(), created_by=actor)
    proposal.products.set(products)
    audit_record(actor=actor, action="market.proposal_submit", target=proposal, enterprise_id=enterprise.pk)
    return proposal


@transaction.atomic
def proposal_move(*, actor, pk, to: str, comment: str = "") -> Proposal:
    """The scenario's owner (or the bureau) shortlists, marks 已对接 / 已签约, or declines, with a comment."""
    proposal = proposal_get(actor=actor, pk=pk)
    if not scenario_can_manage(actor=actor, scenario=proposal.scenario):
        raise PermissionDenied
    if to not in PROPOSAL_MOVES.get(proposal.state, set()):
        raise DomainError(
            _("方案当前状态为“%(state)s”，不能变更为所选状态。") % {"state": proposal.get_state_display()},
            code="conflict",
            field="to",
        )
    before = proposal.state
    proposal.state = to
    proposal.comment = comment.strip() or proposal.comment
    proposal.save(update_fields=["state", "comment"])
    audit_record(
        actor=actor,
        action="market.proposal_move",
        target=proposal,
        enterprise_id=proposal.enterprise_id,
        changes={"state": [before, to]},
    )
    return proposal
