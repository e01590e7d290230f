"""精准画像 and 标杆: an enterprise against its peers of the same technology area, size band and district (where it
stands on each measure, in percent, and the peers' anonymised quartiles), and the best-scoring enterprise of each
area within a district, with the reason. An enterprise reads only its own profile; a peer group smaller than the
small-cell minimum shows no distribution and no standing (``gaoqi.core.disclosure``)."""

from decimal import Decimal

import numpy as np
from django.utils import timezone

from gaoqi.apps.enterprises.selectors import enterprise_get, enterprise_own
from gaoqi.apps.rankings.selectors import indicator_version_current, score_population, staff_only
from gaoqi.core import disclosure
from gaoqi.core.districts import DISTRICT_NAMES, TECH_FIELDS
from gaoqi.core.errors import NotFound, PermissionDenied
from gaoqi.core.roles import STAFF_ROLES, Role
from gaoqi.rules.criteria import SCALE
from gaoqi.rules.indicators import MEASURES
from gaoqi.rules.indicators.peers import SIZE_BANDS, best_of_groups, quartiles, size_band, standing

AREAS = dict(TECH_FIELDS)


def _scored():
    version = indicator_version_current()
    if version is None:
        raise NotFound
    population, scores = score_population(version.system(), today=timezone.localdate())
    return version, population, scores


def _decimal(value: int) -> str:
    return str(Decimal(value) / SCALE)


def _profile_of(population, scores, row: int) -> dict:
    areas = np.array([str(f)[:2] for f in population.fields], dtype=object)
    bands = size_band(population.employees)
    minimum = disclosure.min_count()
    band = int(bands[row])
    groups = [
        ("area", f"同技术领域（{AREAS.get(areas[row], areas[row])}）", areas == areas[row]),
        ("size", f"同规模（{SIZE_BANDS[band][1]}）" if band >= 0 else "同规模（职工数未知）", bands == band),
        (
            "district",
            f"同区（{DISTRICT_NAMES.get(population.districts[row], '')}）",
            population.districts == population.districts[row],
        ),
    ]
    peer_groups = []
    for key, label, mask in groups:
        size = int(mask.sum()) - 1
        shown = size >= minimum and (key != "size" or band >= 0)
        measures = []
        for name, column in population.columns.items():
            q = quartiles(column, mask) if shown else None
            measures.append(
                {
                    "key": name,
                    "standing": standing(column, mask, row) if shown else None,
                    "quartiles": [_decimal(v) for v in q] if q else None,
                }
            )
        peer_groups.append({"key": key, "label": label, "peers": size if shown else None, "measures": measures})
    own = {
        name: (_decimal(int(column.values[row])) if column.known[row] else None)
        for name, column in population.columns.items()
    }
    return {
        "enterprise_id": int(population.ids[row]),
        "name": population.names[row],
        "score": round(float(scores.total[row]), 2),
        "labels": {name: MEASURES[name].label for name in population.columns},
        "units": {name: MEASURES[name].unit for name in population.columns},
        "values": own,
        "groups": peer_groups,
        "small": minimum,
    }


def profile_get(*, actor, enterprise_pk=None) -> dict:
    """The profile of the actor's own enterprise (enterprise users) or of one a staff member oversees."""
    if actor.is_authenticated and actor.role == Role.ENTERPRISE:
        enterprise = enterprise_own(actor=actor)
        if enterprise is None:
            raise NotFound
        if enterprise_pk is not None and int(enterprise_pk) != enterprise.pk:
            raise NotFound
    elif actor.is_authenticated and actor.role in STAFF_ROLES:
        if enterprise_pk is None:
            raise NotFound
        enterprise = enterprise_get(actor=actor, pk=enterprise_pk)
    else:
        raise PermissionDenied
    _version, population, scores = _scored()
    return _profile_of(population, scores, int(np.searchsorted(population.ids, enterprise.pk)))


def benchmarks(*, actor, district: str = "") -> list[dict]:
    """The best-scoring enterprise of each technology area in each district the actor oversees (groups of at least
    the small-cell minimum), with the reason: the group, its size, the score and the indicators that carried it."""
    overseen = staff_only(actor)
    version, population, scores = _scored()
    system = version.system()
    areas = np.array([str(f)[:2] for f in population.fields], dtype=object)
    keys = np.array([f"{d}/{a}" for d, a in zip(population.districts, areas, strict=True)], dtype=object)
    rows = np.flatnonzero(
        np.isin(population.districts, [district] if district else overseen) & np.isin(population.districts, overseen)
    )
    found = []
    for key, (row, size) in best_of_groups(keys, scores.total, population.ids, rows, disclosure.min_count()).items():
        district_code, area = key.split("/")
        carried = sorted(system.indicators, key=lambda i: -float(scores.points[i.key][row]))[:2]
        found.append(
            {
                "enterprise_id": int(population.ids[row]),
                "name": population.names[row],
                "district": district_code,
                "district_name": str(DISTRICT_NAMES.get(district_code, "")),
                "area": str(AREAS.get(area, area)),
                "score": round(float(scores.total[row]), 2),
                "peers": size,
                "reason": f"{DISTRICT_NAMES.get(district_code, '')}{AREAS.get(area, area)}领域 {size} 家企业中得分最高"
                f"（{round(float(scores.total[row]), 2)} 分），主要得分项："
                + "、".join(f"{i.label} {float(scores.points[i.key][row]):.1f} 分" for i in carried),
            }
        )
    return sorted(found, key=lambda b: (b["district"], -b["score"]))
