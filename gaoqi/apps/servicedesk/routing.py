"""Where a new request goes, and why: the enterprise's choice, its mentor, its district's station, else the bureau."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.mentoring.models import MentorProfile, Station
from gaoqi.apps.mentoring.selectors import mentors_of
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.transitions import OPEN_STATES
from gaoqi.core.districts import DISTRICT_NAMES
from gaoqi.core.roles import public_name
from gaoqi.core.topics import Topic

Queue = ServiceRequest.Queue


@dataclass(frozen=True)
class Route:
    queue: str
    reason: str
    mentor: object = None
    station: Station | None = None


def handler_label(*, queue: str, mentor=None, station=None) -> str:
    """Who handles a request, as shown in its history: "导师 王工 · 服务站 黄埔区高企服务站", "市科技局"."""
    parts = []
    if queue == Queue.MENTOR and mentor is not None:
        full = mentor.get_full_name()
        parts.append(_("导师 %(name)s") % {"name": full} if full else public_name(mentor))
    if station is not None:
        parts.append(_("服务站 %(name)s") % {"name": station})
    return " · ".join(parts) or str(Queue(queue).label)


def district_station(district: str, category: str = "") -> Station | None:
    """The active station of a district, preferring one that offers ``category``."""
    stations = list(Station.objects.filter(district=district, is_active=True).order_by("name"))
    offering = [s for s in stations if category in (s.services or [])]
    return (offering or stations or [None])[0]


def _covering_mentors(enterprise: Enterprise, category: str) -> list:
    mentors = {m.pk: m for m in mentors_of(enterprise.pk)}
    profiles = MentorProfile.objects.filter(user_id__in=mentors, is_active=True)
    covering = [mentors[p.user_id] for p in profiles if category in (p.topics or [])]
    if not covering:
        return []
    load = dict(
        ServiceRequest.objects.filter(mentor__in=covering, queue=Queue.MENTOR, state__in=OPEN_STATES)
        .values_list("mentor")
        .annotate(n=Count("pk"))
    )
    return sorted(covering, key=lambda m: (load.get(m.pk, 0), m.username))


def route(*, enterprise: Enterprise, category: str, preferred_mentor=None, preferred_station=None) -> Route:
    """Choose the handler of a new request and say why."""
    label = Topic(category).label
    if preferred_mentor is not None:
        return Route(
            Queue.MENTOR, _("企业指定的服务导师 %(name)s") % {"name": preferred_mentor}, mentor=preferred_mentor
        )
    if preferred_station is not None:
        return Route(
            Queue.STATION, _("企业指定的服务站 %(name)s") % {"name": preferred_station}, station=preferred_station
        )
    mentors = _covering_mentors(enterprise, category)
    if mentors:
        reason = _("企业的服务导师 %(name)s 擅长“%(topic)s”（当前在办需求最少）") % {"name": mentors[0], "topic": label}
        return Route(Queue.MENTOR, reason, mentor=mentors[0])
    district = DISTRICT_NAMES.get(enterprise.district, enterprise.district)
    station = district_station(enterprise.district, category)
    if station is not None:
        reason = _("企业没有擅长“%(topic)s”的服务导师，转所在区（%(district)s）服务站 %(name)s") % {
            "topic": label,
            "district": district,
            "name": station,
        }
        return Route(Queue.STATION, reason, station=station)
    reason = _("企业没有擅长“%(topic)s”的服务导师，%(district)s也没有运营中的服务站，进入市科技局受理队列") % {
        "topic": label,
        "district": district,
    }
    return Route(Queue.BUREAU, reason)
