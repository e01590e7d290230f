"""REST endpoints of 梯次培育与精选 under the same rules as the pages: indicator system versions, scores, the tier
funnel and the enterprises about to move up, the yearly lists and their review, what-ifs, precise profiles and
benchmarks."""

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import District, Error, Id, Offset, window
from gaoqi.apps.enterprises.selectors import enterprise_get
from gaoqi.apps.rankings import services
from gaoqi.apps.rankings.list_selectors import (
    list_diff,
    list_entries,
    list_entry_get,
    ranking_list_get,
    ranking_list_list,
)
from gaoqi.apps.rankings.pipeline import tier_candidates, tier_funnel
from gaoqi.apps.rankings.profiles import benchmarks, profile_get
from gaoqi.apps.rankings.selectors import (
    board,
    indicator_version_get,
    indicator_version_list,
    score_explain,
    what_if_get,
    what_if_list,
)
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


class ListOut(Schema):
    id: int
    kind: str
    year: int
    status: str
    version_id: int
    eligibility: str
    size: int
    published_at: datetime.datetime | None


class EntryOut(Schema):
    id: int
    enterprise_id: int
    district: str
    rank: int
    score: Decimal
    included: bool
    by_hand: bool
    reason: str
    data: list[dict]


class ListDetailOut(ListOut):
    spec: dict
    entries: list[EntryOut]


class ListIn(Schema):
    kind: Literal["selected_hte", "reserve"]
    year: int = Field(ge=2000, le=2100)
    size: int | None = Field(default=None, ge=1, le=1000)


class StepIn(Schema):
    step: Literal["submit", "return", "approve", "publish"]


class CommentIn(Schema):
    text: str = Field(min_length=1, max_length=1000)


class EntryIn(Schema):
    enterprise_id: Id
    reason: str = Field(min_length=1, max_length=300)


class ReasonIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class DiffOut(Schema):
    previous_id: int | None
    added: list[int]
    dropped: list[int]
    kept: int


def _detail(request, ranking_list):
    entries = list(list_entries(actor=request.auth, ranking_list=ranking_list))
    return {**ListOut.from_orm(ranking_list).dict(), "spec": ranking_list.spec, "entries": entries}


@router.get("/lists", response={200: list[ListOut], **ERRORS}, summary="年度榜单")
def lists(request):
    return list(ranking_list_list(actor=request.auth))


@router.post("/lists", response={201: ListDetailOut, **ERRORS}, summary="生成榜单草稿")
def list_draft(request, payload: ListIn):
    return Status(201, _detail(request, services.ranking_list_draft(actor=request.auth, **payload.dict())))


@router.get("/lists/{list_id}", response={200: ListDetailOut, **ERRORS}, summary="榜单详情（本人可见区的企业）")
def list_detail(request, list_id: Id):
    return _detail(request, ranking_list_get(actor=request.auth, pk=list_id))


@router.get("/lists/{list_id}/diff", response={200: DiffOut, **ERRORS}, summary="与上年已发布榜单比较")
def list_diff_view(request, list_id: Id):
    diff = list_diff(actor=request.auth, ranking_list=ranking_list_get(actor=request.auth, pk=list_id))
    return {
        "previous_id": diff.previous.pk if diff.previous else None,
        "added": [e.enterprise_id for e in diff.added],
        "dropped": [e.enterprise_id for e in diff.dropped],
        "kept": diff.kept,
    }


@router.post("/lists/{list_id}/step", response={200: ListOut, **ERRORS}, summary="提交、退回、批准或发布榜单")
def list_step(request, list_id: Id, payload: StepIn):
    ranking_list = ranking_list_get(actor=request.auth, pk=list_id)
    return services.ranking_list_transition(actor=request.auth, ranking_list=ranking_list, step=payload.step)


@router.post("/lists/{list_id}/comments", response={201: dict, **ERRORS}, summary="提交审核意见")
def list_comment(request, list_id: Id, payload: CommentIn):
    ranking_list = ranking_list_get(actor=request.auth, pk=list_id)
    comment = services.list_comment_add(actor=request.auth, ranking_list=ranking_list, text=payload.text)
    return Status(201, {"id": comment.pk, "text": comment.text})


@router.post("/lists/{list_id}/entries", response={201: EntryOut, **ERRORS}, summary="增补企业（须说明理由）")
def list_add(request, list_id: Id, payload: EntryIn):
    ranking_list = ranking_list_get(actor=request.auth, pk=list_id)
    enterprise = enterprise_get(actor=request.auth, pk=payload.enterprise_id)
    entry = services.list_entry_add(
        actor=request.auth, ranking_list=ranking_list, enterprise=enterprise, reason=payload.reason
    )
    return Status(201, entry)


@router.post("/entries/{entry_id}/remove", response={200: EntryOut, **ERRORS}, summary="移出企业（须说明理由）")
def entry_remove(request, entry_id: Id, payload: ReasonIn):
    entry = list_entry_get(actor=request.auth, pk=entry_id)
    return services.list_entry_remove(actor=request.auth, entry=entry, reason=payload.reason)


class WhatIfIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    indicators: list[IndicatorIn] = Field(max_length=20)
    eligibility: str = Field(min_length=1, max_length=500)
    cutoff_before: Decimal = Field(ge=0, le=100, decimal_places=2)
    cutoff: Decimal = Field(ge=0, le=100, decimal_places=2)
    reward_before: Decimal = Field(ge=0, max_digits=14, decimal_places=2)
    reward: Decimal = Field(ge=0, max_digits=14, decimal_places=2)


class WhatIfOut(Schema):
    id: int
    name: str
    base_version_id: int
    spec: dict
    eligibility: str
    cutoff_before: Decimal
    cutoff: Decimal
    reward_before: Decimal
    reward: Decimal
    result: dict
    created_at: datetime.datetime


@router.get("/whatif", response={200: list[WhatIfOut], **ERRORS}, summary="已保存的测算方案")
def what_ifs(request, limit: int = 20, offset: Offset = 0):
    return list(what_if_list(actor=request.auth)[window(limit, offset, most=100)])


@router.get("/whatif/{scenario_id}", response={200: WhatIfOut, **ERRORS}, summary="测算方案详情")
def what_if_detail(request, scenario_id: Id):
    return what_if_get(actor=request.auth, pk=scenario_id)


@router.post("/whatif", response={201: WhatIfOut, **ERRORS}, summary="测算并保存方案")
def what_if_create(request, payload: WhatIfIn):
    spec = {"indicators": [indicator.dict() for indicator in payload.indicators]}
    data = payload.dict(exclude={"indicators"})
    return Status(201, services.what_if_save(actor=request.auth, spec=spec, **data))


class BenchmarkOut(Schema):
    enterprise_id: int
    name: str
    district: str
    area: str
    score: float
    peers: int
    reason: str


@router.get("/profile", response={200: dict, **ERRORS}, summary="本企业精准画像（同行匿名分布）")
def own_profile(request):
    return profile_get(actor=request.auth)


@router.get("/profile/{enterprise_id}", response={200: dict, **ERRORS}, summary="一家企业的精准画像")
def enterprise_profile(request, enterprise_id: Id):
    return profile_get(actor=request.auth, enterprise_pk=enterprise_id)


@router.get("/benchmarks", response={200: list[BenchmarkOut], **ERRORS}, summary="各区各技术领域标杆企业")
def benchmark_list(request, district: District | None = None):
    return benchmarks(actor=request.auth, district=district or "")
