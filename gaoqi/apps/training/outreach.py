"""Notices sent without a user acting: reminders the day before, and sessions recommended by the gap plan."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.assessments.models import Assessment
from gaoqi.apps.notifications.services import NoticeSpec, enterprise_user_ids, notify
from gaoqi.apps.training.models import Registration, Session
from gaoqi.core.pagelinks import link_for
from gaoqi.core.topics import Topic, topics_for_gaps

REMIND_AHEAD = datetime.timedelta(hours=24)
CHUNK = 2_000


def reminders_send(*, now=None) -> int:
    """One pass: remind the enterprises with confirmed attendees of every session starting within 24 hours.

    Safe to run any number of times: each user hears about a session once (dedupe key per session)."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            session__status=Session.Status.SCHEDULED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + REMIND_AHEAD,
        )
        .select_related("session", "session__station")
        .order_by("session_id", "enterprise_id", "id")
    )
    attendees: dict[tuple[int, int], list[Registration]] = {}
    for registration in registrations:
        attendees.setdefault((registration.session_id, registration.enterprise_id), []).append(registration)
    users = enterprise_user_ids({enterprise_id for _session, enterprise_id in attendees})
    specs = []
    for (_session_id, enterprise_id), rows in attendees.items():
        session = rows[0].session
        names = "、".join(r.attendee_name for r in rows)
        for user_id in users.get(enterprise_id, []):
            specs.append(
                NoticeSpec(
                    user_id=user_id,
                    topic="training",
                    title=_("明日培训提醒：%(title)s") % {"title": session.title},
                    body=_("%(when)s 开始，地点：%(venue)s。参训人：%(names)s。请携带签到二维码或签到码。")
                    % {
                        "when": f"{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}",
                        "venue": session.venue,
                        "names": names,
                    },
                    reason=_("贵单位有 %(count)d 人报名了本场培训。") % {"count": len(rows)},
                    dedupe_key=f"training:reminder:{session.pk}",
                    link=link_for("training.session", session.pk),
                    enterprise_id=enterprise_id,
                    cause=f"training:{session.pk}",
                )
            )
    return notify(specs)


def _enterprises_needing(topic: str, district: str | None):
    """Ids of enterprises whose latest gap plan calls for ``topic`` (in ``district`` when given)."""
    latest = Assessment.objects.filter(is_latest=True)
    if district:
        latest = latest.filter(enterprise__district=district)
    for enterprise_id, gaps in latest.values_list("enterprise_id", "result__gaps").iterator(chunk_size=CHUNK):
        if topic in topics_for_gaps(gaps or []):
            yield enterprise_id


def session_recommend(*, session_id: int) -> int:
    """Tell every enterprise whose gap plan calls for the session's topic; on-site sessions go to their district,
    online ones citywide. Safe to run twice."""
    session = Session.objects.select_related("station").filter(pk=session_id).first()
    if session is None or session.status != Session.Status.SCHEDULED or session.starts_at <= timezone.now():
        return 0
    enterprise_ids = list(_enterprises_needing(session.topic, session.district if session.station_id else None))
    users = enterprise_user_ids(enterprise_ids)
    topic = Topic(session.topic).label
    return notify(
        NoticeSpec(
            user_id=user_id,
            topic="training",
            title=_("推荐培训：%(title)s") % {"title": session.title},
            body=_("%(when)s，%(venue)s，主讲：%(speakers)s。报名截止：%(closes)s。")
            % {
                "when": f"{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}",
                "venue": session.venue,
                "speakers": session.speakers,
                "closes": f"{timezone.localtime(session.registration_closes):%Y-%m-%d %H:%M}",
            },
            reason=_("贵企业最新自评的差距清单涉及“%(topic)s”。") % {"topic": topic},
            dedupe_key=f"training:recommend:{session.pk}",
            link=link_for("training.session", session.pk),
            enterprise_id=enterprise_id,
            cause=f"training:{session.pk}",
        )
        for enterprise_id in enterprise_ids
        for user_id in users.get(enterprise_id, [])
    )
