"""200 simultaneous registrations for a 50-seat session never overbook (PostgreSQL, real threads and connections)."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections

from gaoqi.apps.enterprises.models import Enterprise, Membership
from gaoqi.apps.training.models import Registration
from gaoqi.apps.training.services import registration_create
from gaoqi.core.roles import Role
from gaoqi.rules.uscc import make_uscc
from tests.platform.training.training_setup import make_session

ATTEMPTS, SEATS, THREADS = 200, 50, 20

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks and real connections"),
]


def _enterprise_users(n):
    users = []
    for i in range(n):
        enterprise = Enterprise.objects.create(
            uscc=make_uscc("91", "440112", f"MA{i:06d}"),
            name=f"并发测试企业{i}",
            district="440112",
            tech_field="101",
            registered_on="2020-01-01",
        )
        user = get_user_model().objects.create_user(username=f"e{i}", role=Role.ENTERPRISE)
        Membership.objects.create(user=user, enterprise=enterprise, is_admin=True)
        users.append(user)
    return users


def test_two_hundred_simultaneous_registrations_fill_fifty_seats_and_queue_the_rest(programme):
    session = make_session(programme, None, capacity=SEATS)
    users = _enterprise_users(20)

    def register(i):
        try:
            return registration_create(
                actor=users[i % len(users)],
                session=session,
                attendee_name=f"学员{i}",
                attendee_phone=str(13800000000 + i),
            ).status
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        statuses = list(pool.map(register, range(ATTEMPTS)))

    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waiting") == ATTEMPTS - SEATS
    assert Registration.objects.filter(session=session, status="confirmed").count() == SEATS
    first_waiting = Registration.objects.filter(session=session, status="waiting").order_by("created_at").first()
    last_confirmed = Registration.objects.filter(session=session, status="confirmed").order_by("created_at").last()
    assert last_confirmed.created_at <= first_waiting.created_at
