"""REST endpoints of 政策: the library, criteria preview, matches, funnels, "my policies" and applications."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import District, Error, Id, Offset, WebUrl, window
from gaoqi.apps.policies import selectors, services
from gaoqi.apps.policies.models import Category, Level, MatchStatus
from gaoqi.rules.criteria import VARIABLES

router = Router(tags=["policies"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class PolicyIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    issuer: str = Field(min_length=1, max_length=200)
    document_number: str = Field(default="", max_length=100)
    level: Literal[tuple(Level.values)]
    districts: list[District] = []
    category: Literal[tuple(Category.values)]
    summary: str = Field(min_length=1)
    full_text: str = ""
    issued_on: datetime.date | None = None
    source_url: Annotated[WebUrl, Field(max_length=500)] = ""
    application_url: Annotated[WebUrl, Field(max_length=500)] = ""
    instant: bool = False
    clauses: str = ""
    documents: list[str] = []
    support_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    support_note: str = Field(default="", max_length=300)
    staff_note: str = ""
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    closing_lead_days: int = Field(default=7, ge=0, le=365)
    criteria: str = ""


class PolicyPatch(Schema):
    """Only the fields sent change; ``null`` clears the amount and the dates, and is refused where a value is
    required."""

    title: str = Field(default=None, min_length=1, max_length=200)
    summary: str = Field(default=None, min_length=1)
    full_text: str = None
    districts: list[District] = None
    documents: list[str] = None
    support_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)
    support_note: str = Field(default=None, max_length=300)
    staff_note: str = None
    application_url: Annotated[WebUrl, Field(max_length=500)] = None
    instant: bool = None
    opens_on: datetime.date | None = None
    closes_on: datetime.date | None = None
    closing_lead_days: int = Field(default=None, ge=0, le=365)
    criteria: str = None


class PolicyOut(Schema):
    id: int
    title: str
    issuer: str
    document_number: str
    level: str
    districts: list[str]
    category: str
    summary: str
    full_text: str
    issued_on: datetime.date | None
    source_url: str
    application_url: str
    instant: bool
    clauses: str
    documents: list[str]
    support_amount: Decimal | None
    support_note: str
    staff_note: str = Field(description="核实记录：仅工作人员可见，企业用户得到空字符串")
    opens_on: datetime.date | None
    closes_on: datetime.date | None
    criteria: str
    status: str
    version: int
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_staff_note(obj, context) -> str:
        return obj.staff_note if selectors.policy_staff_view(actor=context["request"].auth) else ""


class PreviewIn(Schema):
    criteria: str
    districts: list[District] = []
    support_amount: Decimal | None = Field(default=None, ge=0, max_digits=14, decimal_places=2)


class PreviewOut(Schema):
    counts: dict[str, int]
    by_district: dict[str, dict[str, int]]
    nearness: str
    scope: list[str] = Field(description="统计范围：调用者可查看的区（区科技局只统计本区企业）")


class StatusIn(Schema):
    status: Literal["closed", "withdrawn"]


class MatchOut(Schema):
    enterprise_id: Id
    enterprise_name: str = Field(alias="enterprise.name")
    district: str
    status: str
    missing: str
    version: int


class ClauseOut(Schema):
    clause: str
    status: str
    detail: str


class MineOut(Schema):
    policy: PolicyOut
    status: str
    missing: str
    nearness: str
    applied: bool
    clauses: list[ClauseOut]


class VariableOut(Schema):
    name: str
    label: str
    type: str
    unit: str


@router.get("/variables", response={200: list[VariableOut], **ERRORS}, summary="匹配条件可用变量")
def variables(request):
    return list(VARIABLES.values())


@router.post("/preview", response={200: PreviewOut, **ERRORS}, summary="匹配条件预览")
def preview(request, payload: PreviewIn):
    return selectors.policy_preview(
        actor=request.auth,
        criteria=payload.criteria,
        districts=payload.districts,
        support_amount=payload.support_amount,
    )


@router.get("/mine", response={200: list[MineOut], **ERRORS}, summary="我的政策")
def mine(request):
    return selectors.my_policies(actor=request.auth)


@router.get("", response={200: list[PolicyOut], **ERRORS}, summary="政策库")
def policy_list(
    request,
    q: str = "",
    status: str = "",
    category: str = "",
    level: str = "",
    district: str = "",
    limit: int = 50,
    offset: Offset = 0,
):
    filters = {"status": status, "category": category, "level": level, "district": district}
    qs = selectors.policy_list(actor=request.auth, q=q, **filters)
    return qs[window(limit, offset, most=200)]


@router.post("", response={201: PolicyOut, **ERRORS}, summary="新建政策（草稿）")
def policy_create(request, payload: PolicyIn):
    return Status(201, services.policy_create(actor=request.auth, data=payload.model_dump()))


@router.get("/{policy_id}", response={200: PolicyOut, **ERRORS}, summary="政策详情")
def policy_detail(request, policy_id: Id):
    return selectors.policy_get(actor=request.auth, pk=policy_id)


@router.patch("/{policy_id}", response={200: PolicyOut, **ERRORS}, summary="修改政策")
def policy_update(request, policy_id: Id, payload: PolicyPatch):
    policy = selectors.policy_get(actor=request.auth, pk=policy_id)
    return services.policy_update(actor=request.auth, policy=policy, data=payload.model_dump(exclude_unset=True))


@router.post("/{policy_id}/publish", response={200: PolicyOut, **ERRORS}, summary="发布政策")
def policy_publish(request, policy_id: Id):
    return services.policy_publish(actor=request.auth, policy=selectors.policy_get(actor=request.auth, pk=policy_id))


@router.post("/{policy_id}/status", response={200: PolicyOut, **ERRORS}, summary="截止或撤回政策")
def policy_status(request, policy_id: Id, payload: StatusIn):
    policy = selectors.policy_get(actor=request.auth, pk=policy_id)
    return services.policy_set_status(actor=request.auth, policy=policy, status=payload.status)


@router.get("/{policy_id}/matches", response={200: list[MatchOut], **ERRORS}, summary="政策匹配企业")
def policy_matches(
    request,
    policy_id: Id,
    status: Literal[tuple(MatchStatus.values)] | None = None,
    district: str = "",
    limit: int = 100,
    offset: Offset = 0,
):
    policy = selectors.policy_get(actor=request.auth, pk=policy_id)
    qs = selectors.policy_matches(actor=request.auth, policy=policy, status=status or "", district=district)
    return qs[window(limit, offset, most=1000)]


@router.get("/{policy_id}/funnel", response={200: list[dict], **ERRORS}, summary="政策触达漏斗（按区）")
def policy_funnel(request, policy_id: Id):
    policy = selectors.policy_get(actor=request.auth, pk=policy_id)
    return selectors.policy_funnel(actor=request.auth, policy=policy)


@router.post("/{policy_id}/applied", response={201: dict, **ERRORS}, summary="标记已申报")
def policy_applied(request, policy_id: Id):
    application = services.application_mark(actor=request.auth, policy_id=policy_id)
    return Status(201, {"policy_id": application.policy_id, "enterprise_id": application.enterprise_id})
