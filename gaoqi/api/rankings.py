"""REST endpoints of 梯次培育与精选 under the same rules as the pages: indicator system versions, scores, the tier
funnel and the enterprises about to move up."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import District, Error, Id, Offset, window
from gaoqi.apps.rankings import services
from gaoqi.apps.rankings.pipeline import tier_candidates, tier_funnel
from gaoqi.apps.rankings.selectors import board, indicator_version_get, indicator_version_list, score_explain
from gaoqi.core.districts import TECH_FIELDS
from gaoqi.core.errors import NotFound

router = Router(tags=["rankings"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}
Area = Literal[tuple(code for code, _name in TECH_FIELDS)]


class IndicatorIn(Schema):
    key: str = Field(max_length=40)
    weight: str = Field(max_length=20)
    method: str = Field(max_length=20)
    bands: list[tuple[str, str]] = Field(default=[], max_length=20)
    gate: str = Field(default="", max_length=500)


class VersionIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    effective_on: datetime.date
    note: str = Field(default="", max_length=300)
    indicators: list[IndicatorIn] = Field(max_length=20)


class VersionOut(Schema):
    id: int
    name: str
    effective_on: datetime.date
    note: str
    spec: dict
    created_at: datetime.datetime


class ScoreOut(Schema):
    enterprise_id: int
    name: str
    district: str
    tech_field: str
    score: float
    rank: int


class LineOut(Schema):
    key: str
    label: str
    value: Decimal | None
    unit: str
    normalised: float
    weight: Decimal
    points: float
    note: str


class ScoreDetailOut(ScoreOut):
    lines: list[LineOut]


@router.get("/indicator-versions", response={200: list[VersionOut], **ERRORS}, summary="指标体系版本")
def versions(request):
    return list(indicator_version_list(actor=request.auth))


@router.get("/indicator-versions/{version_id}", response={200: VersionOut, **ERRORS}, summary="指标体系版本详情")
def version_detail(request, version_id: Id):
    return indicator_version_get(actor=request.auth, pk=version_id)


@router.post("/indicator-versions", response={201: VersionOut, **ERRORS}, summary="发布指标体系新版本")
def version_create(request, payload: VersionIn):
    spec = {"indicators": [indicator.dict() for indicator in payload.indicators]}
    data = payload.dict(exclude={"indicators"})
    return Status(201, services.indicator_version_create(actor=request.auth, spec=spec, **data))


@router.get("/scores", response={200: list[ScoreOut], **ERRORS}, summary="创新能力得分（现行指标体系）")
def scores(
    request, district: District | None = None, tech_area: Area | None = None, limit: int = 100, offset: Offset = 0
):
    scored = board(actor=request.auth, district=district or "", tech_area=tech_area or "")
    return [scored.row(int(i)) for i in scored.visible[window(limit, offset, most=1000)]]


@router.get("/scores/{enterprise_id}", response={200: ScoreDetailOut, **ERRORS}, summary="一家企业的逐项得分")
def score_detail(request, enterprise_id: Id):
    row, lines = score_explain(actor=request.auth, enterprise_pk=enterprise_id)
    return row | {"lines": lines}


class TierRowOut(Schema):
    key: str
    label: str
    count: int
    moved_up: int
    citywide: int | None = None


class FunnelOut(Schema):
    year: int
    total: int
    counts: list[TierRowOut]


class CandidateOut(Schema):
    enterprise_id: int
    name: str
    district: str
    tier: str
    next_tier: str
    missing: list[str]


@router.get("/tiers/funnel", response={200: FunnelOut, **ERRORS}, summary="梯次分布与本年晋级")
def funnel(request, year: Annotated[int, Field(ge=2000, le=2100)] | None = None, district: District | None = None):
    found = tier_funnel(actor=request.auth, year=year, district=district or "")
    if found is None:
        raise NotFound
    return found


@router.get("/tiers/candidates", response={200: list[CandidateOut], **ERRORS}, summary="即将晋级的企业及尚缺条件")
def candidates(request, district: District | None = None, tech_area: Area | None = None):
    return tier_candidates(actor=request.auth, district=district or "", tech_area=tech_area or "")
