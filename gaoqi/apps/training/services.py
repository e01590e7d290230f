"""Writes of 科创学堂: programmes, sessions, registrations with a waiting list, check-in and feedback."""

import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gaoqi.apps.enterprises.selectors import enterprise_can_edit, enterprise_own
from gaoqi.apps.training import codes, tasks
from gaoqi.apps.training.models import Feedback, Programme, Registration, Session
from gaoqi.apps.training.notices import notify_enterprise, notify_registrants, when
from gaoqi.apps.training.selectors import session_can_manage, sessions_managed, stations_managed
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.errors import DomainError, NotFound, PermissionDenied
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic

PHONE = re.compile(r"^1\d{10}$")
ORGANISER_ROLES = frozenset({Role.BUREAU, Role.DISTRICT, Role.STATION})
TIME_FIELDS = ("starts_at", "ends_at", "registration_opens", "registration_closes", "capacity")
EDITABLE = frozenset({"title", "topic", "speakers", "description", "station", "online_url", "district", *TIME_FIELDS})
RESCHEDULING_FIELDS = frozenset({"starts_at", "ends_at", "station", "online_url"})
PROMOTED_ON_CANCELLATION = gettext_lazy(
    "有学员取消报名，%(name)s 已由候补转为正式名额：%(when)s 的“%(title)s”，地点：%(venue)s。"
)
PROMOTED_ON_MORE_SEATS = gettext_lazy(
    "本场培训增加了名额，%(name)s 已由候补转为正式名额：%(when)s 的“%(title)s”，地点：%(venue)s。"
)


@transaction.atomic
def programme_create(*, actor, title: str, topic: str, year: int, description: str = "") -> Programme:
    """Bureau, district staff and station operators start a programme of sessions."""
    if actor.role not in ORGANISER_ROLES:
        raise PermissionDenied
    if topic not in Topic.values:
        raise DomainError(_("请选择培训主题。"), field="topic")
    programme = Programme.objects.create(title=title, topic=topic, year=year, description=description, created_by=actor)
    audit_record(actor=actor, action="training.programme_create", target=programme, changes={"title": title})
    return programme


def _session_place(*, actor, station, online_url: str, district: str) -> str:
    """The session's district: its station's, or for an online session the organiser's (or the one chosen)."""
    if station is not None:
        if not stations_managed(actor=actor).filter(pk=station.pk).exists():
            raise DomainError(_("您无权在该服务工作站安排培训。"), field="station")
        return station.district
    if not online_url:
        raise DomainError(_("请选择服务工作站，或填写线上链接。"), field="online_url")
    if actor.role == Role.STATION:
        raise DomainError(_("服务站只能在本站安排培训，请选择服务工作站。"), field="station")
    if actor.role == Role.DISTRICT:
        return actor.district
    if not district:
        raise DomainError(_("线上培训请选择所属区。"), field="district")
    return district


def _check_times(*, starts_at, ends_at, registration_opens, registration_closes, capacity) -> None:
    if ends_at <= starts_at:
        raise DomainError(_("结束时间必须晚于开始时间。"), field="ends_at")
    if registration_closes <= registration_opens:
        raise DomainError(_("报名截止时间必须晚于报名开始时间。"), field="registration_closes")
    if registration_closes > starts_at:
        raise DomainError(_("报名截止时间不能晚于开始时间。"), field="registration_closes")
    if capacity < 1:
        raise DomainError(_("名额至少为 1。"), field="capacity")


def _session_fields(*, actor, programme: Programme, values: dict) -> dict:
    """The checked fields of a session being published or edited: times, window, capacity, topic and place."""
    if actor.role not in ORGANISER_ROLES:
        raise PermissionDenied
    _check_times(**{name: values[name] for name in TIME_FIELDS})
    place = _session_place(
        actor=actor, station=values["station"], online_url=values["online_url"], district=values["district"]
    )
    return {**values, "topic": values["topic"] or programme.topic, "district": place}


@transaction.atomic
def session_create(
    *,
    actor,
    programme: Programme,
    title: str,
    speakers: str,
    starts_at,
    ends_at,
    capacity: int,
    registration_opens,
    registration_closes,
    topic: str = "",
    station=None,
    online_url: str = "",
    district: str = "",
    description: str = "",
) -> Session:
    """Publish a session; enterprises whose gap plan calls for its topic hear about it once it is committed."""
    values = {
        "title": title,
        "topic": topic,
        "speakers": speakers,
        "description": description,
        "station": station,
        "online_url": online_url,
        "district": district,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "capacity": capacity,
        "registration_opens": registration_opens,
        "registration_closes": registration_closes,
    }
    fields = _session_fields(actor=actor, programme=programme, values=values)
    session = Session.objects.create(programme=programme, created_by=actor, **fields)
    audit_record(actor=actor, action="training.session_create", target=session, changes={"title": title})
    transaction.on_commit(lambda: tasks.recommend_session.enqueue(session.pk))
    return session


@transaction.atomic
def session_update(*, actor, session: Session, now=None, **changes) -> Session:
    """Edit a published session that has not ended, with the checks of publishing.

    Capacity may not drop below the confirmed registrations; raising it promotes from the waiting list. A new time
    or venue is told to every enterprise with a confirmed or waiting registration; other edits are not.
    """
    if unknown := set(changes) - EDITABLE:
        raise TypeError(f"not editable: {sorted(unknown)}")
    if not session_can_manage(actor=actor, session=session):
        raise PermissionDenied
    now = now or timezone.now()
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.editable(now):
        cancelled = session.status == Session.Status.CANCELLED
        message = _("已取消的场次不能修改。") if cancelled else _("已结束的场次不能修改。")
        raise DomainError(message, code="not_editable")
    current = {name: getattr(session, name) for name in EDITABLE}
    fields = _session_fields(actor=actor, programme=session.programme, values={**current, **changes})
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if fields["capacity"] < confirmed:
        raise DomainError(
            _("名额不能少于已确认的报名人数（%(n)d 人）；如需减少，请先取消部分报名。") % {"n": confirmed},
            field="capacity",
        )
    was = _("%(when)s，%(venue)s") % {"when": when(session), "venue": session.venue}
    changed = field_changes(session, fields)
    if not changed:
        return session
    session.save(update_fields=list(changed))
    entry = audit_record(actor=actor, action="training.session_update", target=session, changes=changed)
    while _promote_next(session, now=now, body=PROMOTED_ON_MORE_SEATS):
        pass
    if changed.keys() & RESCHEDULING_FIELDS:
        notify_registrants(
            session,
            key=f"changed:{entry.pk}",
            title=_("培训时间或地点变更：%(title)s") % {"title": session.title},
            body=_("“%(title)s”改为 %(when)s 在 %(venue)s 举行（原为 %(was)s）。")
            % {"title": session.title, "when": when(session), "venue": session.venue, "was": was},
        )
    return session


@transaction.atomic
def session_cancel(*, actor, session: Session, reason: str) -> int:
    """Cancel a session the actor runs; every enterprise with a live registration hears why. Returns notices sent."""
    if not session_can_manage(actor=actor, session=session):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("请填写取消原因，将通知已报名的企业。"), field="reason")
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.status == Session.Status.CANCELLED:
        raise DomainError(_("该场次已取消。"), code="already_cancelled")
    session.status = Session.Status.CANCELLED
    session.save(update_fields=["status"])
    audit_record(actor=actor, action="training.session_cancel", target=session, changes={"reason": reason})
    return notify_registrants(
        session,
        key="cancelled",
        title=_("培训取消：%(title)s") % {"title": session.title},
        body=_("原定 %(when)s 的“%(title)s”已取消。原因：%(reason)s")
        % {"when": when(session), "title": session.title, "reason": reason},
    )


def _new_code() -> str:
    while True:
        code = codes.new_code()
        if not Registration.objects.filter(code=code).exists():
            return code


def _clean_attendee(name: str, phone: str) -> tuple[str, str]:
    name, phone = (name or "").strip(), re.sub(r"[\s-]", "", phone or "")
    if not name:
        raise DomainError(_("请填写参训人姓名。"), field="attendee_name")
    if not PHONE.match(phone):
        raise DomainError(_("手机号码应为 11 位数字，以 1 开头。"), field="attendee_phone")
    return name, phone


@transaction.atomic
def registration_create(
    *, actor, session: Session, attendee_name: str, attendee_phone: str, attendee_title: str = "", now=None
) -> Registration:
    """Register a named attendee of the actor's enterprise: confirmed while seats are left, else waiting.

    The session row is locked first, so simultaneous registrations are counted one after another and never
    overbook.
    """
    enterprise = enterprise_own(actor=actor)
    if enterprise is None or actor.role != Role.ENTERPRISE:
        raise PermissionDenied
    name, phone = _clean_attendee(attendee_name, attendee_phone)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.registration_open(now):
        raise DomainError(_("该场次当前不在报名时间内。"), code="registration_closed", field="session")
    live = session.registrations.exclude(status=Registration.Status.CANCELLED)
    if live.filter(attendee_phone=phone).exists():
        raise DomainError(_("该手机号码已报名本场培训。"), code="duplicate", field="attendee_phone")
    confirmed = live.filter(status=Registration.Status.CONFIRMED).count()
    status = Registration.Status.CONFIRMED if confirmed < session.capacity else Registration.Status.WAITING
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                session=session,
                enterprise=enterprise,
                attendee_name=name,
                attendee_phone=phone,
                attendee_title=(attendee_title or "").strip(),
                status=status,
                code=_new_code(),
                registered_by=actor,
                created_at=now or timezone.now(),
            )
    except IntegrityError:
        raise DomainError(_("该手机号码已报名本场培训。"), code="duplicate", field="attendee_phone") from None
    audit_record(
        actor=actor,
        action="training.register",
        target=registration,
        enterprise_id=enterprise.pk,
        changes={"session": session.pk, "attendee": name, "status": status},
    )
    if status == Registration.Status.CONFIRMED:
        notify_enterprise(
            registration,
            event="confirmed",
            title=_("报名成功：%(title)s") % {"title": session.title},
            body=_("%(name)s 已报名 %(when)s 的“%(title)s”，地点：%(venue)s。签到时请出示签到二维码或签到码。")
            % {"name": name, "when": when(session), "title": session.title, "venue": session.venue},
            reason=_("贵单位为 %(name)s 报名了本场培训。") % {"name": name},
        )
    return registration


def _can_cancel(actor, registration: Registration) -> bool:
    return enterprise_can_edit(actor=actor, enterprise=registration.enterprise) or session_can_manage(
        actor=actor, session=registration.session
    )


@transaction.atomic
def registration_cancel(*, actor, registration: Registration, now=None) -> Registration | None:
    """Cancel a registration before the session starts; a freed seat goes to the first on the waiting list, whose
    enterprise is told. Returns the promoted registration, if any."""
    if not _can_cancel(actor, registration):
        raise PermissionDenied
    now = now or timezone.now()
    session = Session.objects.select_for_update().get(pk=registration.session_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise DomainError(_("该报名已取消。"), code="already_cancelled")
    if registration.checked_in_at or now >= session.starts_at:
        raise DomainError(_("培训已开始或已签到，不能取消报名。"), code="too_late")
    freed = registration.status == Registration.Status.CONFIRMED
    registration.status, registration.cancelled_at = Registration.Status.CANCELLED, now
    registration.save(update_fields=["status", "cancelled_at"])
    audit_record(actor=actor, action="training.cancel", target=registration, enterprise_id=registration.enterprise_id)
    if not freed:
        return None
    return _promote_next(session, now=now)


def _promote_next(session: Session, *, now, body=PROMOTED_ON_CANCELLATION) -> Registration | None:
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED).count()
    if confirmed >= session.capacity:
        return None
    promoted = (
        session.registrations.select_for_update()
        .filter(status=Registration.Status.WAITING)
        .order_by("created_at", "id")
        .first()
    )
    if promoted is None:
        return None
    promoted.status, promoted.promoted_at = Registration.Status.CONFIRMED, now
    promoted.save(update_fields=["status", "promoted_at"])
    audit_record(actor=None, action="training.promote", target=promoted, enterprise_id=promoted.enterprise_id)
    notify_enterprise(
        promoted,
        event="promoted",
        title=_("候补转正：%(title)s") % {"title": session.title},
        body=body
        % {"name": promoted.attendee_name, "when": when(session), "title": session.title, "venue": session.venue},
        reason=_("%(name)s 在本场培训的候补名单中排在第一位。") % {"name": promoted.attendee_name},
    )
    return promoted


@transaction.atomic
def checkin(*, actor, session: Session, text: str, now=None) -> Registration:
    """Check an attendee in by the scanned QR token or the typed code; a second check-in is refused."""
    if not session_can_manage(actor=actor, session=session):
        raise NotFound
    code = codes.code_from_input(text)
    if code is None:
        raise DomainError(_("签到码无效，请核对后重新输入。"), code="invalid_code", field="code")
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("enterprise", "session")
        .filter(code=code)
        .first()
    )
    if registration is None or not sessions_managed(actor=actor).filter(pk=registration.session_id).exists():
        raise DomainError(_("签到码无效，请核对后重新输入。"), code="invalid_code", field="code")
    if registration.session_id != session.pk:
        raise DomainError(
            _("该签到码属于另一场培训：%(title)s。") % {"title": registration.session.title},
            code="other_session",
            field="code",
        )
    if registration.status != Registration.Status.CONFIRMED:
        raise DomainError(
            _("%(name)s 的报名状态为“%(status)s”，不能签到。")
            % {"name": registration.attendee_name, "status": registration.get_status_display()},
            code="not_confirmed",
            field="code",
        )
    if registration.checked_in_at:
        raise DomainError(
            _("%(name)s（%(enterprise)s）已于 %(time)s 签到，不能重复签到。")
            % {
                "name": registration.attendee_name,
                "enterprise": registration.enterprise.name,
                "time": f"{timezone.localtime(registration.checked_in_at):%H:%M}",
            },
            code="already_checked_in",
            field="code",
        )
    registration.checked_in_at, registration.checked_in_by = now or timezone.now(), actor
    registration.save(update_fields=["checked_in_at", "checked_in_by"])
    audit_record(actor=actor, action="training.checkin", target=registration, enterprise_id=registration.enterprise_id)
    return registration


@transaction.atomic
def feedback_submit(*, actor, registration: Registration, rating: int, usefulness: int, comment: str = "") -> Feedback:
    """The attendee's enterprise answers the survey once, after checking in."""
    if not enterprise_can_edit(actor=actor, enterprise=registration.enterprise):
        raise PermissionDenied
    if registration.checked_in_at is None:
        raise DomainError(_("签到后才能填写课后反馈。"), code="not_attended")
    for field, value in (("rating", rating), ("usefulness", usefulness)):
        if value not in range(1, 6):
            raise DomainError(_("请在 1 到 5 分之间评分。"), field=field)
    if Feedback.objects.filter(registration=registration).exists():
        raise DomainError(_("本场培训的反馈已提交，感谢参与。"), code="duplicate")
    feedback = Feedback.objects.create(
        registration=registration,
        rating=rating,
        usefulness=usefulness,
        comment=(comment or "").strip(),
        submitted_by=actor,
    )
    audit_record(actor=actor, action="training.feedback", target=feedback, enterprise_id=registration.enterprise_id)
    return feedback
