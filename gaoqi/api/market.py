"""REST endpoints of 产品兴企: the catalogue, an enterprise's products, scenarios, proposals and suggestions, under
the same tenancy and state machines as the pages."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import Error, Id, Offset, window
from gaoqi.apps.enterprises.models import IPItem
from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.market import selectors, services, suggest
from gaoqi.apps.market.fields import catalogue
from gaoqi.apps.market.models import Product, Proposal, Scenario
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role

router = Router(tags=["market"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}
Price = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
SubField = Annotated[str, Field(pattern=r"^\d{3}$", description="二级技术领域代码，如 101（软件）")]


class ProductIn(Schema):
    name: str = Field(min_length=1, max_length=120)
    field: SubField
    kind: Product.Kind
    certifications: list[Product.Certification] = []
    ip_item_ids: list[Id] = []
    price_min: Price | None = None
    price_max: Price | None = None
    customers: str = Field(default="", max_length=300)
    description: str = Field(min_length=1, max_length=2000)


class ProductOut(Schema):
    id: int
    enterprise_id: int
    enterprise: str
    name: str
    field: str
    kind: str
    certifications: list[str]
    price_min: Decimal | None
    price_max: Decimal | None
    customers: str
    description: str
    state: str
    review_note: str
    listed_at: datetime.datetime | None

    @staticmethod
    def resolve_enterprise(obj):
        return obj.enterprise.name


class MoveIn(Schema):
    to: Product.State
    note: str = Field(default="", max_length=300)


class ScenarioIn(Schema):
    organisation_id: Id
    title: str = Field(min_length=1, max_length=120)
    problem: str = Field(min_length=1, max_length=2000)
    field: SubField
    budget: Scenario.Budget
    deadline: datetime.date
    district: str = Field(pattern=r"^4401\d\d$", description="区划代码，如 440106")


class ScenarioOut(Schema):
    id: int
    organisation: str
    title: str
    problem: str
    field: str
    budget: str
    deadline: datetime.date
    district: str
    state: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.name


class ProposalIn(Schema):
    text: str = Field(min_length=1, max_length=3000)
    product_ids: list[Id] = []


class ProposalOut(Schema):
    id: int
    scenario_id: int
    enterprise_id: int
    text: str
    state: str
    comment: str
    created_at: datetime.datetime


class ProposalMoveIn(Schema):
    to: Literal["shortlisted", "connected", "signed", "declined"]
    comment: str = Field(default="", max_length=500)


class SuggestionOut(Schema):
    id: int
    name: str
    score: float
    reasons: list[str]


def _check_field(code: str) -> None:
    if code not in catalogue():
        raise DomainError(_("技术领域代码不在《国家重点支持的高新技术领域》二级领域中。"), field="field")


@router.get("/products", response={200: list[ProductOut], **ERRORS}, summary="创新产品目录（已上架，可全文检索）")
def products(request, q: str = "", field: str = "", limit: int = 50, offset: Offset = 0):
    return selectors.product_catalogue(q=q[:100], field=field[:3])[window(limit, offset, most=200)]


@router.get("/products/mine", response={200: list[ProductOut], **ERRORS}, summary="本企业的产品（含草稿）")
def products_mine(request):
    return selectors.products_own(actor=request.auth)


@router.post("/products", response={201: ProductOut, **ERRORS}, summary="登记创新产品（草稿）")
def product_create(request, payload: ProductIn):
    _check_field(payload.field)
    data = payload.model_dump(exclude={"ip_item_ids"})
    items = list(IPItem.objects.filter(pk__in=payload.ip_item_ids))
    if len(items) != len(set(payload.ip_item_ids)):
        raise DomainError(_("只能关联本企业的知识产权。"), field="ip_item_ids")
    return Status(201, services.product_save(actor=request.auth, ip_items=items, **data))


@router.get("/products/{product_id}", response={200: ProductOut, **ERRORS}, summary="产品详情")
def product_read(request, product_id: Id):
    return selectors.product_get(actor=request.auth, pk=product_id)


@router.post(
    "/products/{product_id}/transitions", response={200: ProductOut, **ERRORS}, summary="提交、审核、上架或下架"
)
def product_transition(request, product_id: Id, payload: MoveIn):
    return services.product_move(actor=request.auth, pk=product_id, to=payload.to, note=payload.note)


@router.get("/scenarios", response={200: list[ScenarioOut], **ERRORS}, summary="征集中的应用场景")
def scenarios(request, field: str = "", limit: int = 50, offset: Offset = 0):
    return selectors.scenario_list(field=field[:3])[window(limit, offset, most=200)]


@router.post("/scenarios", response={201: ScenarioOut, **ERRORS}, summary="发布应用场景（市科技局或场景方）")
def scenario_create(request, payload: ScenarioIn):
    _check_field(payload.field)
    organisation = selectors.organisations_managed(actor=request.auth).filter(pk=payload.organisation_id).first()
    if organisation is None:
        raise PermissionDenied
    data = payload.model_dump(exclude={"organisation_id"})
    return Status(201, services.scenario_publish(actor=request.auth, organisation=organisation, **data))


@router.get("/scenarios/{scenario_id}", response={200: ScenarioOut, **ERRORS}, summary="应用场景详情")
def scenario_read(request, scenario_id: Id):
    return selectors.scenario_get(pk=scenario_id)


@router.get(
    "/scenarios/{scenario_id}/proposals",
    response={200: list[ProposalOut], **ERRORS},
    summary="场景的方案（场景方看全部，企业看本企业）",
)
def scenario_proposals(request, scenario_id: Id):
    scenario = selectors.scenario_get(pk=scenario_id)
    return selectors.proposals_visible(actor=request.auth).filter(scenario=scenario)


@router.post("/scenarios/{scenario_id}/proposals", response={201: ProposalOut, **ERRORS}, summary="企业提交解决方案")
def proposal_create(request, scenario_id: Id, payload: ProposalIn):
    scenario = selectors.scenario_get(pk=scenario_id)
    products = list(Product.objects.filter(pk__in=payload.product_ids))
    if len(products) != len(set(payload.product_ids)):
        raise DomainError(_("只能关联本企业的产品。"), field="product_ids")
    created = services.proposal_submit(actor=request.auth, scenario=scenario, text=payload.text, products=products)
    return Status(201, created)


@router.get(
    "/scenarios/{scenario_id}/suggestions",
    response={200: list[SuggestionOut], **ERRORS},
    summary="为场景推荐的产品及理由",
)
def scenario_suggestions(request, scenario_id: Id, limit: int = 10):
    scenario = selectors.scenario_get(pk=scenario_id)
    if not selectors.scenario_can_manage(actor=request.auth, scenario=scenario):
        raise PermissionDenied
    found = suggest.products_for(scenario, max(1, min(limit, 50)))
    return [SuggestionOut(id=s.item.pk, name=s.item.name, score=s.score, reasons=s.reasons) for s in found]


@router.get(
    "/suggestions/scenarios", response={200: list[SuggestionOut], **ERRORS}, summary="为本企业推荐的应用场景及理由"
)
def enterprise_suggestions(request, limit: int = 10):
    enterprise = enterprise_own(actor=request.auth) if request.auth.role == Role.ENTERPRISE else None
    if enterprise is None:
        raise PermissionDenied
    found = suggest.scenarios_for(enterprise, max(1, min(limit, 50)))
    return [SuggestionOut(id=s.item.pk, name=s.item.title, score=s.score, reasons=s.reasons) for s in found]


@router.post("/proposals/{proposal_id}/transitions", response={200: ProposalOut, **ERRORS}, summary="场景方推进方案")
def proposal_transition(request, proposal_id: Id, payload: ProposalMoveIn):
    return services.proposal_move(
        actor=request.auth, pk=proposal_id, to=Proposal.State(payload.to), comment=payload.comment
    )
