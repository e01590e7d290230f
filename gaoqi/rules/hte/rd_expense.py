"""工作指引 研究开发费用归集: the HTE R&D base (entrusted at 80 %, "other" capped at 20 %) and its domestic share."""

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.hte.references import ART_11

formula = REGISTRY.formula
REF = ART_11[5]
IN_HOUSE = ("personnel", "direct_inputs", "depreciation", "amortization", "design", "equipment_trials")


@formula("委托外部研发费用（按80%计入）", "fen", REF, entity="fiscal_year")
def hte_rd_entrusted(v):
    share = v.param("hte.rd_expense.entrusted_share")
    return exact.times(v("rd_entrusted_domestic"), share) + exact.times(v("rd_entrusted_overseas"), share)


@formula("委托境外研发费用（按80%计入）", "fen", REF, entity="fiscal_year")
def hte_rd_overseas(v):
    return exact.times(v("rd_entrusted_overseas"), v.param("hte.rd_expense.entrusted_share"))


@formula("前七类研发费用合计", "fen", REF, entity="fiscal_year")
def hte_rd_before_other(v):
    return sum(v(f"rd_{category}") for category in IN_HOUSE) + v("hte_rd_entrusted")


@formula("可计入的其他费用（不超过研发费用总额的20%）", "fen", REF, entity="fiscal_year")
def hte_rd_other_allowed(v):
    """other ≤ 20 % of the total ⇔ other ≤ the first seven categories × 20 / 80."""
    share = v.param("hte.rd_expense.other_max_share")
    cap = exact.times_floor(v("hte_rd_before_other"), share / (1 - share))
    return np.minimum(v("rd_other"), cap)


@formula("高企口径研究开发费用", "fen", REF, entity="fiscal_year")
def hte_rd_expense(v):
    return v("hte_rd_before_other") + v("hte_rd_other_allowed")


def _window_sum(v, column: str) -> np.ndarray:
    return v.sum("fiscal_year", np.where(v("fy_in_window"), v(column), 0))


@formula("近三个会计年度研究开发费用总额", "fen", REF)
def hte_rd_3y(v):
    return _window_sum(v, "hte_rd_expense")


@formula("近三个会计年度销售收入总额", "fen", REF)
def hte_sales_3y(v):
    return _window_sum(v, "sales_revenue")


@formula("近三个会计年度境内研究开发费用", "fen", REF)
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
    band = v("hte_rd_band")
    met = np.zeros(v.size, dtype=bool)
    for index, rate in enumerate(band_rates(v)):
        rows = band == index
        met[rows] = exact.at_least(v("hte_rd_3y")[rows], v("hte_sales_3y")[rows], rate)
    return met


@formula("境内研发费用占比达到60%", "bool", REF)
def hte_domestic_share_met(v):
    return exact.at_least(v("hte_rd_domestic_3y"), v("hte_rd_3y"), v.param("hte.rd_intensity.min_domestic_share"))
