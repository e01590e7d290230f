"""Sections of a station's page contributed by other apps (trainings, service requests…).

An app above mentoring appends a callable to ``station_sections`` in its ``AppConfig.ready``; the station page calls
each with the station and the visiting user and renders every section returned, in order. A callable returns ``None``
to show nothing to that visitor.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class StationSection:
    title: str
    template: str  # rendered with ``context`` plus ``station`` and ``user``
    context: dict = field(default_factory=dict)
    order: int = 100


station_sections: list[Callable[..., StationSection | None]] = []


def sections_for(station, user) -> list[StationSection]:
    """The sections every registered app shows this user on this station's page, by ``order``."""
    found = (make(station=station, user=user) for make in station_sections)
    return sorted((s for s in found if s is not None), key=lambda s: s.order)
