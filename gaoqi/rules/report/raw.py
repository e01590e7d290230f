"""Every output figure as a raw column (kind, values, valid mask), computed vectorised from an evaluation."""

from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import UNKNOWN
from gaoqi.rules.exact import Exact
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.hte.rd_expense import band_rates
from gaoqi.rules.hte.score import growth_rate
from gaoqi.rules.report.formats import SCALE

SAFE = 9 * 10**14  # |num| below this times SCALE stays inside int64
CAP = 10**15 * SCALE  # ratios beyond 10¹⁵ (only absurd growth from a near-zero base) are shown capped


@dataclass(frozen=True)
class Raw:
    kind: str
    values: np.ndarray
    valid: np.ndarray | None = None


def scaled(num, den) -> tuple[np.ndarray, np.ndarray]:
    """num / den × 10⁴ truncated toward zero, exactly; valid where den > 0."""
    num, den = np.asarray(num), np.asarray(den)
    valid = den > 0
    safe_den = np.where(valid, den, 1)
    if num.dtype != object and den.dtype != object and np.abs(num).max(initial=0) < SAFE:
        magnitude = (np.abs(num) * SCALE) // safe_den
        return np.where(num < 0, -magnitude, magnitude).astype(np.int64), valid
    big_num, big_den = exact.big(np.where(valid, num, 0)), exact.big(safe_den)
    magnitude = np.minimum((np.abs(big_num) * SCALE) // big_den, CAP)
    return np.where(big_num < 0, -magnitude, magnitude).astype(np.int64), valid.astype(bool)


def rate_column(rates) -> np.ndarray:
    return np.array([exact.basis_points(Fraction(r)) for r in rates], dtype=np.int64)


STATUS = (*(f"hte_{c}" for c, _, _ in CONDITIONS), "tsme_size", "tsme_industry", "tsme_no_incident")
TRI = ("hte_eligible", "tsme_eligible")
INTS = (
    "days_registered",
    "ip_core_count",
    "ip_class_ii_count",
    "ip_class_ii_used_count",
    "major_incidents_last_year",
    "rdd_year",
    "tsme_score",
    "tsme_staff_points",
    "tsme_rd_points",
    "tsme_results_points",
    "gap_st_staff_needed",
    *(
        f"score_{part}_{end}"
        for part in ("ip", "conversion", "management", "growth", "total")
        for end in ("min", "max")
    ),
)
BOOLS = ("hte_rd_ratio_met", "hte_domestic_share_met", "tsme_direct_route")
EXACT_FEN = ("hte_rd_3y",)
FEN = (
    "hte_sales_3y",
    "latest_sales_revenue",
    "latest_total_income",
    "latest_hightech_income",
    "gap_rd_required_3y",
    "gap_rd_shortfall",
    "gap_domestic_rd_shortfall",
    "gap_hightech_income_shortfall",
)
DAYS = ("gap_registration_met_on", "gap_incident_clear_on")


def collect(ev: Evaluation) -> dict[str, Raw]:
    """All raw output columns for the enterprises of ``ev``."""
    out = {name: Raw("status", ev(name)) for name in STATUS}
    out.update({name: Raw("tri", ev(name)) for name in TRI})
    out.update({name: Raw("int", ev(name).astype(np.int64)) for name in INTS})
    out.update({name: Raw("bool", ev(name).astype(bool)) for name in BOOLS})
    out.update({name: Raw("fen", ev(name).astype(np.int64)) for name in FEN})
    out.update({name: Raw("fen", ev(name).rounded()) for name in EXACT_FEN})
    out.update({name: Raw("day", ev(name).astype(np.int64)) for name in DAYS})
    for name in ("tech_field", "name", "uscc"):
        out[name] = Raw("code", ev(name))
    known = {name: ev(name) != UNKNOWN for name in ("hte_rd_ratio", "hte_st_staff_ratio", "hte_hightech_income_ratio")}
    rd = ev("hte_rd_3y")
    domestic, total, _ = ev("hte_rd_domestic_3y").aligned(rd)
    for name, num, den, known_name in (
        ("rd_ratio", rd.num, Exact(ev("hte_sales_3y")).at(rd.den), "hte_rd_ratio"),
        ("domestic_rd_share", domestic, total, "hte_rd_ratio"),
        ("st_staff_ratio", ev("latest_st_staff"), ev("latest_employees"), "hte_st_staff_ratio"),
        ("hightech_income_ratio", ev("latest_hightech_income"), ev("latest_total_income"), "hte_hightech_income_ratio"),
    ):
        q, valid = scaled(num, den)
        out[name] = Raw("ratio", q, valid & known[known_name])
    for name, column in (("net_asset_growth", "net_assets_end"), ("sales_growth", "sales_revenue")):
        num, den, computable, data_known = growth_rate(ev, column)
        q, valid = scaled(num, np.where(computable & data_known, den, 0))
        out[name] = Raw("ratio", q, valid)
    out["rd_threshold"] = Raw("rate", rate_column(band_rates(ev))[ev("hte_rd_band")])
    industry_known = ev("rdd_industry_known")
    out["rdd_rate"] = Raw("rate", ev("rdd_rate").astype(np.int64), industry_known)
    out["rdd_excluded_industry"] = Raw("tri", np.where(industry_known, ev("rdd_excluded_industry"), -1))
    out["cit_rate"] = Raw("rate", ev("cit_rate").astype(np.int64))
    rdd_known = ev("rdd_known") & industry_known
    out["rdd_base"] = Raw("fen", ev("rdd_base").rounded(), rdd_known)
    for name in ("rdd_extra_deduction", "rdd_tax_value"):
        out[name] = Raw("fen", ev(name).astype(np.int64), rdd_known)
    saving_known = ev("latest_taxable_income_known")
    out["hte_tax_saving"] = Raw("fen", ev("hte_tax_saving"), saving_known)
    total = np.where(saving_known, ev("hte_tax_saving"), 0) + np.where(rdd_known, ev("rdd_tax_value"), 0)
    out["benefits_total"] = Raw("fen", total.astype(np.int64), saving_known | rdd_known)
    return out
