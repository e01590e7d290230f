"""Notices of 科创学堂 to the enterprises that registered attendees."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.apps.training.models import Registration, Session


def session_link(session: Session) -> str:
    """The session page, where every notice links."""
    return reverse("training:session", args=[session.pk])


def notify_enterprise(registration: Registration, *, event: str, title: str, body: str, reason: str) -> int:
    """Tell every member of the registration's enterprise, once per ``event``."""
    session = registration.session
    users = enterprise_user_ids([registration.enterprise_id]).get(registration.enterprise_id, [])
    return notify(
        NoticeSpec(
            user_id=user_id,
            topic="training",
            title=title,
            body=body,
            reason=reason,
            dedupe_key=f"training:registration:{registration.pk}:{event}",
            link=session_link(session),
            enterprise_id=registration.enterprise_id,
            cause=f"training:{session.pk}",
        )
        for user_id in users
    )


def when(session: Session) -> str:
    """The session's local start, as notices show it."""
    return f"{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}"


def notify_registrants(session: Session, *, key: str, title: str, body: str) -> int:
    """Tell every member of each enterprise with a confirmed or waiting registration, once per ``key``."""
    live = session.registrations.exclude(status=Registration.Status.CANCELLED)
    enterprise_ids = set(live.values_list("enterprise_id", flat=True))
    users = enterprise_user_ids(enterprise_ids)
    return notify(
        NoticeSpec(
            user_id=user_id,
            topic="training",
            title=title,
            body=body,
            reason=_("贵单位报名了本场培训。"),
            dedupe_key=f"training:session:{session.pk}:{key}",
            link=session_link(session),
            enterprise_id=enterprise_id,
            cause=f"training:{session.pk}",
        )
        for enterprise_id in sorted(enterprise_ids)
        for user_id in users.get(enterprise_id, [])
    )
