"""Helpers for 科创学堂 tests."""

import datetime

from django.utils import timezone

from gaoqi.apps.training.models import Session


def make_session(programme, station=None, *, capacity=50, starts_at=None, topic=None, **extra):
    """A session open for registration now (real time), starting in a week unless told otherwise."""
    now = timezone.now()
    starts_at = starts_at or now + datetime.timedelta(days=7)
    values = {
        "programme": programme,
        "title": "研发费用归集实务",
        "topic": topic or programme.topic,
        "speakers": "李会计师",
        "station": station,
        "district": station.district if station else "440112",
        "online_url": "" if station else "https://meeting.example.cn/123",
        "starts_at": starts_at,
        "ends_at": starts_at + datetime.timedelta(hours=3),
        "capacity": capacity,
        "registration_opens": min(now, starts_at) - datetime.timedelta(days=10),
        "registration_closes": starts_at - datetime.timedelta(hours=1),
    }
    values.update(extra)
    return Session.objects.create(**values)
