"""Who hears about a change of a request, and why."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.apps.servicedesk.models import RequestEvent, ServiceRequest
from gaoqi.apps.servicedesk.routing import handler_label
from gaoqi.core.pagelinks import link_for
from gaoqi.core.roles import Role

TOPIC = "service"


def handler_ids(request: ServiceRequest) -> dict[int, str]:
    """The users handling a request (routed mentor, station operators, bureau staff) → why they are told."""
    reasons: dict[int, str] = {}

    def add(ids, reason):
        for uid in ids:
            reasons.setdefault(uid, reason)

    if request.mentor_id and request.queue == ServiceRequest.Queue.MENTOR:
        add([request.mentor_id], _("该服务需求分派给您承办"))
    if request.station_id:
        add(
            request.station.operators.filter(is_active=True).values_list("pk", flat=True),
            _("该服务需求由您的服务站承办或督办"),
        )
    if request.queue == ServiceRequest.Queue.BUREAU or request.escalation == ServiceRequest.Escalation.BUREAU:
        bureau = get_user_model().objects.filter(role=Role.BUREAU, is_active=True).values_list("pk", flat=True)
        add(bureau, _("该服务需求由市科技局受理或督办"))
    return reasons


def _recipients(request: ServiceRequest, former: Iterable[int]) -> dict[int, str]:
    """user id → why they are told; the first reason found for a user wins."""
    reasons = dict.fromkeys(
        enterprise_user_ids([request.enterprise_id]).get(request.enterprise_id, []), _("您所在的企业提交了该服务需求")
    )
    for uid, reason in handler_ids(request).items():
        reasons.setdefault(uid, reason)
    for uid in former:
        reasons.setdefault(uid, _("该服务需求已从您处改派他人承办"))
    return reasons


def _title(request: ServiceRequest, event: RequestEvent) -> str:
    if event.kind == RequestEvent.Kind.ESCALATED:
        return _("服务需求超时升级：%(title)s") % {"title": request.title}
    if event.kind == RequestEvent.Kind.ROUTED:
        return _("新的服务需求：%(title)s") % {"title": request.title}
    if event.kind == RequestEvent.Kind.REROUTED:
        return _("服务需求改派：%(title)s") % {"title": request.title}
    return _("服务需求%(state)s：%(title)s") % {"state": event.get_to_state_display(), "title": request.title}


def _body(request: ServiceRequest, event: RequestEvent) -> str:
    if event.kind == RequestEvent.Kind.REROUTED:
        return _("%(from)s → %(to)s。原因：%(reason)s") % {
            "from": event.from_handler,
            "to": event.to_handler,
            "reason": event.note,
        }
    return event.note or request.route_reason


def _public_body(request: ServiceRequest, event: RequestEvent) -> str:
    """What the enterprise is told: who handles its request now, never the internal reason for the choice."""
    if event.kind == RequestEvent.Kind.ROUTED:
        handler = handler_label(queue=request.queue, mentor=request.mentor, station=request.station)
        return _("您的服务需求已分派，承办方：%(to)s。") % {"to": handler}
    if event.kind == RequestEvent.Kind.REROUTED:
        return _("您的服务需求已改由 %(to)s 承办。") % {"to": event.to_handler}
    return event.note


def notify_parties(request: ServiceRequest, event: RequestEvent, *, former: Iterable[int] = ()) -> int:
    """Tell every party except the actor about ``event``, and the ``former`` handlers of a re-routed request;
    safe to repeat (one notice per user and event)."""
    body, public = _body(request, event), _public_body(request, event)
    members = set(enterprise_user_ids([request.enterprise_id]).get(request.enterprise_id, []))
    link = link_for("servicedesk.request", request.pk)
    specs = [
        NoticeSpec(
            user_id=uid,
            topic=TOPIC,
            title=_title(request, event),
            body=public if uid in members else body,
            reason=reason,
            dedupe_key=f"servicedesk:event:{event.pk}",
            link=link,
            enterprise_id=request.enterprise_id,
            cause=f"servicedesk:{request.pk}",
        )
        for uid, reason in _recipients(request, former).items()
        if uid != event.actor_id
    ]
    return notify(specs)
