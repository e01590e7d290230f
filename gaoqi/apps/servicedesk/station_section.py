"""The station page's section of open service requests routed to the station."""

from django.utils.translation import gettext_lazy as _

from gaoqi.apps.mentoring.sections import StationSection
from gaoqi.apps.servicedesk.models import ServiceRequest
from gaoqi.apps.servicedesk.selectors import request_list

CLOSED = (ServiceRequest.State.RESOLVED, ServiceRequest.State.RATED, ServiceRequest.State.CANCELLED)


def open_requests(*, station, user) -> StationSection | None:
    """Open requests at the station that the visitor may see; nothing for visitors who see none."""
    requests = request_list(actor=user).filter(station=station).exclude(state__in=CLOSED).order_by("-pk")[:20]
    if not requests:
        return None
    return StationSection(
        title=_("本站服务请求"), template="servicedesk/_station_requests.html", context={"requests": requests}, order=20
    )
