"""Every output figure as a raw column (kind, values, valid mask), computed vectorised from an evaluation."""

from dataclasses import dataclass
from fractions import Fraction
from math import gcd

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import PASS, UNKNOWN
from gaoqi.rules.exact import Exact
from gaoqi.rules.hte.conditions import CONDITIONS, VERDICTS
from gaoqi.rules.hte.rd_expense import band_rates
from gaoqi.rules.hte.score import growth_rate
from gaoqi.rules.report.formats import SCALE

SAFE = 9 * 10**14  # |num| below this times SCALE stays inside int64
CAP = 10**15 * SCALE  # ratios beyond 10¹⁵ (only absurd growth from a near-zero base) are shown capped


@dataclass(frozen=True)
class Raw:
    """A column of the result before formatting: ``kind`` names its formatter (``report/formats.py``); a
    ``choice`` column holds indexes into ``labels``; a ``fraction`` column holds numerators over ``den``."""

    kind: str
    values: np.ndarray
    valid: np.ndarray | None = None
    labels: tuple[str, ...] = ()
    den: np.ndarray | None = None


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


def fraction(num, den) -> tuple[np.ndarray, np.ndarray]:
    """num / den in lowest terms (den > 0 where it matters), exactly; Python integers where int64 would not do."""
    num, den = np.asarray(num), np.asarray(den)
    if num.dtype != object and den.dtype != object:
        divisor = np.gcd(num, den)
        divisor = np.where(divisor == 0, 1, divisor)
        return num // divisor, den // divisor
    pairs = [(n // g, d // g) if (g := gcd(n, d)) else (n, d) for n, d in zip(num.tolist(), den.tolist(), strict=True)]
    return np.array([p[0] for p in pairs], dtype=object), np.array([p[1] for p in pairs], dtype=object)


def _variant(names: tuple[str, ...], codes) -> Raw:
    return Raw("choice", np.asarray(codes, dtype=np.int64), labels=names)


def _messages(ev: Evaluation) -> dict[str, Raw]:
    """Which sentence explains each condition (the message id's last part), chosen vectorised."""
    status = {c: ev(f"hte_{c}") for c, _, _ in CONDITIONS}
    plain = ("fail", "pass")
    out = {}
    for condition, codes in status.items():
        out[f"message_{condition}"] = _variant(("fail", "pass", "unknown"), np.where(codes == UNKNOWN, 2, codes))
    used = ev("ip_class_ii_used_count") > 0
    core = status["core_ip"]
    out["message_core_ip"] = _variant(
        (*plain, "fail_used", "pass_used", "unknown"), np.where(core == UNKNOWN, 4, core + 2 * used)
    )
    ratio_missed, domestic_missed = ~ev("hte_rd_ratio_met"), ~ev("hte_domestic_share_met")
    rd_code = np.where(ratio_missed & domestic_missed, 3, np.where(domestic_missed, 2, np.where(ratio_missed, 1, 0)))
    out["message_rd_ratio"] = _variant(
        ("pass", "fail_ratio", "fail_domestic", "fail_both", "unknown"),
        np.where(status["rd_ratio"] == UNKNOWN, 4, np.where(status["rd_ratio"] == PASS, 0, rd_code)),
    )
    score = status["innovation_score"]
    open_score = np.where(ev("score_missing_inputs"), 3, 2)
    out["message_innovation_score"] = _variant(
        (*plain, "pending_expert", "missing_data"), np.where(score == UNKNOWN, open_score, score)
    )
    return out


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
        low, high = fraction(np.where(valid, num, 0), np.where(valid, den, 1))
        out[f"{name}_exact"] = Raw("fraction", low, valid, den=high)
    out["hte_verdict"] = Raw("choice", ev("hte_verdict"), labels=VERDICTS)
    rdd_message = np.where(~ev("rdd_industry_known"), 1, np.where(ev("rdd_known"), 0, 2))
    out["benefits_message"] = Raw("choice", np.zeros(ev.size, dtype=np.int64), labels=("basis",))
    out["message_rd_deduction"] = Raw("choice", rdd_message, labels=("", "industry_unknown", "rd_unknown"))
    out.update(_messages(ev))
    for name, num, den in (
        ("rd_ratio", rd.num, Exact(ev("hte_sales_3y")).at(rd.den)),
        ("domestic_rd_share", domestic, total),
        ("st_staff_ratio", ev("latest_st_staff"), ev("latest_employees")),
        ("hightech_income_ratio", ev("latest_hightech_income"), ev("latest_total_income")),
    ):
        valid = out[name].valid
        low, high = fraction(np.where(valid, num, 0), np.where(valid, den, 1))
        out[f"{name}_exact"] = Raw("fraction", low, valid, den=high)
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
