"""Notices of 科创学堂 to the enterprises that registered attendees."""

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.apps.training.models import Registration, Session
from gaoqi.core.pagelinks import link_for


def session_link(session: Session) -> str:
    """The session page, where every notice links."""
    return link_for("training.session", session.pk)


def _notify(session: Session, enterprise_ids, *, dedupe_key: str, title: str, body: str, reason: str) -> int:
    """Tell every member of these enterprises about the session, once per ``dedupe_key``."""
    users = enterprise_user_ids(set(enterprise_ids))
    return notify(
        NoticeSpec(
            user_id=user_id,
            topic="training",
            title=title,
            body=body,
            reason=reason,
            dedupe_key=dedupe_key,
            link=session_link(session),
            enterprise_id=enterprise_id,
            cause=f"training:{session.pk}",
        )
        for enterprise_id in sorted(set(enterprise_ids))
        for user_id in users.get(enterprise_id, [])
    )


def notify_enterprise(registration: Registration, *, event: str, title: str, body: str, reason: str) -> int:
    """Tell every member of the registration's enterprise, once per ``event``."""
    key = f"training:registration:{registration.pk}:{event}"
    return _notify(
        registration.session, [registration.enterprise_id], dedupe_key=key, title=title, body=body, reason=reason
    )


def when(session: Session) -> str:
    """The session's local start, as notices show it."""
    return f"{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}"


def notify_registrants(session: Session, *, key: str, title: str, body: str) -> int:
    """Tell every member of each enterprise with a confirmed or waiting registration, once per ``key``."""
    live = session.registrations.exclude(status=Registration.Status.CANCELLED)
    return _notify(
        session,
        live.values_list("enterprise_id", flat=True),
        dedupe_key=f"training:session:{session.pk}:{key}",
        title=title,
        body=body,
        reason=_("贵单位报名了本场培训。"),
    )
