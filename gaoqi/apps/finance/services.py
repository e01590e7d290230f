"""Writes of 金融惠企: products, demands, consent, deals through their states, and loans under the pool. Each is
one transaction with an audit entry."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import ContestResult, EquityRound
from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.finance.matching import suggestions
from gaoqi.apps.finance.models import Consent, Deal, DealEvent, Demand, Institution, PoolLoan, Product
from gaoqi.apps.finance.profile import sections_of
from gaoqi.apps.finance.selectors import (
    OPEN,
    consent_of,
    deal_get,
    demand_get,
    demand_is_own,
    institution_of,
    product_own_get,
)
from gaoqi.apps.policies.matching import criteria_for
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.districts import TECH_FIELDS
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from gaoqi.rules.finance.compensation import is_startup, pool_share, response_days

State = Deal.State
MAX_AMOUNT = Decimal("100000000000")
TRANSITIONS: dict[str, set[str]] = {
    State.SENT: {State.ACCEPTED, State.DOCUMENTS, State.DECLINED},
    State.ACCEPTED: {State.DOCUMENTS, State.APPROVED, State.DECLINED},
    State.DOCUMENTS: {State.ACCEPTED, State.APPROVED, State.DECLINED},
}
"""What an institution may move a deal to; the enterprise may withdraw any open deal."""


class IllegalTransition(DomainError):
    def __init__(self, message: str):
        super().__init__(message, code="illegal_transition", field="to")


def _positive(value, field: str, label: str) -> Decimal:
    if value is None or not isinstance(value, Decimal | int) or not 0 < value <= MAX_AMOUNT:
        raise DomainError(_("%(label)s应为大于 0 的金额（元）。") % {"label": label}, field=field)
    return Decimal(value)


def _validate_product(data: dict) -> None:
    if not (data.get("name") or "").strip():
        raise DomainError(_("请填写产品名称。"), field="name")
    if data.get("kind") not in Product.Kind.values:
        raise DomainError(_("请选择产品类型。"), field="kind")
    low = _positive(data.get("amount_min"), "amount_min", _("最低金额"))
    high = _positive(data.get("amount_max"), "amount_max", _("最高金额"))
    if low > high:
        raise DomainError(_("最高金额不能低于最低金额。"), field="amount_max")
    if not 1 <= data.get("term_min", 0) <= data.get("term_max", 0) <= 600:
        raise DomainError(_("期限应为 1–600 个月，且最长期限不短于最短期限。"), field="term_max")
    low_rate, high_rate = data.get("rate_min"), data.get("rate_max")
    if any(r is not None and not 0 <= r <= 36 for r in (low_rate, high_rate)):
        raise DomainError(_("年利率应在 0% 至 36% 之间。"), field="rate_max")
    if low_rate is not None and high_rate is not None and low_rate > high_rate:
        raise DomainError(_("最高年利率不能低于最低年利率。"), field="rate_max")
    known = {code for code, _name in TECH_FIELDS}
    if any(area not in known for area in data.get("areas", [])):
        raise DomainError(_("技术领域大类只能是 10–80 的八个代码。"), field="areas")
    try:
        criteria_for(data.get("eligibility") or "")
    except DomainError as exc:
        raise DomainError(exc.message, code=exc.code, field="eligibility") from None


PRODUCT_FIELDS = (
    "name",
    "kind",
    "amount_min",
    "amount_max",
    "term_min",
    "term_max",
    "rate_min",
    "rate_max",
    "areas",
    "eligibility",
    "pool_covered",
    "pool_terms",
    "description",
    "is_active",
)


@transaction.atomic
def product_save(*, actor, pk=None, **data) -> Product:
    """Create a product of the actor's institution, or change one of its own (others' answer NotFound)."""
    product = product_own_get(actor=actor, pk=pk) if pk is not None else None
    institution = institution_of(actor)
    if institution is None:
        raise PermissionDenied
    data = {key: value for key, value in data.items() if key in PRODUCT_FIELDS}
    if product is not None:
        data = {name: getattr(product, name) for name in PRODUCT_FIELDS} | data
    data["name"] = (data.get("name") or "").strip()
    data["eligibility"] = (data.get("eligibility") or "").strip()
    _validate_product(data)
    if product is None:
        product = Product.objects.create(institution=institution, **data)
        changes = {key: [None, str(value)] for key, value in data.items()}
    else:
        changes = field_changes(product, data)
        product.save()
    audit_record(actor=actor, action="finance.product_saved", target=product, changes=changes)
    return product


def _validate_demand(amount, term_months, purpose, collateral, urgency) -> None:
    _positive(amount, "amount", _("融资金额"))
    if not isinstance(term_months, int) or not 1 <= term_months <= 600:
        raise DomainError(_("期限应为 1–600 个月。"), field="term_months")
    if not purpose.strip():
        raise DomainError(_("请填写资金用途。"), field="purpose")
    if collateral not in Demand.Collateral.values:
        raise DomainError(_("请选择担保方式。"), field="collateral")
    if urgency not in Demand.Urgency.values:
        raise DomainError(_("请选择紧急程度。"), field="urgency")


@transaction.atomic
def demand_file(*, actor, amount, term_months, purpose, collateral, urgency=Demand.Urgency.NORMAL, at=None) -> Demand:
    """An enterprise user files a financing demand for their enterprise."""
    enterprise = enterprise_own(actor=actor)
    if enterprise is None:
        raise PermissionDenied
    _validate_demand(amount, term_months, purpose, collateral, urgency)
    demand = Demand.objects.create(
        enterprise=enterprise,
        created_by=actor,
        amount=amount,
        term_months=term_months,
        purpose=purpose.strip()[:200],
        collateral=collateral,
        urgency=urgency,
        created_at=at or timezone.now(),
    )
    audit_record(
        actor=actor,
        action="finance.demand_filed",
        target=demand,
        enterprise_id=enterprise.pk,
        changes={"amount": [None, str(amount)], "term_months": [None, term_months]},
    )
    return demand


def _own_demand(actor, pk) -> Demand:
    demand = demand_get(actor=actor, pk=pk)
    if not demand_is_own(actor=actor, demand=demand):
        raise PermissionDenied
    return demand


def _event(deal: Deal, *, actor, from_state: str, note: str, at) -> None:
    DealEvent.objects.create(deal=deal, actor=actor, from_state=from_state, to_state=deal.state, note=note, at=at)
    audit_record(
        actor=actor,
        action=f"finance.deal_{deal.state}",
        target=deal,
        enterprise_id=deal.demand.enterprise_id,
        changes={"state": [from_state, deal.state], "note": note},
    )


@transaction.atomic
def deal_send(*, actor, demand_pk, institution: Institution, sections: list[str], product=None, at=None) -> Deal:
    """The enterprise sends its demand to an institution (optionally for one of its products), granting it sight of
    the chosen profile sections; the institution's response clock starts."""
    demand = _own_demand(actor, demand_pk)
    if demand.withdrawn_at is not None:
        raise DomainError(_("该需求已撤回，不能再推送。"), field="institution")
    if not institution.is_active:
        raise DomainError(_("所选机构已停用，请另选。"), field="institution")
    if product is not None and (product.institution_id != institution.pk or not product.is_active):
        raise DomainError(_("所选产品不属于该机构或已下架。"), field="product")
    sections = [s for s in Consent.Section.values if s in set(sections)]
    if not sections:
        raise DomainError(_("请至少选择一项允许该机构查看的资料。"), field="sections")
    if Deal.objects.filter(demand=demand, institution=institution).exists():
        raise DomainError(_("已向该机构推送过这项需求。"), field="institution")
    at = at or timezone.now()
    reasons = []
    if product is not None:
        reasons = next((s.reasons for s in suggestions(demand, [product])), [])
    Consent.objects.create(demand=demand, institution=institution, sections=sections, granted_by=actor, granted_at=at)
    deal = Deal.objects.create(
        demand=demand,
        institution=institution,
        product=product,
        match_reasons=reasons,
        sent_at=at,
        respond_by=at + dt.timedelta(days=response_days(timezone.localdate(at))),
    )
    audit_record(
        actor=actor,
        action="finance.consent_granted",
        target=demand,
        enterprise_id=demand.enterprise_id,
        changes={"institution": [None, institution.name], "sections": [None, ",".join(sections)]},
    )
    _event(deal, actor=actor, from_state="", note=_("企业推送需求并授权查看资料。"), at=at)
    return deal


@transaction.atomic
def consent_revoke(*, actor, demand_pk, institution_pk, at=None) -> Consent:
    """The enterprise withdraws an institution's sight of its data; the open deal with it is withdrawn too."""
    demand = _own_demand(actor, demand_pk)
    consent = Consent.objects.select_for_update().filter(demand=demand, institution_id=institution_pk).first()
    if consent is None or consent.revoked_at is not None:
        raise DomainError(_("没有可撤销的授权。"), field="institution")
    at = at or timezone.now()
    consent.revoked_at = at
    consent.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor,
        action="finance.consent_revoked",
        target=demand,
        enterprise_id=demand.enterprise_id,
        changes={"institution": [consent.institution.name, None]},
    )
    for deal in Deal.objects.filter(demand=demand, institution_id=institution_pk, state__in=OPEN):
        from_state, deal.state, deal.decided_at = deal.state, State.WITHDRAWN, at
        deal.save(update_fields=["state", "decided_at"])
        _event(deal, actor=actor, from_state=from_state, note=_("企业撤销了资料授权。"), at=at)
    return consent


@transaction.atomic
def demand_withdraw(*, actor, pk, at=None) -> Demand:
    """The enterprise withdraws its demand: every open deal ends as withdrawn (consents stay as recorded)."""
    demand = _own_demand(actor, pk)
    if demand.withdrawn_at is not None:
        raise DomainError(_("该需求已撤回。"), field="demand")
    at = at or timezone.now()
    demand.withdrawn_at = at
    demand.save(update_fields=["withdrawn_at"])
    for deal in Deal.objects.filter(demand=demand, state__in=OPEN):
        from_state, deal.state, deal.decided_at = deal.state, State.WITHDRAWN, at
        deal.save(update_fields=["state", "decided_at"])
        _event(deal, actor=actor, from_state=from_state, note=_("企业撤回了融资需求。"), at=at)
    audit_record(actor=actor, action="finance.demand_withdrawn", target=demand, enterprise_id=demand.enterprise_id)
    return demand


def _check_move(deal: Deal, to: str, reason: str, amount, rate) -> None:
    if to not in TRANSITIONS.get(deal.state, set()):
        label = dict(State.choices).get(to, to)
        raise IllegalTransition(
            _("当前状态为“%(state)s”，不能变更为“%(to)s”。") % {"state": deal.get_state_display(), "to": label}
        )
    if to in (State.DECLINED, State.DOCUMENTS) and not reason.strip():
        message = _("请填写拒绝理由。") if to == State.DECLINED else _("请写明需要补充的材料。")
        raise DomainError(message, field="reason")
    if to == State.APPROVED:
        _positive(amount, "amount", _("批准金额"))
        needs_rate = deal.product is None or deal.product.kind != deal.product.Kind.EQUITY
        if needs_rate and (rate is None or not 0 < rate <= 36):
            raise DomainError(_("请填写 0%–36% 之间的批准年利率。"), field="rate")


@transaction.atomic
def deal_move(*, actor, pk, to: str, reason: str = "", amount=None, rate=None, at=None) -> Deal:
    """The institution accepts, asks for documents, approves (amount, rate) or declines (with a reason)."""
    deal = deal_get(actor=actor, pk=pk)
    if institution_of(actor) is None:
        raise PermissionDenied
    deal = Deal.objects.select_for_update(of=("self",)).select_related("demand", "product").get(pk=deal.pk)
    _check_move(deal, to, reason, amount, rate)
    at = at or timezone.now()
    from_state, deal.state, deal.reason = deal.state, to, reason.strip()[:500]
    if deal.responded_at is None:
        deal.responded_at = at
    if to in (State.APPROVED, State.DECLINED):
        deal.decided_at = at
    if to == State.APPROVED:
        deal.approved_amount, deal.approved_rate = amount, rate
    deal.save()
    _event(deal, actor=actor, from_state=from_state, note=deal.reason, at=at)
    return deal


def deal_profile_read(*, actor, pk) -> tuple[Deal, list[dict]]:
    """A deal with the profile sections its institution may see; each time staff read them, an audit entry."""
    deal = deal_get(actor=actor, pk=pk)
    consent = consent_of(deal)
    sections = consent.sections if consent and consent.revoked_at is None else []
    shown = sections_of(deal.demand.enterprise, sections)
    if institution_of(actor) is not None:
        audit_record(
            actor=actor,
            action="finance.profile_viewed",
            target=deal,
            enterprise_id=deal.demand.enterprise_id,
            changes={"sections": [None, ",".join(sections)]},
        )
    return deal, shown


@transaction.atomic
def pool_loan_record(*, actor, deal_pk, started_on: dt.date, matures_on: dt.date, principal=None) -> PoolLoan:
    """An institution records an approved deal's loan under the pool (its product must be covered)."""
    deal = deal_get(actor=actor, pk=deal_pk)
    institution = institution_of(actor)
    if institution is None:
        raise PermissionDenied
    if deal.state != State.APPROVED or deal.product is None or not deal.product.pool_covered:
        raise DomainError(_("只有已批准且产品纳入资金池的贷款才能登记。"), field="deal")
    if not institution.pool_partner:
        raise DomainError(_("本机构不是风险补偿资金池合作机构。"), field="deal")
    if hasattr(deal, "pool_loan"):
        raise DomainError(_("该笔贷款已登记。"), field="deal")
    principal = _positive(principal if principal is not None else deal.approved_amount, "principal", _("贷款本金"))
    if matures_on <= started_on:
        raise DomainError(_("到期日期应晚于放款日期。"), field="matures_on")
    enterprise = deal.demand.enterprise
    try:
        startup = is_startup(enterprise.registered_on, started_on)
    except LookupError:
        raise DomainError(_("放款日期早于资金池条款的生效日期。"), field="started_on") from None
    loan = PoolLoan.objects.create(
        institution=institution,
        enterprise=enterprise,
        deal=deal,
        district=enterprise.district,
        principal=principal,
        started_on=started_on,
        matures_on=matures_on,
        startup=startup,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    audit_record(actor=actor, action="finance.pool_loan_recorded", target=loan, enterprise_id=enterprise.pk)
    return loan


@transaction.atomic
def pool_loss_record(*, actor, pk, loss, loss_on: dt.date) -> PoolLoan:
    """The institution reports a principal loss; the pool's share is computed by the terms in force that day."""
    institution = institution_of(actor)
    if institution is None:
        raise PermissionDenied
    loan = PoolLoan.objects.select_for_update().filter(institution=institution, pk=pk).first()
    if loan is None:
        raise NotFound
    loss = _positive(loss, "loss", _("本金损失"))
    if loss > loan.principal:
        raise DomainError(_("本金损失不能超过贷款本金。"), field="loss")
    if loss_on < loan.started_on:
        raise DomainError(_("损失认定日期不能早于放款日期。"), field="loss_on")
    share = pool_share(principal=loan.principal, loss=loss, startup=loan.startup, on=loss_on)
    changes = field_changes(loan, {"loss": loss, "loss_on": loss_on, "compensation": share.amount})
    loan.save()
    audit_record(
        actor=actor, action="finance.pool_loss_recorded", target=loan, enterprise_id=loan.enterprise_id, changes=changes
    )
    return loan


@transaction.atomic
def contest_record(*, actor, contest: str, year: int, level: int, award: int) -> ContestResult:
    """An enterprise user records an innovation-contest award of their enterprise (以赛代评)."""
    enterprise = enterprise_own(actor=actor)
    if enterprise is None:
        raise PermissionDenied
    if not contest.strip():
        raise DomainError(_("请填写赛事名称。"), field="contest")
    if not 2000 <= year <= timezone.localdate().year:
        raise DomainError(_("年度应在 2000 年至今年之间。"), field="year")
    if level not in ContestResult.Level.values:
        raise DomainError(_("请选择赛事级别。"), field="level")
    if award not in ContestResult.Award.values:
        raise DomainError(_("请选择获奖等次。"), field="award")
    result = ContestResult.objects.create(
        enterprise=enterprise, contest=contest.strip()[:200], year=year, level=level, award=award
    )
    audit_record(actor=actor, action="finance.contest_recorded", target=result, enterprise_id=enterprise.pk)
    return result


@transaction.atomic
def round_record(
    *, actor, investor: str, amount, closed_on: dt.date, stage: str, post_money_valuation=None
) -> EquityRound:
    """An enterprise user records an equity round of their enterprise (以投代评)."""
    enterprise = enterprise_own(actor=actor)
    if enterprise is None:
        raise PermissionDenied
    if not investor.strip():
        raise DomainError(_("请填写投资机构。"), field="investor")
    amount = _positive(amount, "amount", _("投资金额"))
    if closed_on > timezone.localdate():
        raise DomainError(_("交割日期不能晚于今天。"), field="closed_on")
    if stage not in EquityRound.Stage.values:
        raise DomainError(_("请选择轮次。"), field="stage")
    if post_money_valuation is not None:
        post_money_valuation = _positive(post_money_valuation, "post_money_valuation", _("投后估值"))
    found = EquityRound.objects.create(
        enterprise=enterprise,
        investor=investor.strip()[:200],
        amount=amount,
        closed_on=closed_on,
        stage=stage,
        post_money_valuation=post_money_valuation,
    )
    audit_record(actor=actor, action="finance.round_recorded", target=found, enterprise_id=enterprise.pk)
    return found
