"""The cost of pairing an enterprise with a mentor, and the reason given for a pair; plain data in, no database.

Cost (integer, lower is better) = FIELD_MISS unless one of the mentor's technology-field prefixes starts the
enterprise's field code, + DISTRICT_MISS unless both are in the same district, + TOPIC_MISS for each of the
enterprise's most urgent gap topics (at most TOPICS_CONSIDERED) the mentor does not cover. A pair never costs as much
as leaving an enterprise without a mentor (UNASSIGNED_COST).
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from gaoqi.core.districts import DISTRICT_NAMES, TECH_FIELD_NAMES
from gaoqi.core.topics import Topic

FIELD_MISS = 6
DISTRICT_MISS = 3
TOPIC_MISS = 2
TOPICS_CONSIDERED = 3
UNASSIGNED_COST = 100
TOPIC_BITS = {topic.value: 1 << i for i, topic in enumerate(Topic)}
POPCOUNT = np.array([bin(i).count("1") for i in range(1 << len(TOPIC_BITS))], dtype=np.int64)


@dataclass(frozen=True)
class Need:
    """What an enterprise in the cultivation pool needs."""

    enterprise_id: int
    district: str
    tech_field: str
    topics: tuple[str, ...]  # gap topics, most urgent first
    name: str = ""


@dataclass(frozen=True)
class Offer:
    """What a mentor offers, and how many more enterprises they can take."""

    mentor_id: int
    district: str
    tech_fields: tuple[str, ...]
    topics: tuple[str, ...]
    free: int
    name: str = ""


def _mask(topics) -> int:
    return sum(TOPIC_BITS.get(t, 0) for t in dict.fromkeys(topics))


def field_fits(tech_field: str, prefixes) -> bool:
    return any(tech_field.startswith(prefix) for prefix in prefixes if prefix)


def cost_matrix(needs: list[Need], offers: list[Offer]) -> np.ndarray:
    """Integer costs, enterprises × mentors."""
    fields = sorted({n.tech_field for n in needs})
    field_row = {f: i for i, f in enumerate(fields)}
    fit = np.array([[field_fits(f, o.tech_fields) for o in offers] for f in fields], dtype=bool).reshape(
        -1, len(offers)
    )
    need_field = np.array([field_row[n.tech_field] for n in needs], dtype=np.int64)
    need_district = np.array([n.district for n in needs])
    offer_district = np.array([o.district for o in offers])
    need_topics = np.array([_mask(n.topics[:TOPICS_CONSIDERED]) for n in needs], dtype=np.int64)
    offer_topics = np.array([_mask(o.topics) for o in offers], dtype=np.int64)
    uncovered = POPCOUNT[need_topics[:, None] & ~offer_topics[None, :] & (len(POPCOUNT) - 1)]
    return (
        FIELD_MISS * ~fit[need_field]
        + DISTRICT_MISS * (need_district[:, None] != offer_district[None, :])
        + TOPIC_MISS * uncovered
    ).astype(np.int64)


def reason(need: Need, offer: Offer) -> str:
    """Why this mentor was chosen for this enterprise, in one Chinese sentence."""
    wanted = need.topics[:TOPICS_CONSIDERED]
    return _reason(
        get_language(),
        need.tech_field[:2],
        field_fits(need.tech_field, offer.tech_fields),
        need.district,
        need.district == offer.district,
        tuple(t for t in wanted if t in offer.topics),
        tuple(t for t in wanted if t not in offer.topics),
    )


@lru_cache(maxsize=4096)
def _reason(language, field: str, fits: bool, district: str, local: bool, covered: tuple, missing: tuple) -> str:
    """The sentence for one combination of facts; many pairs share one, so it is built once per language."""
    field_name = TECH_FIELD_NAMES.get(field, field)
    district_name = DISTRICT_NAMES.get(district, district)
    parts = [
        (_("擅长本企业技术领域（%(field)s）") if fits else _("技术领域不完全对口（%(field)s）"))
        % {"field": field_name},
        (_("同在%(district)s") if local else _("跨区服务（企业在%(district)s）")) % {"district": district_name},
    ]
    if covered:
        parts.append(_("可辅导差距主题：%(topics)s") % {"topics": "、".join(str(Topic(t).label) for t in covered)})
    if missing:
        parts.append(_("未覆盖主题：%(topics)s") % {"topics": "、".join(str(Topic(t).label) for t in missing)})
    return _("%(sentence)s。") % {"sentence": _("；").join(str(p) for p in parts)}
