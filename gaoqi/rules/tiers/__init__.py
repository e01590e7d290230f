"""The tier pipeline (梯次培育): 科技型中小企业 → 高新技术企业 → 硬科技/专精特新 → 瞪羚/独角兽 → 上市.

An enterprise's tier is the highest it reaches on a day: certificates in force, its listing, and the rules of
``parameters.yaml`` (科创属性 as the proxy for hard tech, 黄埔's 瞪羚 growth route and 独角兽 valuation). For the next
tier up, ``next_step`` says what is still missing, with the shortfall where it is a number. Pure and columnar: the
app supplies one array per input.
"""

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import numpy as np
import yaml

NONE, TSME, HTE, HARD_TECH, GAZELLE, LISTED = range(6)
TIERS = ("未入库", "科技型中小企业", "高新技术企业", "硬科技/专精特新", "瞪羚/独角兽", "上市企业")
KEYS = ("none", "tsme", "hte", "hard_tech", "gazelle", "listed")
SCALE = 10_000
INPUTS = (
    "tsme_certificate",  # bool
    "hte_certificate",
    "specialised_certificate",  # 专精特新 or 小巨人
    "gazelle_certificate",  # 瞪羚 or 独角兽
    "listed",
    "age_years",  # int, -1 unknown
    "valuation",  # yuan × SCALE, -1 unknown
    "revenue_y1",  # yuan × SCALE of the three latest years (oldest first), -1 unknown
    "revenue_y2",
    "revenue_y3",
    "rd_3y",  # R&D of the three years, yuan × SCALE, -1 unknown
    "rd_staff_ratio",  # × SCALE, -1 unknown
    "invention_patents",  # int
)


def parameters() -> dict:
    return yaml.safe_load((Path(__file__).parent / "parameters.yaml").read_text(encoding="utf-8"))


def _scaled(value) -> int:
    return int(Decimal(str(value)) * SCALE)


def _grew(y1, y3, factor) -> np.ndarray:
    """y3 ≥ factor × y1 exactly (factor a decimal with at most four places), both known and y1 positive."""
    f = _scaled(factor)
    return (y1 > 0) & (y3 >= 0) & (y3.astype(object) * SCALE >= y1.astype(object) * f).astype(bool)


@dataclass(frozen=True)
class Rules:
    """Per enterprise: which conditions of each rule-based tier are met."""

    hard_tech: dict[str, np.ndarray]
    gazelle: dict[str, np.ndarray]
    unicorn: np.ndarray


def rules(inputs: dict[str, np.ndarray], p: dict | None = None) -> Rules:
    p = p or parameters()
    h, g, u = p["hard_tech"], p["gazelle"], p["unicorn"]
    y1, y2, y3, rd = inputs["revenue_y1"], inputs["revenue_y2"], inputs["revenue_y3"], inputs["rd_3y"]
    sales_3y = np.where((y1 >= 0) & (y2 >= 0) & (y3 >= 0), y1 + y2 + y3, -1)
    rd_ok = (rd >= 0) & (sales_3y > 0) & (rd.astype(object) * SCALE >= sales_3y.astype(object) * _scaled(h["rd_ratio"]))
    hard_tech = {
        "rd": rd_ok.astype(bool) | (rd >= _scaled(h["rd_total"])),
        "rd_staff": inputs["rd_staff_ratio"] >= _scaled(h["rd_staff_ratio"]),
        "patents": inputs["invention_patents"] >= int(h["invention_patents"]),
        "growth": _grew(y1, y3, h["growth_factor"]) | (y3 >= _scaled(h["revenue"])),
    }
    gazelle = {
        "hte": inputs["hte_certificate"].astype(bool),
        "base_revenue": y1 >= _scaled(g["base_revenue"]),
        "growth": _grew(y1, y3, g["growth_factor"]) & (y3 > y2) & (y2 >= 0),
    }
    unicorn = (
        (inputs["age_years"] >= 0)
        & (inputs["age_years"] <= int(u["max_age_years"]))
        & ~inputs["listed"].astype(bool)
        & (inputs["valuation"] >= _scaled(u["valuation"]))
    )
    return Rules(hard_tech, gazelle, unicorn)


def _all(conditions: dict[str, np.ndarray]) -> np.ndarray:
    return np.logical_and.reduce(list(conditions.values()))


def tiers(inputs: dict[str, np.ndarray], p: dict | None = None) -> np.ndarray:
    """The tier (0–5) of every enterprise."""
    r = rules(inputs, p)
    size = len(inputs["listed"])
    tier = np.full(size, NONE, dtype=np.int8)
    tier[inputs["tsme_certificate"].astype(bool)] = TSME
    tier[inputs["hte_certificate"].astype(bool)] = HTE
    tier[inputs["specialised_certificate"].astype(bool) | (_all(r.hard_tech) & inputs["hte_certificate"])] = HARD_TECH
    tier[inputs["gazelle_certificate"].astype(bool) | _all(r.gazelle) | r.unicorn] = GAZELLE
    tier[inputs["listed"].astype(bool)] = LISTED
    return tier


LABELS = {
    "hard_tech": {
        "rd": "近三年研发投入占营业收入 5% 以上（或累计 8000 万元以上）",
        "rd_staff": "研发人员占员工总数 10% 以上",
        "patents": "发明专利 7 项以上",
        "growth": "近三年营业收入复合增长率 25% 以上（或最近一年营业收入 3 亿元以上）",
    },
    "gazelle": {
        "hte": "持有有效期内的高新技术企业证书",
        "base_revenue": "基准年营业收入 1000 万元以上",
        "growth": "三年复合增长率 20% 以上且截止年正增长",
    },
}


def missing(inputs: dict[str, np.ndarray], tier: np.ndarray, p: dict | None = None) -> list[list[str]]:
    """For each enterprise, the rule conditions of the next rule-based tier it does not yet meet (HTE → 科创属性,
    硬科技 → 瞪羚); empty for the other tiers, whose next step is a certificate (the app adds the HTE gap plan)."""
    r = rules(inputs, p)
    out: list[list[str]] = [[] for _ in range(len(tier))]
    for row in np.flatnonzero(tier == HTE):
        out[row] = [LABELS["hard_tech"][k] for k, met in r.hard_tech.items() if not met[row]]
    for row in np.flatnonzero(tier == HARD_TECH):
        out[row] = [LABELS["gazelle"][k] for k, met in r.gazelle.items() if not met[row]]
    return out


def transitions(before: np.ndarray, after: np.ndarray) -> np.ndarray:
    """A 6 × 6 count matrix: row = tier before, column = tier after."""
    matrix = np.zeros((len(TIERS), len(TIERS)), dtype=np.int64)
    np.add.at(matrix, (before.astype(np.int64), after.astype(np.int64)), 1)
    return matrix
