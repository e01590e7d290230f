"""The 有求必应 cast: the 黄埔 station run by the cast's station operator, and the mentors' topics."""

import pytest

from gaoqi.apps.mentoring.models import MentorProfile, Station
from gaoqi.apps.servicedesk import notices


@pytest.fixture
def desk(cast, settings, tmp_path):
    """The 黄埔 station operated by ``cast.station``; ``cast.mentor`` covers IP and R&D accounting."""
    settings.MEDIA_ROOT = tmp_path / "media"
    station = Station.objects.create(
        name="黄埔区高企服务站",
        organisation="黄埔区科技服务中心",
        district="440112",
        services=["recognition", "talent"],
    )
    station.operators.add(cast.station)
    MentorProfile.objects.create(user=cast.mentor, district="440112", topics=["ip", "rd_accounting"])
    MentorProfile.objects.create(user=cast.other_mentor, district="440106", topics=["ip"])
    cast.desk_station = station
    return cast


@pytest.fixture
def sent(monkeypatch):
    """Every notice spec handed to notify."""
    specs = []
    monkeypatch.setattr(notices, "notify", lambda batch: specs.extend(batch) or len(batch))
    return specs
