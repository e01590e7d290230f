"""The station page's section of upcoming sessions held at the station."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.mentoring.sections import StationSection
from gaoqi.apps.training.models import Session
from gaoqi.apps.training.selectors import session_list


def upcoming_sessions(*, station, user) -> StationSection | None:
    """Scheduled sessions at the station from now on, for signed-in visitors (who may browse sessions)."""
    if not user.is_authenticated:
        return None
    sessions = session_list(actor=user).filter(
        station=station, status=Session.Status.SCHEDULED, starts_at__gte=timezone.now()
    )
    return StationSection(
        title=_("本站培训"), template="training/_station_sessions.html", context={"sessions": sessions[:10]}, order=10
    )
