"""REST endpoints of 金融惠企 under the same tenancy, consent and state machine as the pages."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import Error, Id, Money, Offset, window
from gaoqi.apps.enterprises.models import ContestResult, EquityRound
from gaoqi.apps.finance import services
from gaoqi.apps.finance.matching import suggestions
from gaoqi.apps.finance.models import Consent, Deal, Demand, Product
from gaoqi.apps.finance.selectors import (
    OVERSEERS,
    deal_list,
    demand_get,
    demand_is_own,
    demand_list,
    institution_of,
    league_table,
    pool_exposure,
    pool_loan_list,
    product_catalogue,
    product_own_list,
    signals_own,
)
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.rules.finance.compensation import pool_share

router = Router(tags=["finance"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}
Rate = Field(default=None, ge=0, le=36, max_digits=6, decimal_places=3)


class ProductIn(Schema):
    name: str = Field(max_length=120)
    kind: Product.Kind
    amount_min: Money
    amount_max: Money
    term_min: int = Field(ge=1, le=600)
    term_max: int = Field(ge=1, le=600)
    rate_min: Decimal | None = Rate
    rate_max: Decimal | None = Rate
    areas: list[str] = []
    eligibility: str = ""
    pool_covered: bool = False
    pool_terms: str = Field(default="", max_length=300)
    description: str = ""
    is_active: bool = True


class ProductOut(ProductIn):
    id: int
    institution_id: int
    institution: str

    @staticmethod
    def resolve_institution(obj):
        return obj.institution.name


class DemandIn(Schema):
    amount: Money
    term_months: int = Field(ge=1, le=600)
    purpose: str = Field(max_length=200)
    collateral: Demand.Collateral
    urgency: Demand.Urgency = Demand.Urgency.NORMAL


class DemandOut(DemandIn):
    id: int
    enterprise_id: int
    created_at: datetime.datetime
    withdrawn_at: datetime.datetime | None


class SuggestionOut(Schema):
    product_id: int
    product: str
    institution_id: int
    institution: str
    eligible: str
    suggested: bool
    reasons: list[str]


class SendIn(Schema):
    product_id: Id
    sections: list[Consent.Section]


class RevokeIn(Schema):
    institution_id: Id


class DealOut(Schema):
    id: int
    demand_id: int
    enterprise: str
    institution_id: int
    institution: str
    product_id: int | None
    state: str
    amount: Decimal
    term_months: int
    match_reasons: list
    sent_at: datetime.datetime
    respond_by: datetime.datetime
    responded_at: datetime.datetime | None
    decided_at: datetime.datetime | None
    approved_amount: Decimal | None
    approved_rate: Decimal | None
    reason: str

    @staticmethod
    def resolve_enterprise(obj):
        return obj.demand.enterprise.name

    @staticmethod
    def resolve_institution(obj):
        return obj.institution.name

    @staticmethod
    def resolve_amount(obj):
        return obj.demand.amount

    @staticmethod
    def resolve_term_months(obj):
        return obj.demand.term_months


class SectionOut(Schema):
    key: str
    label: str
    rows: list[tuple[str, str]]


class DealDetailOut(DealOut):
    sections: list[SectionOut]


class MoveIn(Schema):
    to: Deal.State
    reason: str = Field(default="", max_length=500)
    amount: Money | None = None
    rate: Decimal | None = Rate


class LoanIn(Schema):
    deal_id: Id
    started_on: datetime.date
    matures_on: datetime.date


class LossIn(Schema):
    loss: Money
    loss_on: datetime.date


class LoanOut(Schema):
    id: int
    institution_id: int
    enterprise_id: int
    district: str
    principal: Decimal
    started_on: datetime.date
    matures_on: datetime.date
    startup: bool
    loss: Decimal | None
    loss_on: datetime.date | None
    compensation: Decimal | None


class ShareOut(Schema):
    amount: Decimal
    covered_loss: Decimal
    ratio: Decimal
    uncertain: bool
    references: list[str]


class ContestIn(Schema):
    contest: str = Field(max_length=200)
    year: int = Field(ge=2000, le=2100)
    level: ContestResult.Level
    award: ContestResult.Award


class ContestOut(ContestIn):
    id: int


class RoundIn(Schema):
    investor: str = Field(max_length=200)
    amount: Money
    closed_on: datetime.date
    stage: EquityRound.Stage
    post_money_valuation: Money | None = None


class RoundOut(RoundIn):
    id: int


class SignalsOut(Schema):
    contests: list[ContestOut]
    rounds: list[RoundOut]


def _conflict(exc: services.IllegalTransition):
    return Status(409, {"code": exc.code, "message": exc.message, "details": {"field": exc.field}})


@router.get("/products", response={200: list[ProductOut], **ERRORS}, summary="在售金融产品")
def products(request, kind: Product.Kind | None = None, limit: int = 50, offset: Offset = 0):
    rows = product_catalogue(actor=request.auth)
    if kind:
        rows = rows.filter(kind=kind)
    return rows[window(limit, offset, most=200)]


@router.get("/products/mine", response={200: list[ProductOut], **ERRORS}, summary="本机构产品")
def products_mine(request):
    return product_own_list(actor=request.auth)


@router.post("/products", response={201: ProductOut, **ERRORS}, summary="发布产品（金融机构）")
def product_create(request, payload: ProductIn):
    return Status(201, services.product_save(actor=request.auth, **payload.model_dump()))


@router.put("/products/{product_id}", response={200: ProductOut, **ERRORS}, summary="修改本机构产品")
def product_update(request, product_id: Id, payload: ProductIn):
    return services.product_save(actor=request.auth, pk=product_id, **payload.model_dump())


@router.get("/demands", response={200: list[DemandOut], **ERRORS}, summary="融资需求")
def demands(request, limit: int = 50, offset: Offset = 0):
    return demand_list(actor=request.auth)[window(limit, offset, most=200)]


@router.post("/demands", response={201: DemandOut, **ERRORS}, summary="提交融资需求（企业）")
def demand_create(request, payload: DemandIn):
    return Status(201, services.demand_file(actor=request.auth, **payload.model_dump()))


@router.get("/demands/{demand_id}", response={200: DemandOut, **ERRORS}, summary="融资需求详情")
def demand_read(request, demand_id: Id):
    return demand_get(actor=request.auth, pk=demand_id)


@router.get("/demands/{demand_id}/matches", response={200: list[SuggestionOut], **ERRORS}, summary="匹配的产品及理由")
def demand_matches(request, demand_id: Id):
    demand = demand_get(actor=request.auth, pk=demand_id)
    if not demand_is_own(actor=request.auth, demand=demand):
        raise PermissionDenied
    names = {1: "yes", 0: "unknown", -1: "no"}
    return [
        {
            "product_id": s.product.pk,
            "product": s.product.name,
            "institution_id": s.product.institution_id,
            "institution": s.product.institution.name,
            "eligible": names[s.eligible],
            "suggested": s.suggested,
            "reasons": s.reasons,
        }
        for s in suggestions(demand, product_catalogue(actor=request.auth))
    ]


@router.post("/demands/{demand_id}/deals", response={201: DealOut, **ERRORS}, summary="推送给机构并授权资料")
def demand_send(request, demand_id: Id, payload: SendIn):
    demand_get(actor=request.auth, pk=demand_id)
    product = product_catalogue(actor=request.auth).filter(pk=payload.product_id).first()
    if product is None:
        raise DomainError(_("所选产品不存在或已下架。"), field="product_id")
    deal = services.deal_send(
        actor=request.auth,
        demand_pk=demand_id,
        institution=product.institution,
        product=product,
        sections=list(payload.sections),
    )
    return Status(201, deal)


@router.post("/demands/{demand_id}/revoke", response={200: DemandOut, **ERRORS}, summary="撤销机构的资料授权")
def demand_revoke(request, demand_id: Id, payload: RevokeIn):
    services.consent_revoke(actor=request.auth, demand_pk=demand_id, institution_pk=payload.institution_id)
    return demand_get(actor=request.auth, pk=demand_id)


@router.post("/demands/{demand_id}/withdraw", response={200: DemandOut, **ERRORS}, summary="撤回融资需求")
def demand_withdraw(request, demand_id: Id):
    return services.demand_withdraw(actor=request.auth, pk=demand_id)


@router.get("/deals", response={200: list[DealOut], **ERRORS}, summary="对接记录")
def deals(request, state: Deal.State | None = None, limit: int = 50, offset: Offset = 0):
    rows = deal_list(actor=request.auth)
    if state:
        rows = rows.filter(state=state)
    return rows[window(limit, offset, most=200)]


@router.get("/deals/{deal_id}", response={200: DealDetailOut, **ERRORS}, summary="对接详情（机构查看即记审计）")
def deal_read(request, deal_id: Id):
    deal, sections = services.deal_profile_read(actor=request.auth, pk=deal_id)
    shown = [
        {"key": s["key"], "label": str(s["label"]), "rows": [(str(k), str(v)) for k, v in s["rows"]]} for s in sections
    ]
    setattr(deal, "sections", shown)  # noqa: B010  (read by DealDetailOut)
    return deal


@router.post("/deals/{deal_id}/transitions", response={200: DealOut, **ERRORS}, summary="受理、补充材料、批准或拒绝")
def deal_move(request, deal_id: Id, payload: MoveIn):
    try:
        return services.deal_move(actor=request.auth, pk=deal_id, **payload.model_dump())
    except services.IllegalTransition as exc:
        return _conflict(exc)


@router.get("/league", response={200: list[dict], **ERRORS}, summary="金融机构响应排行")
def league(request):
    if request.auth.role not in OVERSEERS:
        raise PermissionDenied
    return league_table(actor=request.auth)


@router.get("/pool/loans", response={200: list[LoanOut], **ERRORS}, summary="资金池贷款")
def pool_loans(request, limit: int = 50, offset: Offset = 0):
    return pool_loan_list(actor=request.auth)[window(limit, offset, most=200)]


@router.post("/pool/loans", response={201: LoanOut, **ERRORS}, summary="登记资金池贷款（金融机构）")
def pool_loan_create(request, payload: LoanIn):
    loan = services.pool_loan_record(
        actor=request.auth, deal_pk=payload.deal_id, started_on=payload.started_on, matures_on=payload.matures_on
    )
    return Status(201, loan)


@router.post("/pool/loans/{loan_id}/loss", response={200: LoanOut, **ERRORS}, summary="登记本金损失")
def pool_loss(request, loan_id: Id, payload: LossIn):
    return services.pool_loss_record(actor=request.auth, pk=loan_id, loss=payload.loss, loss_on=payload.loss_on)


@router.get("/pool/exposure", response={200: dict, **ERRORS}, summary="资金池敞口（按机构、按区）")
def exposure(request):
    if request.auth.role not in OVERSEERS and institution_of(request.auth) is None:
        raise PermissionDenied
    return pool_exposure(actor=request.auth)


@router.get("/pool/share", response={200: ShareOut, **ERRORS}, summary="资金池补偿测算")
def share(request, principal: Money, loss: Money, on: datetime.date, startup: bool = False):
    try:
        found = pool_share(principal=principal, loss=loss, startup=startup, on=on)
    except (ValueError, LookupError) as exc:
        raise DomainError(str(exc), field="loss") from None
    references = [f"{label}：{entry.reference}（{entry.since}起）" for label, entry in found.cited]
    return {
        "amount": found.amount,
        "covered_loss": found.covered_loss,
        "ratio": found.ratio,
        "uncertain": found.uncertain,
        "references": references,
    }


@router.get("/signals", response={200: SignalsOut, **ERRORS}, summary="本企业获奖与股权融资")
def signals(request):
    contests, rounds = signals_own(actor=request.auth)
    return {"contests": list(contests), "rounds": list(rounds)}


@router.post("/signals/contests", response={201: ContestOut, **ERRORS}, summary="记录大赛获奖")
def contest_create(request, payload: ContestIn):
    return Status(201, services.contest_record(actor=request.auth, **payload.model_dump()))


@router.post("/signals/rounds", response={201: RoundOut, **ERRORS}, summary="记录股权融资")
def round_create(request, payload: RoundIn):
    return Status(201, services.round_record(actor=request.auth, **payload.model_dump()))
