"""REST endpoints of 导师与工作站: mentors, stations, one-to-one assignments and visit logs."""

import datetime

from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import Error, Id, Offset, window
from gaoqi.apps.enterprises.selectors import enterprise_get
from gaoqi.apps.mentoring import selectors, services
from gaoqi.apps.mentoring.models import Visit

router = Router(tags=["mentoring"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class MentorOut(Schema):
    id: int
    username: str = Field(alias="user.username")
    name: str = Field(alias="user.get_full_name")
    organisation: str
    district: str
    tech_fields: list[str]
    topics: list[str]
    capacity: int
    load: int
    station_id: Id | None
    is_active: bool


class LoadOut(Schema):
    mentor_id: Id
    username: str
    load: int
    capacity: int
    percent: int


class StationOut(Schema):
    id: int
    name: str
    organisation: str
    district: str
    industry_focus: str
    address: str
    contact_name: str
    contact_phone: str
    services: list[str]
    mentor_count: int
    is_active: bool


class DistrictCount(Schema):
    code: str
    name: str
    stations: int


class StationKpiOut(Schema):
    stations: int
    target: int
    target_met: bool
    covered: int
    district_count: int
    districts: list[DistrictCount]
    uncovered: list[str]


class AssignmentOut(Schema):
    id: int
    enterprise_id: Id
    mentor_id: Id
    mentor_username: str = Field(alias="mentor.username")
    reason: str
    manual: bool
    assigned_at: datetime.datetime


class MatchOut(Schema):
    assigned: int
    unassigned: int
    objective: int
    greedy_objective: int
    classes: int


class OverrideIn(Schema):
    enterprise_id: Id
    mentor_id: Id = Field(description="导师档案编号（MentorProfile id）")
    note: str = Field("", max_length=200)


class VisitIn(Schema):
    enterprise_id: Id
    on: datetime.date
    kind: Visit.Kind = Visit.Kind.VISIT
    topics: list[str] = []
    notes: str = ""
    follow_up: str = Field("", max_length=300)


class VisitOut(Schema):
    id: int
    enterprise_id: Id
    mentor_id: Id
    on: datetime.date
    kind: str
    topics: list[str]
    notes: str
    follow_up: str


@router.get("/mentors", response={200: list[MentorOut], **ERRORS}, summary="导师名录")
def mentors(request, district: str = "", topic: str = "", q: str = "", limit: int = 50, offset: Offset = 0):
    return selectors.mentor_list(actor=request.auth, district=district, topic=topic, q=q)[
        window(limit, offset, most=200)
    ]


@router.get("/mentors/load", response={200: list[LoadOut], **ERRORS}, summary="导师负荷")
def mentor_load(request):
    return [
        {
            "mentor_id": r["mentor"].pk,
            "username": r["mentor"].user.username,
            "load": r["load"],
            "capacity": r["capacity"],
            "percent": r["percent"],
        }
        for r in selectors.mentor_load(actor=request.auth)
    ]


@router.get("/mentors/{mentor_id}", response={200: MentorOut, **ERRORS}, summary="导师档案")
def mentor(request, mentor_id: Id):
    return selectors.mentor_get(actor=request.auth, pk=mentor_id)


@router.get("/stations", response={200: list[StationOut], **ERRORS}, summary="服务工作站")
def stations(request, district: str = ""):
    return selectors.station_list(district=district)


@router.get("/stations/kpi", response={200: StationKpiOut, **ERRORS}, summary="工作站指标")
def station_kpi(request):
    return selectors.station_kpi()


@router.get("/stations/{station_id}", response={200: StationOut, **ERRORS}, summary="工作站详情")
def station(request, station_id: Id):
    return selectors.station_get(actor=request.auth, pk=station_id)


@router.get("/assignments", response={200: list[AssignmentOut], **ERRORS}, summary="导师分配")
def assignments(request, enterprise_id: Id | None = None, limit: int = 50, offset: Offset = 0):
    rows = selectors.assignment_list(actor=request.auth)
    if enterprise_id is not None:
        rows = rows.filter(enterprise=enterprise_get(actor=request.auth, pk=enterprise_id))
    return rows[window(limit, offset, most=200)]


@router.post("/assignments/match", response={200: MatchOut, **ERRORS}, summary="为新入库企业匹配导师")
def match(request):
    return services.match_newcomers(actor=request.auth).__dict__


@router.post("/assignments", response={201: AssignmentOut, **ERRORS}, summary="人工指定导师")
def override(request, payload: OverrideIn):
    selectors.require_bureau(request.auth)
    profile = selectors.mentor_get(actor=request.auth, pk=payload.mentor_id)
    enterprise = enterprise_get(actor=request.auth, pk=payload.enterprise_id)
    assignment = services.assignment_override(
        actor=request.auth, enterprise=enterprise, mentor_profile=profile, note=payload.note
    )
    return Status(201, assignment)


@router.get("/visits", response={200: list[VisitOut], **ERRORS}, summary="走访记录")
def visits(request, enterprise_id: Id, limit: int = 50, offset: Offset = 0):
    return selectors.visit_list(actor=request.auth, enterprise_id=enterprise_id)[window(limit, offset, most=200)]


@router.post("/visits", response={201: VisitOut, **ERRORS}, summary="记录走访")
def visit_create(request, payload: VisitIn):
    data = payload.model_dump()
    enterprise_id = data.pop("enterprise_id")
    return Status(201, services.visit_log(actor=request.auth, enterprise_id=enterprise_id, data=data))
