"""Editing a published session: who may, the checks of publishing, capacity against the roster, who is told."""

import datetime

import pytest
from django.utils import timezone

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.training.models import Registration, Session
from gaoqi.apps.training.services import registration_create, session_cancel, session_update
from gaoqi.core.errors import DomainError, PermissionDenied
from tests.platform.training.training_setup import make_session

Status = Registration.Status
TIMES = ("starts_at", "ends_at", "registration_opens", "registration_closes")


def register(actor, session, n):
    return registration_create(actor=actor, session=session, attendee_name=f"学员{n}", attendee_phone=f"1380000{n:04d}")


def changed_notices(session):
    return Notice.objects.filter(dedupe_key__startswith=f"training:session:{session.pk}:changed:")


@pytest.fixture
def full(cast, programme, station):
    """Two seats taken by 华芯, two on the waiting list (华芯 then 天河云)."""
    session = make_session(programme, station, capacity=2)
    for n, who in enumerate((cast.owner, cast.owner, cast.owner, cast.outsider), start=1):
        register(who, session, n)
    return session


@pytest.mark.parametrize("who", ["station", "district", "bureau"])
def test_the_sessions_staff_edit_its_details(cast, session, who):
    edited = session_update(actor=getattr(cast, who), session=session, title="研发费用归集（进阶）", speakers="王老师")
    assert (edited.title, edited.speakers) == ("研发费用归集（进阶）", "王老师")
    assert Session.objects.get(pk=session.pk).title == "研发费用归集（进阶）"


@pytest.mark.parametrize("who", ["other_district", "mentor", "owner"])
def test_others_may_not_edit_it(cast, session, who):
    with pytest.raises(PermissionDenied):
        session_update(actor=getattr(cast, who), session=session, title="改了")


def test_another_stations_operator_may_not_edit_it(cast, session, other_station):
    with pytest.raises(PermissionDenied):
        session_update(actor=other_station.operators.get(), session=session, title="改了")


def test_the_checks_of_publishing_apply_naming_the_field(cast, session, other_station):
    cases = [
        ({"ends_at": session.starts_at}, "ends_at", "结束时间必须晚于开始时间。"),
        ({"registration_closes": session.starts_at + datetime.timedelta(minutes=1)}, "registration_closes", None),
        ({"station": other_station}, "station", "您无权在该服务工作站安排培训。"),
        ({"station": None, "online_url": ""}, "online_url", None),
        ({"capacity": 0}, "capacity", "名额至少为 1。"),
    ]
    for changes, field, message in cases:
        with pytest.raises(DomainError) as raised:
            session_update(actor=cast.district, session=session, **changes)
        assert raised.value.field == field
        assert message is None or raised.value.message == message
    assert Session.objects.get(pk=session.pk).capacity == 50


def test_capacity_may_drop_to_the_confirmed_count_but_not_below(cast, full):
    with pytest.raises(DomainError) as raised:
        session_update(actor=cast.station, session=full, capacity=1)
    assert raised.value.field == "capacity"
    assert raised.value.message == "名额不能少于已确认的报名人数（2 人）；如需减少，请先取消部分报名。"
    assert session_update(actor=cast.station, session=full, capacity=2).capacity == 2


def test_raising_capacity_promotes_the_waiting_list_in_order(cast, full):
    session_update(actor=cast.station, session=full, capacity=3)
    statuses = list(full.registrations.order_by("created_at", "id").values_list("attendee_name", "status"))
    assert statuses == [
        ("学员1", Status.CONFIRMED),
        ("学员2", Status.CONFIRMED),
        ("学员3", Status.CONFIRMED),
        ("学员4", Status.WAITING),
    ]
    promoted = Notice.objects.get(user=cast.colleague, dedupe_key__endswith=":promoted")
    assert promoted.body.startswith("本场培训增加了名额，学员3 已由候补转为正式名额")
    session_update(actor=cast.station, session=full, capacity=10)
    assert full.registrations.filter(status=Status.WAITING).count() == 0
    assert Notice.objects.filter(user=cast.outsider, dedupe_key__endswith=":promoted").count() == 1


def test_a_new_time_tells_every_confirmed_and_waiting_registrant_once(cast, full):
    new_start = full.starts_at + datetime.timedelta(days=1)
    session_update(
        actor=cast.station, session=full, starts_at=new_start, ends_at=new_start + datetime.timedelta(hours=2)
    )
    told = changed_notices(full)
    assert set(told.values_list("user__username", flat=True)) == {"owner", "colleague", "outsider"}
    when = f"{timezone.localtime(new_start):%Y-%m-%d %H:%M}"
    assert f"改为 {when} 在 黄埔科学城服务站（科学大道 1 号） 举行（原为" in told.first().body
    assert told.first().title == "培训时间或地点变更：研发费用归集实务"


def test_a_new_venue_is_told_but_a_cancelled_registration_is_not(cast, full, programme):
    outsiders = full.registrations.get(enterprise=cast.theirs)
    outsiders.status = Status.CANCELLED
    outsiders.save()
    session_update(actor=cast.bureau, session=full, station=None, online_url="https://meeting.example.cn/9")
    assert set(changed_notices(full).values_list("user__username", flat=True)) == {"owner", "colleague"}
    assert "在 线上 举行" in changed_notices(full).first().body


def test_other_edits_tell_nobody(cast, full):
    session_update(
        actor=cast.station,
        session=full,
        title="新标题",
        speakers="新讲师",
        description="补充说明",
        registration_closes=full.starts_at - datetime.timedelta(hours=2),
    )
    assert not changed_notices(full).exists()


def test_two_changes_of_time_are_two_notices(cast, session):
    register(cast.owner, session, 1)
    for hours in (1, 2):
        start = session.starts_at + datetime.timedelta(hours=hours)
        session_update(
            actor=cast.station, session=session, starts_at=start, ends_at=start + datetime.timedelta(hours=3)
        )
    assert changed_notices(session).filter(user=cast.owner).count() == 2


def test_a_cancelled_session_cannot_be_edited(cast, session):
    session_cancel(actor=cast.station, session=session, reason="讲师出差")
    with pytest.raises(DomainError) as raised:
        session_update(actor=cast.station, session=session, title="x")
    assert (raised.value.code, raised.value.message) == ("not_editable", "已取消的场次不能修改。")


def test_a_finished_session_cannot_be_edited_but_one_under_way_can(cast, session):
    ends_at = session.ends_at
    with pytest.raises(DomainError, match="已结束的场次不能修改。"):
        session_update(actor=cast.station, session=session, title="x", now=ends_at)
    assert session_update(
        actor=cast.station, session=session, title="y", now=ends_at - datetime.timedelta(hours=1)
    ).title


def test_an_unknown_field_is_a_programming_error(cast, session):
    with pytest.raises(TypeError):
        session_update(actor=cast.station, session=session, programme=None)


def _form(session, **changes):
    local = {name: f"{timezone.localtime(getattr(session, name)):%Y-%m-%dT%H:%M}" for name in TIMES}
    values = {"title": session.title, "speakers": session.speakers, "station": session.station_id, **local}
    return {**values, "capacity": session.capacity, **changes}


def test_the_edit_page_shows_the_current_values_and_saves(client, cast, session):
    client.force_login(cast.station)
    page = client.get(f"/training/sessions/{session.pk}/edit/").content.decode()
    assert 'value="研发费用归集实务"' in page
    response = client.post(f"/training/sessions/{session.pk}/edit/", _form(session, title="归集实务（二）"))
    assert response.url == f"/training/sessions/{session.pk}/"
    assert Session.objects.get(pk=session.pk).title == "归集实务（二）"
    assert "/edit/" in client.get(f"/training/sessions/{session.pk}/").content.decode()


def test_a_refused_edit_keeps_what_was_typed_and_names_the_field(client, cast, full):
    client.force_login(cast.station)
    response = client.post(f"/training/sessions/{full.pk}/edit/", _form(full, capacity=1, speakers="新讲师"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "名额不能少于已确认的报名人数（2 人）" in page
    assert 'value="新讲师"' in page
    assert 'name="capacity" value="1"' in page


def test_the_edit_link_is_not_offered_for_a_cancelled_session(client, cast, session):
    session_cancel(actor=cast.station, session=session, reason="讲师出差")
    client.force_login(cast.station)
    assert "/edit/" not in client.get(f"/training/sessions/{session.pk}/").content.decode()
    response = client.post(f"/training/sessions/{session.pk}/edit/", _form(session, title="x"))
    assert response.status_code == 400
    assert "已取消的场次不能修改。" in response.content.decode()


def test_the_api_patches_only_the_fields_sent(client, cast, full):
    client.force_login(cast.district)
    url = f"/api/v1/training/sessions/{full.pk}"
    response = client.patch(url, {"capacity": 3}, content_type="application/json")
    assert response.status_code == 200
    assert (response.json()["capacity"], response.json()["confirmed"], response.json()["waiting"]) == (3, 3, 1)
    assert response.json()["title"] == full.title
    refused = client.patch(url, {"capacity": 2}, content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["details"] == {"field": "capacity"}


def test_the_api_reads_local_times_and_refuses_a_station_not_managed(client, cast, session, other_station):
    client.force_login(cast.station)
    url = f"/api/v1/training/sessions/{session.pk}"
    start = timezone.localtime(session.starts_at).replace(tzinfo=None) + datetime.timedelta(hours=1)
    moved = client.patch(url, {"starts_at": start.isoformat()}, content_type="application/json")
    assert moved.status_code == 200
    assert Session.objects.get(pk=session.pk).starts_at == timezone.make_aware(start)
    refused = client.patch(url, {"station_id": other_station.pk}, content_type="application/json")
    assert (refused.status_code, refused.json()["details"]) == (400, {"field": "station_id"})
    assert client.patch(url, {"title": None}, content_type="application/json").status_code == 422
