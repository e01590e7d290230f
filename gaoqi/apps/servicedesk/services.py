"""Writes of service requests: submission with routing, transitions, ratings, re-routing and the escalation pass."""

from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.selectors import enterprise_own
from gaoqi.apps.mentoring.selectors import mentors_of
from gaoqi.apps.servicedesk.attachments import attachments_check
from gaoqi.apps.servicedesk.models import Attachment, RequestEvent, ServiceRequest
from gaoqi.apps.servicedesk.notices import handler_ids, notify_parties
from gaoqi.apps.servicedesk.routing import district_station, handler_label, route
from gaoqi.apps.servicedesk.selectors import may_reroute, mentor_choices, parties_of, request_get
from gaoqi.apps.servicedesk.sla import breached, due_after, sla_days
from gaoqi.apps.servicedesk.transitions import NOTE_REQUIRED, OPEN_STATES, TRANSITIONS
from gaoqi.core.audit import audit_record
from gaoqi.core.errors import DomainError, PermissionDenied
from gaoqi.core.topics import Topic

State = ServiceRequest.State
Queue = ServiceRequest.Queue
Escalation = ServiceRequest.Escalation


class IllegalTransition(DomainError):
    """The request's current state does not lead to the asked-for state (HTTP 409 in the API)."""

    def __init__(self, message: str, field: str = "to"):
        super().__init__(message, code="illegal_transition", field=field)


def _record(request, *, kind, actor, from_state, note, at) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=request, kind=kind, actor=actor, from_state=from_state, to_state=request.state, note=note, at=at
    )
    audit_record(
        actor=actor,
        action=f"servicedesk.{kind}",
        target=request,
        enterprise_id=request.enterprise_id,
        changes={"state": [from_state, request.state], "note": note},
    )
    notify_parties(request, event)
    return event


def _validate_submission(enterprise, *, category, title, description, preferred_mentor, preferred_station):
    if category not in Topic.values:
        raise DomainError(_("请选择服务类别。"), field="category")
    if not title.strip():
        raise DomainError(_("请填写标题。"), field="title")
    if not description.strip():
        raise DomainError(_("请描述需要什么帮助。"), field="description")
    if preferred_mentor is not None and preferred_mentor.pk not in {m.pk for m in mentors_of(enterprise.pk)}:
        raise DomainError(_("只能指定为本企业服务的导师。"), field="preferred_mentor")
    if preferred_station is not None and not preferred_station.is_active:
        raise DomainError(_("所选服务站已停止运营，请另选或留空。"), field="preferred_station")


@transaction.atomic
def request_submit(
    *,
    actor,
    category: str,
    title: str,
    description: str,
    files=(),
    preferred_mentor=None,
    preferred_station=None,
    at=None,
) -> ServiceRequest:
    """An enterprise user files a request; it is routed at once and the SLA clocks start."""
    enterprise = enterprise_own(actor=actor)
    if enterprise is None:
        raise PermissionDenied
    _validate_submission(
        enterprise,
        category=category,
        title=title,
        description=description,
        preferred_mentor=preferred_mentor,
        preferred_station=preferred_station,
    )
    attachments_check(files)
    at = at or timezone.now()
    where = route(
        enterprise=enterprise, category=category, preferred_mentor=preferred_mentor, preferred_station=preferred_station
    )
    response_days, resolution_days = sla_days(category)
    request = ServiceRequest.objects.create(
        enterprise=enterprise,
        created_by=actor,
        category=category,
        title=title.strip(),
        description=description.strip(),
        preferred_mentor=preferred_mentor,
        preferred_station=preferred_station,
        queue=where.queue,
        mentor=where.mentor,
        station=where.station,
        route_reason=where.reason,
        first_response_due=due_after(at, response_days),
        resolution_due=due_after(at, resolution_days),
        created_at=at,
    )
    for upload in files:
        Attachment.objects.create(
            request=request, file=upload, name=PurePath(upload.name).name[:200], size=upload.size, uploaded_by=actor
        )
    _record(request, kind=RequestEvent.Kind.ROUTED, actor=actor, from_state="", note=where.reason, at=at)
    return request


def _check_transition(actor, request: ServiceRequest, to: str, note: str, rating) -> None:
    targets = TRANSITIONS.get(request.state, {})
    if to not in targets:
        raise IllegalTransition(
            _("当前状态为“%(state)s”，不能变更为“%(to)s”。")
            % {"state": request.get_state_display(), "to": dict(State.choices).get(to, to)}
        )
    if not targets[to] & parties_of(actor=actor, request=request):
        raise PermissionDenied
    if to in NOTE_REQUIRED and not note.strip():
        raise DomainError(_("请填写说明（解决情况或重开原因）。"), field="note")
    if to == State.RATED and (not isinstance(rating, int) or not 1 <= rating <= 5):
        raise DomainError(_("请给出 1 至 5 分的满意度。"), field="rating")


@transaction.atomic
def request_transition(*, actor, pk, to: str, note: str = "", rating: int | None = None, comment: str = "", at=None):
    """Move a request to ``to`` if the table allows it for the actor's part; rating closes a resolved request."""
    request = request_get(actor=actor, pk=pk)
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    _check_transition(actor, request, to, note, rating)
    at = at or timezone.now()
    from_state = request.state
    request.state = to
    if from_state == State.NEW and to != State.CANCELLED:
        request.first_responded_at = at
    if to == State.RESOLVED:
        request.resolved_at = at
    if to == State.REOPENED:
        request.resolved_at = None
        request.resolution_due = due_after(at, sla_days(request.category)[1])
    if to == State.RATED:
        request.rating, request.rating_comment = rating, comment.strip()[:500]
        note = _("满意度 %(rating)d 分。%(comment)s") % {"rating": rating, "comment": request.rating_comment}
    if to == State.CANCELLED and not note.strip():
        note = _("企业撤销了该需求，未说明原因。")
    request.save()
    _record(request, kind=RequestEvent.Kind.TRANSITION, actor=actor, from_state=from_state, note=note.strip(), at=at)
    return request


def _check_reroute(actor, request: ServiceRequest, *, mentor, station, reason: str) -> None:
    if not may_reroute(actor=actor, request=request):
        raise PermissionDenied
    if request.state not in OPEN_STATES:
        raise IllegalTransition(
            _("当前状态为“%(state)s”，不能改派。") % {"state": request.get_state_display()}, field="state"
        )
    if mentor is None and station is None:
        raise DomainError(_("请选择改派的导师或服务站。"), field="mentor")
    if mentor is not None and not mentor_choices().filter(pk=mentor.pk).exists():
        raise DomainError(_("导师 %(name)s 不在岗或已停用，请另选。") % {"name": mentor}, field="mentor")
    if station is not None and not station.is_active:
        raise DomainError(_("服务站 %(name)s 已停止运营，请另选。") % {"name": station}, field="station")
    if not reason.strip():
        raise DomainError(_("请填写改派原因。"), field="reason")


@transaction.atomic
def request_reroute(*, actor, pk, reason: str, mentor=None, station=None, at=None) -> ServiceRequest:
    """Hand an open request to another mentor and/or station, with a reason.

    The SLA deadlines and the escalation level stay as they are: the clock runs from submission and a breach
    already escalated is not undone. The enterprise, the former and the new handlers are told.
    """
    request = request_get(actor=actor, pk=pk)
    request = ServiceRequest.objects.select_for_update().get(pk=request.pk)
    _check_reroute(actor, request, mentor=mentor, station=station, reason=reason)
    queue = Queue.MENTOR if mentor is not None else Queue.STATION
    if (queue, getattr(mentor, "pk", None), getattr(station, "pk", None)) == (
        request.queue,
        request.mentor_id if request.queue == Queue.MENTOR else None,
        request.station_id,
    ):
        field = "mentor" if mentor is not None else "station"
        raise DomainError(_("所选承办方与当前承办方相同，请另选导师或服务站。"), field=field)
    former = handler_ids(request)
    before = handler_label(queue=request.queue, mentor=request.mentor, station=request.station)
    request.queue, request.mentor, request.station = queue, mentor, station
    request.route_reason = (_("%(actor)s 改派：%(reason)s") % {"actor": actor, "reason": reason.strip()})[:300]
    request.save(update_fields=["queue", "mentor", "station", "route_reason", "updated_at"])
    event = RequestEvent.objects.create(
        request=request,
        kind=RequestEvent.Kind.REROUTED,
        actor=actor,
        from_state=request.state,
        to_state=request.state,
        from_handler=before,
        to_handler=handler_label(queue=queue, mentor=mentor, station=station),
        note=reason.strip(),
        at=at or timezone.now(),
    )
    audit_record(
        actor=actor,
        action="servicedesk.rerouted",
        target=request,
        enterprise_id=request.enterprise_id,
        changes={"handler": [event.from_handler, event.to_handler], "reason": event.note},
    )
    notify_parties(request, event, former=former)
    return request


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def _escalate(request: ServiceRequest, now) -> bool:
    if request.state == State.NEW:
        late = _("首次响应已超时（期限 %(due)s）") % {"due": _local(request.first_response_due)}
    else:
        late = _("办结已超时（期限 %(due)s）") % {"due": _local(request.resolution_due)}
    if request.escalation == Escalation.NONE:
        station = request.station or district_station(request.enterprise.district, request.category)
        if station is not None:
            request.station, request.escalation = station, Escalation.STATION
            note = _("%(late)s，已升级至服务站 %(station)s 督办。") % {"late": late, "station": station}
        else:
            request.escalation = Escalation.BUREAU
            note = _("%(late)s，所在区没有运营中的服务站，已升级至市科技局督办。") % {"late": late}
    elif now >= due_after(request.escalated_at, settings.SERVICEDESK["bureau_escalation_days"]):
        request.escalation = Escalation.BUREAU
        note = _("%(late)s，服务站督办后仍未处理，已升级至市科技局。") % {"late": late}
    else:
        return False
    request.escalated_at = now
    request.save(update_fields=["station", "escalation", "escalated_at", "updated_at"])
    _record(request, kind=RequestEvent.Kind.ESCALATED, actor=None, from_state=request.state, note=note, at=now)
    return True


def escalation_pass(*, now) -> int:
    """Escalate every open request whose SLA is breached, one stage at a time; returns how many moved up.

    First stage: the station of the enterprise's district is told and the request flagged; second stage, when
    still breached ``bureau_escalation_days`` working days later: the bureau. A stage is never repeated.
    """
    candidates = (
        ServiceRequest.objects.filter(state__in=OPEN_STATES, escalation__lt=Escalation.BUREAU)
        .filter(breached(now))
        .values_list("pk", flat=True)
    )
    moved = 0
    for pk in list(candidates):
        with transaction.atomic():
            request = (
                ServiceRequest.objects.select_for_update()
                .filter(pk=pk, state__in=OPEN_STATES, escalation__lt=Escalation.BUREAU)
                .filter(breached(now))
                .first()
            )
            moved += request is not None and _escalate(request, now)
    return moved
