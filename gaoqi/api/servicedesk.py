"""REST endpoints of 有求必应, under the same tenancy and state machine as the pages."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from gaoqi.api.schemas import Error, Id, Offset, window
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.selectors import (
    CONSOLE_ROLES,
    mentor_choices,
    next_states,
    preferred_mentor_choices,
    request_get,
    request_search,
    reroutable,
    sla_dashboard,
    station_choices,
)
from gaoqi.apps.servicedesk.services import IllegalTransition, request_reroute, request_submit, request_transition
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.roles import Role, shown_name
from gaoqi.core.topics import Topic

router = Router(tags=["servicedesk"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 409: Error, 422: Error}
StateName = ServiceRequest.State


class RequestIn(Schema):
    category: Topic
    title: str = Field(max_length=120)
    description: str
    preferred_mentor_id: Id | None = None
    preferred_station_id: Id | None = None


class TransitionIn(Schema):
    to: StateName
    note: str = ""
    rating: int | None = Field(default=None, ge=1, le=5)
    comment: str = Field(default="", max_length=500)


class RerouteIn(Schema):
    mentor_id: Id | None = None
    station_id: Id | None = None
    reason: str = Field(max_length=200)


class CancelIn(Schema):
    reason: str = Field(default="", max_length=500)


class AttachmentOut(Schema):
    id: int
    name: str
    size: int


class EventOut(Schema):
    kind: str
    actor: str | None = None
    from_state: str
    to_state: str
    from_handler: str
    to_handler: str
    note: str
    at: datetime.datetime

    @staticmethod
    def resolve_actor(obj, context):
        return shown_name(obj.actor, viewer=context["request"].auth) if obj.actor else None

    @staticmethod
    def resolve_note(obj, context):
        """An enterprise is not told why the platform routed its request where it did."""
        internal = obj.kind in ("routed", "rerouted") and _enterprise(context)
        return "" if internal else obj.note


def _enterprise(context) -> bool:
    return getattr(context["request"].auth, "role", Role.ENTERPRISE) == Role.ENTERPRISE


class RequestOut(Schema):
    id: int
    enterprise_id: Id
    category: str
    title: str
    description: str
    state: str
    queue: str
    mentor_id: Id | None
    station_id: Id | None
    route_reason: str
    escalation: int
    first_response_due: datetime.datetime
    resolution_due: datetime.datetime
    first_responded_at: datetime.datetime | None
    resolved_at: datetime.datetime | None
    rating: int | None
    rating_comment: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_route_reason(obj, context):
        return "" if _enterprise(context) else obj.route_reason


class RequestDetailOut(RequestOut):
    attachments: list[AttachmentOut]
    events: list[EventOut]
    next_states: list[str]
    can_reroute: bool


def _detail(actor, obj: ServiceRequest) -> ServiceRequest:
    """The request with what the caller may do next (a re-routing caller may no longer see it)."""
    obj.next_states = next_states(actor=actor, request=obj)
    obj.can_reroute = reroutable(actor=actor, request=obj)
    return obj


def _conflict(exc: IllegalTransition):
    return Status(409, {"code": exc.code, "message": exc.message, "details": {"field": exc.field}})


def _choice(choices, pk, field: str, message: str):
    """The chosen mentor or station among those the caller may choose, else a field error."""
    if pk is None:
        return None
    found = choices.filter(pk=pk).first()
    if found is None:
        raise DomainError(message, field=field)
    return found


@router.get("/requests", response={200: list[RequestOut], **ERRORS}, summary="服务需求列表")
def requests(request, state: StateName | None = None, escalated: bool = False, limit: int = 50, offset: Offset = 0):
    rows = request_search(actor=request.auth, state=state or "", escalated=escalated)
    return rows[window(limit, offset, most=200)]


@router.post("/requests", response={201: RequestDetailOut, **ERRORS}, summary="提交服务需求（multipart，可带附件）")
def request_create(request, payload: Form[RequestIn], files: File[list[UploadedFile]] = None):
    created = request_submit(
        actor=request.auth,
        category=payload.category,
        title=payload.title,
        description=payload.description,
        preferred_mentor=_choice(
            preferred_mentor_choices(actor=request.auth),
            payload.preferred_mentor_id,
            "preferred_mentor_id",
            _("只能指定为本企业服务的导师。"),
        ),
        preferred_station=_choice(
            station_choices(), payload.preferred_station_id, "preferred_station_id", _("所选服务站不存在或已停止运营。")
        ),
        files=files or [],
    )
    return Status(201, _detail(request.auth, request_get(actor=request.auth, pk=created.pk)))


@router.get("/requests/{request_id}", response={200: RequestDetailOut, **ERRORS}, summary="服务需求详情")
def request_read(request, request_id: Id):
    return _detail(request.auth, request_get(actor=request.auth, pk=request_id))


@router.post("/requests/{request_id}/transitions", response={200: RequestDetailOut, **ERRORS}, summary="变更状态或评价")
def request_move(request, request_id: Id, payload: TransitionIn):
    try:
        request_transition(actor=request.auth, pk=request_id, **payload.model_dump())
    except IllegalTransition as exc:
        return _conflict(exc)
    return _detail(request.auth, request_get(actor=request.auth, pk=request_id))


@router.post("/requests/{request_id}/reroute", response={200: RequestDetailOut, **ERRORS}, summary="改派")
def request_reassign(request, request_id: Id, payload: RerouteIn):
    request_get(actor=request.auth, pk=request_id)
    try:
        moved = request_reroute(
            actor=request.auth,
            pk=request_id,
            reason=payload.reason,
            mentor=_choice(mentor_choices(), payload.mentor_id, "mentor_id", _("所选导师不存在、不在岗或已停用。")),
            station=_choice(station_choices(), payload.station_id, "station_id", _("所选服务站不存在或已停止运营。")),
        )
    except IllegalTransition as exc:
        return _conflict(exc)
    return _detail(request.auth, moved)


@router.post("/requests/{request_id}/cancel", response={200: RequestDetailOut, **ERRORS}, summary="企业撤销需求")
def request_cancel(request, request_id: Id, payload: CancelIn):
    try:
        request_transition(actor=request.auth, pk=request_id, to=StateName.CANCELLED, note=payload.reason)
    except IllegalTransition as exc:
        return _conflict(exc)
    return _detail(request.auth, request_get(actor=request.auth, pk=request_id))


@router.get("/stats", response={200: dict, **ERRORS}, summary="时限达标与满意度")
def stats(request):
    if request.auth.role not in CONSOLE_ROLES:
        raise PermissionDenied
    return sla_dashboard(actor=request.auth, now=timezone.now())
