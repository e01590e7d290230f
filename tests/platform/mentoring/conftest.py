"""Mentoring fixtures: mentor profiles for the cast's two mentors and a 黄埔 station run by the cast's station user."""

import datetime

import pytest

from gaoqi.apps.enterprises.models import Certificate
from gaoqi.apps.mentoring.models import MentorProfile, Station


@pytest.fixture
def station(cast):
    station = Station.objects.create(
        name="黄埔科学城服务站",
        organisation="广州开发区科技创新服务中心",
        district="440112",
        industry_focus="集成电路",
        services=["ip", "rd_accounting"],
    )
    station.operators.add(cast.station)
    return station


@pytest.fixture
def mentors(cast, station):
    """``mentor`` (黄埔, electronics, IP and talent) and ``other_mentor`` (天河, biomedicine, finance)."""
    return type(
        "Mentors",
        (),
        {
            "mentor": MentorProfile.objects.create(
                user=cast.mentor,
                district="440112",
                tech_fields=["10"],
                topics=["ip", "talent"],
                capacity=3,
                station=station,
            ),
            "other": MentorProfile.objects.create(
                user=cast.other_mentor, district="440106", tech_fields=["20"], topics=["finance"], capacity=3
            ),
        },
    )


def certify(enterprise, on=datetime.date(2025, 12, 1)):
    """Give an enterprise an HTE certificate in force for three years from ``on``."""
    return Certificate.objects.create(
        enterprise=enterprise, kind="hte", issued_on=on, expires_on=on.replace(year=on.year + 3)
    )
