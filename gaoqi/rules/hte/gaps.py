"""Quantities for the gap plan: how much R&D, staff, income or IP would close each failed condition."""

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.hte.rd_expense import band_rates
from gaoqi.rules.hte.references import ART_11, SCORE_CONVERSION, SCORE_IP

formula = REGISTRY.formula


def shortfall_to_share(part, whole, rate, den: int = 1) -> np.ndarray:
    """Smallest whole x ≥ 0 (fen, persons…) with (part + x) / (whole + x) ≥ rate, part and whole being numerators
    over ``den``: adding x to both (x ≥ 1 when the whole is zero, since a share of nothing is not a share)."""
    p, q = rate.numerator, rate.denominator
    need = exact.ceil_div(exact.big(whole) * p - exact.big(part) * q, (q - p) * den)
    return np.maximum(need, np.where(np.asarray(whole) > 0, 0, 1)).astype(np.int64)


def _band_fractions(v) -> tuple[np.ndarray, np.ndarray]:
    rates = band_rates(v)
    band = v("hte_rd_band")
    return (
        np.array([r.numerator for r in rates], dtype=object)[band],
        np.array([r.denominator for r in rates], dtype=object)[band],
    )


@formula("近三年研发费用应达到的金额", "fen", ART_11[5])
def gap_rd_required_3y(v):
    p, q = _band_fractions(v)
    return exact.ceil_div(exact.big(v("hte_sales_3y")) * p, q).astype(np.int64)


@formula("近三年研发费用缺口", "fen", ART_11[5])
def gap_rd_shortfall(v):
    """The whole fen that lift the exact three-year total to the band's share of sales."""
    p, q = _band_fractions(v)
    rd = v("hte_rd_3y")
    need = exact.ceil_div(exact.big(v("hte_sales_3y")) * p * rd.den - exact.big(rd.num) * q, q * rd.den)
    return np.maximum(need, 0).astype(np.int64)


@formula("境内研发费用缺口", "fen", ART_11[5])
def gap_domestic_rd_shortfall(v):
    share = v.param("hte.rd_intensity.min_domestic_share")
    domestic, total, den = v("hte_rd_domestic_3y").aligned(v("hte_rd_3y"))
    return shortfall_to_share(domestic, total, share, den)


@formula("需新增的科技人员（人）", "persons", ART_11[4])
def gap_st_staff_needed(v):
    centi = shortfall_to_share(v("latest_st_staff"), v("latest_employees"), v.param("hte.st_staff.min_ratio"))
    return exact.ceil_div(centi, 100).astype(np.int64)


@formula("高新技术产品（服务）收入缺口", "fen", ART_11[6])
def gap_hightech_income_shortfall(v):
    rate = v.param("hte.hightech_income.min_ratio")
    return shortfall_to_share(v("latest_hightech_income"), v("latest_total_income"), rate)


@formula("满足注册成立一年以上的日期", "day", ART_11[1])
def gap_registration_met_on(v):
    return v("registered_on") + v.param("hte.registration.min_days")


@formula("最近一次重大事故不再落入“申请认定前一年内”的首日", "day", ART_11[8])
def gap_incident_clear_on(v):
    """The window includes its first day (以内包括本数), so the incident drops out one day after the lookback."""
    days = np.where(v("incident_major"), v("incident_day"), 0)
    return v.max("incident", days, 0) + v.param("hte.incidents.lookback_days") + 1


@formula("提升知识产权数量档次所需的Ⅱ类知识产权（项）", "count", SCORE_IP)
def gap_ip_class_ii_needed(v):
    minimum = v.param("hte.score.ip_quantity")["class_ii_min"]
    count = v("ip_class_ii_count")
    target = np.where(count < minimum["D"], minimum["D"], np.where(count < minimum["C"], minimum["C"], minimum["B"]))
    return np.where((v("ip_class_i_count") == 0) & (count < minimum["B"]), target - count, 0)


@formula("提升科技成果转化档次所需的转化项数", "count", SCORE_CONVERSION)
def gap_conversions_needed(v):
    """Conversions still needed for the next band (from no or under-one-a-year conversions: to grade E)."""
    rows = v.param("hte.score.conversion")
    thresholds = np.array([int(row.get("at_least", 0)) for row in rows], dtype=np.int64)
    grade = v("conversion_grade")
    target = np.where(thresholds[grade] < thresholds[-3], len(rows) - 3, np.maximum(grade - 1, 0))
    years = np.maximum(v("window_required_years"), 1)
    return np.where(grade == 0, 0, np.maximum(thresholds[target] * years - v("conversions_3y"), 0))
