"""Reminders the day before and recommendations by the gap plan, each sent once."""

import copy
import datetime

from django.utils import timezone

from gaoqi.apps.notifications.models import Notice
from gaoqi.apps.training.outreach import reminders_send, session_recommend
from gaoqi.apps.training.services import registration_create
from tests.platform.conftest import canned_result
from tests.platform.training.training_setup import make_session


def test_the_day_before_each_enterprise_member_is_reminded_once_with_all_its_attendees(cast, programme, station):
    session = make_session(programme, station, starts_at=timezone.now() + datetime.timedelta(hours=20))
    for name, phone in (("甲", "13800000001"), ("乙", "13800000002")):
        registration_create(actor=cast.owner, session=session, attendee_name=name, attendee_phone=phone)
    assert reminders_send() == 2  # owner and colleague
    assert reminders_send() == 0
    notice = Notice.objects.get(user=cast.owner, dedupe_key=f"training:reminder:{session.pk}")
    assert "甲、乙" in notice.body
    assert "2 人" in notice.reason


def test_no_reminder_earlier_than_a_day_ahead(cast, programme, station):
    session = make_session(programme, station, starts_at=timezone.now() + datetime.timedelta(hours=30))
    registration_create(actor=cast.owner, session=session, attendee_name="甲", attendee_phone="13800000001")
    assert reminders_send() == 0
    assert reminders_send(now=timezone.now() + datetime.timedelta(hours=7)) == 2


def test_a_session_is_recommended_to_enterprises_whose_gap_plan_calls_for_its_topic(cast, programme, make_assessment):
    ip_gap = copy.deepcopy(canned_result())
    ip_gap["gaps"][0]["action"] = "add_class_ii_ip"
    make_assessment(cast.ours)  # gaps: hire_st_staff → recognition
    theirs = make_assessment(cast.theirs)
    theirs.result = ip_gap
    theirs.save()
    session = make_session(programme, None)  # online, recognition: citywide
    assert session_recommend(session_id=session.pk) == 2  # owner and colleague of ours
    assert session_recommend(session_id=session.pk) == 0
    notice = Notice.objects.get(user=cast.owner, dedupe_key=f"training:recommend:{session.pk}")
    assert "高企认定申报" in notice.reason
    assert not Notice.objects.filter(user=cast.outsider).exists()


def test_an_on_site_session_is_recommended_only_within_its_district(cast, programme, other_station, make_assessment):
    make_assessment(cast.ours)  # 黄埔
    session = make_session(programme, other_station)  # 天河
    assert session_recommend(session_id=session.pk) == 0
