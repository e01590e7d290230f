"""REST endpoints of 科创学堂: sessions, registrations and check-in, under the same rules as the pages."""

import datetime
from typing import Annotated

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import Error, Id, Moment, WebUrl, window
from gaoqi.apps.training import services
from gaoqi.apps.training.selectors import (
    registration_get,
    registration_list,
    roster,
    session_can_manage,
    session_counts,
    session_get,
    session_list,
    stations_managed,
)
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.topics import Topic

router = Router(tags=["training"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class SessionOut(Schema):
    id: int
    programme: str
    title: str
    topic: str
    speakers: str
    venue: str
    station_id: Id | None
    online_url: str
    district: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    capacity: int
    registration_opens: datetime.datetime
    registration_closes: datetime.datetime
    status: str

    @staticmethod
    def resolve_programme(obj) -> str:
        return obj.programme.title


class SessionDetailOut(SessionOut):
    confirmed: int
    waiting: int
    checked_in: int
    left: int


class RegistrationOut(Schema):
    id: int
    session_id: Id
    enterprise_id: Id
    attendee_name: str
    attendee_phone: str
    attendee_title: str
    status: str
    typed_code: str
    created_at: datetime.datetime
    promoted_at: datetime.datetime | None
    cancelled_at: datetime.datetime | None
    checked_in_at: datetime.datetime | None


class RegistrationIn(Schema):
    session_id: Id
    attendee_name: str = Field(min_length=1, max_length=64)
    attendee_phone: str = Field(min_length=11, max_length=20)
    attendee_title: str = Field(default="", max_length=64)


class SessionPatch(Schema):
    """Only the fields sent change; ``station_id: null`` makes the session online. Times without an offset are
    Guangzhou time."""

    title: str = Field(default=None, min_length=1, max_length=200)
    topic: Topic = None
    speakers: str = Field(default=None, min_length=1, max_length=300)
    description: str = None
    station_id: Id | None = None
    online_url: Annotated[WebUrl, Field(max_length=200)] = None
    district: str = None
    starts_at: Moment = None
    ends_at: Moment = None
    capacity: int = Field(default=None, ge=1, le=5000)
    registration_opens: Moment = None
    registration_closes: Moment = None


class CancelIn(Schema):
    reason: str = Field(min_length=1, max_length=300)


class CheckinIn(Schema):
    session_id: Id
    code: str = Field(min_length=1, max_length=200, description="扫码所得的签名令牌，或 10 位签到码")


@router.get("/sessions", response={200: list[SessionOut], **ERRORS}, summary="培训场次")
def sessions(request, topic: Topic | None = None, upcoming: bool = True, limit: int = 100):
    qs = session_list(actor=request.auth)
    if topic:
        qs = qs.filter(topic=topic)
    if upcoming:
        qs = qs.filter(ends_at__gte=timezone.now())
    return qs[window(limit, most=500)]


@router.get("/sessions/{session_id}", response={200: SessionDetailOut, **ERRORS}, summary="培训场次详情")
def session_detail(request, session_id: Id):
    return _with_counts(session_get(actor=request.auth, pk=session_id))


@router.get("/sessions/{session_id}/registrations", response={200: list[RegistrationOut], **ERRORS}, summary="报名名单")
def session_roster(request, session_id: Id):
    session = session_get(actor=request.auth, pk=session_id)
    if not session_can_manage(actor=request.auth, session=session):
        raise PermissionDenied
    return roster(actor=request.auth, session=session)


def _with_counts(session):
    for name, value in session_counts(session).items():
        setattr(session, name, value)
    return session


@router.patch("/sessions/{session_id}", response={200: SessionDetailOut, **ERRORS}, summary="修改培训场次")
def session_update(request, session_id: Id, payload: SessionPatch):
    session = session_get(actor=request.auth, pk=session_id)
    changes = payload.model_dump(exclude_unset=True)
    if "station_id" in changes:
        changes["station"] = _station(request.auth, changes.pop("station_id"))
    return _with_counts(services.session_update(actor=request.auth, session=session, **changes))


def _station(actor, pk):
    if pk is None:
        return None
    station = stations_managed(actor=actor).filter(pk=pk).first()
    if station is None:
        raise DomainError(_("您无权在该服务工作站安排培训。"), field="station_id")
    return station


@router.post("/sessions/{session_id}/cancel", response={200: SessionOut, **ERRORS}, summary="取消培训场次")
def session_cancel(request, session_id: Id, payload: CancelIn):
    session = session_get(actor=request.auth, pk=session_id)
    services.session_cancel(actor=request.auth, session=session, reason=payload.reason)
    session.refresh_from_db()
    return session


@router.get("/registrations", response={200: list[RegistrationOut], **ERRORS}, summary="报名记录")
def registrations(request, session_id: Id | None = None, limit: int = 200):
    qs = registration_list(actor=request.auth).order_by("-created_at", "-id")
    if session_id is not None:
        qs = qs.filter(session_id=session_id)
    return qs[window(limit, most=1000)]


@router.post("/registrations", response={201: RegistrationOut, **ERRORS}, summary="报名参训")
def registration_create(request, payload: RegistrationIn):
    session = session_get(actor=request.auth, pk=payload.session_id)
    data = payload.model_dump(exclude={"session_id"})
    return Status(201, services.registration_create(actor=request.auth, session=session, **data))


@router.get("/registrations/{registration_id}", response={200: RegistrationOut, **ERRORS}, summary="报名详情")
def registration_detail(request, registration_id: Id):
    return registration_get(actor=request.auth, pk=registration_id)


@router.post("/registrations/{registration_id}/cancel", response={200: RegistrationOut, **ERRORS}, summary="取消报名")
def registration_cancel(request, registration_id: Id):
    registration = registration_get(actor=request.auth, pk=registration_id)
    services.registration_cancel(actor=request.auth, registration=registration)
    registration.refresh_from_db()
    return registration


@router.post("/checkins", response={200: RegistrationOut, **ERRORS}, summary="签到")
def checkin(request, payload: CheckinIn):
    session = session_get(actor=request.auth, pk=payload.session_id)
    if not session_can_manage(actor=request.auth, session=session):
        raise PermissionDenied
    return services.checkin(actor=request.auth, session=session, text=payload.code)
