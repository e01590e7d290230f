"""工作指引 研究开发费用归集: the HTE R&D base (entrusted at 80 %, "other" capped at 20 %) and its domestic share."""

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.exact import Exact
from gaoqi.rules.hte.references import ART_11

formula = REGISTRY.formula
REF = ART_11[5]
IN_HOUSE = ("personnel", "direct_inputs", "depreciation", "amortization", "design", "equipment_trials")


@formula("委托外部研发费用（按实际发生额的80%计入）", "exact_fen", REF, entity="fiscal_year")
def hte_rd_entrusted(v):
    share = v.param("hte.rd_expense.entrusted_share")
    return Exact(v("rd_entrusted_domestic") + v("rd_entrusted_overseas")).times(share)


@formula("委托境外研发费用（按实际发生额的80%计入）", "exact_fen", REF, entity="fiscal_year")
def hte_rd_overseas(v):
    return Exact(v("rd_entrusted_overseas")).times(v.param("hte.rd_expense.entrusted_share"))


@formula("前七类研发费用合计", "exact_fen", REF, entity="fiscal_year")
def hte_rd_before_other(v):
    return v("hte_rd_entrusted") + sum(v(f"rd_{category}") for category in IN_HOUSE)


@formula("可计入的其他费用（不超过研发费用总额的20%）", "exact_fen", REF, entity="fiscal_year")
def hte_rd_other_allowed(v):
    """other ≤ 20 % of the total ⇔ other ≤ the first seven categories × 20 / 80 (no rounding: the text sets none)."""
    share = v.param("hte.rd_expense.other_max_share")
    return v("hte_rd_before_other").times(share / (1 - share)).minimum(v("rd_other"))


@formula("高企口径研究开发费用", "exact_fen", REF, entity="fiscal_year")
def hte_rd_expense(v):
    return v("hte_rd_before_other") + v("hte_rd_other_allowed")


def _window_sum(v, column: str) -> Exact:
    values = v(column)
    in_window = v("fy_in_window")
    if isinstance(values, Exact):
        return Exact(v.sum("fiscal_year", np.where(in_window, values.num, 0)), values.den)
    return Exact(v.sum("fiscal_year", np.where(in_window, values, 0)))


@formula("近三个会计年度研究开发费用总额", "exact_fen", REF)
def hte_rd_3y(v):
    return _window_sum(v, "hte_rd_expense")


@formula("近三个会计年度销售收入总额", "fen", REF)
def hte_sales_3y(v):
    return _window_sum(v, "sales_revenue").num


@formula("近三个会计年度境内研究开发费用", "exact_fen", REF)
def hte_rd_domestic_3y(v):
    return v("hte_rd_3y") - _window_sum(v, "hte_rd_overseas")


@formula("研发费用占比门槛（按最近一年销售收入分档）", "ratio_band", REF)
def hte_rd_band(v):
    """0: ≤ 5,000万（含）→ 5 %；1: ≤ 2亿（含）→ 4 %；2: > 2亿 → 3 %."""
    sales = v("latest_sales_revenue")
    small = sales <= v.param("hte.rd_intensity.small_max_sales")
    medium = sales <= v.param("hte.rd_intensity.medium_max_sales")
    return np.where(small, 0, np.where(medium, 1, 2)).astype(np.int8)


def band_rates(v) -> list:
    return [v.param(f"hte.rd_intensity.{size}_rate") for size in ("small", "medium", "large")]


@formula("研发费用占比达到分档门槛", "bool", REF)
def hte_rd_ratio_met(v):
    band, rd = v("hte_rd_band"), v("hte_rd_3y")
    sales = Exact(v("hte_sales_3y")).at(rd.den)
    met = np.zeros(v.size, dtype=bool)
    for index, rate in enumerate(band_rates(v)):
        rows = band == index
        met[rows] = exact.at_least(rd.num[rows], sales[rows], rate)
    return met


@formula("境内研发费用占比达到下限", "bool", REF)
def hte_domestic_share_met(v):
    domestic, total, _ = v("hte_rd_domestic_3y").aligned(v("hte_rd_3y"))
    return exact.at_least(domestic, total, v.param("hte.rd_intensity.min_domestic_share"))
