"""Every output figure as a plain column (one Python value per enterprise), computed vectorised."""

from fractions import Fraction

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.dates import to_date
from gaoqi.rules.engine import Evaluation
from gaoqi.rules.engine.status import NAMES
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.hte.rd_expense import band_rates
from gaoqi.rules.hte.score import growth_rate
from gaoqi.rules.profile import MANAGEMENT_ITEMS

STATUSES = [f"hte_{condition}" for condition, _, _ in CONDITIONS]
INTEGERS = (
    "days_registered",
    "ip_core_count",
    "ip_class_i_count",
    "ip_class_ii_count",
    "ip_class_ii_used_count",
    "major_incidents_last_year",
    "window_required_years",
    "conversions_3y",
    "conversion_grade",
    "ip_quantity_grade",
    "rdd_year",
    "tsme_score",
    "tsme_staff_points",
    "tsme_rd_points",
    "tsme_results_points",
    "gap_st_staff_needed",
    "gap_ip_class_ii_needed",
    "gap_conversions_needed",
    *(
        f"score_{part}_{end}"
        for part in ("ip", "conversion", "management", "growth", "total")
        for end in ("min", "max")
    ),
    *(f"score_growth_{rate}_{end}" for rate in ("net_assets", "sales") for end in ("min", "max")),
)
MONEY = (
    "hte_rd_3y",
    "hte_sales_3y",
    "hte_rd_domestic_3y",
    "latest_sales_revenue",
    "latest_total_income",
    "latest_hightech_income",
    "latest_taxable_income",
    "rdd_base",
    "rdd_extra_deduction",
    "rdd_tax_value",
    "hte_tax_saving",
    "gap_rd_required_3y",
    "gap_rd_shortfall",
    "gap_domestic_rd_shortfall",
    "gap_hightech_income_shortfall",
)
FLAGS = (
    "hte_rd_ratio_met",
    "hte_domestic_share_met",
    "tech_field_listed",
    "tsme_direct_route",
    "rdd_excluded_industry",
    "latest_taxable_income_known",
    "ip_reported",
    "rdd_known",
    "standards",
)
DATES = ("gap_registration_met_on", "gap_incident_clear_on")
STATUS_COLUMNS = (
    *STATUSES,
    "hte_eligible",
    "tsme_eligible",
    "tsme_size",
    "tsme_industry",
    "tsme_no_incident",
)


def fraction_text(rate: Fraction) -> str:
    """A rate as a short decimal string: 1/20 → '0.05'."""
    return exact.decimal_text([rate.numerator], [rate.denominator], 4)[0].rstrip("0").rstrip(".") or "0"


def _growth_text(ev: Evaluation, column: str) -> list:
    num, den, computable, known = growth_rate(ev, column)
    return exact.decimal_text(num, np.where(computable & known, den, 0), 4)


def _management_missing(ev: Evaluation) -> list[list[str]]:
    present = {item: ev(f"management_{item}") & ev.known(f"management_{item}") for item in MANAGEMENT_ITEMS}
    return [[item for item in MANAGEMENT_ITEMS if not present[item][i]] for i in range(ev.size)]


def collect(ev: Evaluation) -> dict[str, list]:
    """All output columns for the enterprises of ``ev``."""
    out: dict[str, list] = {}
    for name in STATUS_COLUMNS:
        out[name] = [NAMES[int(s)] for s in ev(name)]
    for name in (*INTEGERS, *FLAGS):
        out[name] = ev(name).tolist()
    for name in MONEY:
        out[name] = [exact.fen_text(f) for f in ev(name).tolist()]
    for name in DATES:
        out[name] = [to_date(day).isoformat() for day in ev(name).tolist()]
    out["tech_field"] = ev("tech_field").tolist()
    out["management_missing"] = _management_missing(ev)
    out["rd_ratio"] = exact.decimal_text(ev("hte_rd_3y"), ev("hte_sales_3y"))
    out["domestic_rd_share"] = exact.decimal_text(ev("hte_rd_domestic_3y"), ev("hte_rd_3y"))
    out["st_staff_ratio"] = exact.decimal_text(ev("latest_st_staff"), ev("latest_employees"))
    out["hightech_income_ratio"] = exact.decimal_text(ev("latest_hightech_income"), ev("latest_total_income"))
    out["rd_threshold"] = [fraction_text(r) for r in np.array(band_rates(ev), dtype=object)[ev("hte_rd_band")]]
    out["net_asset_growth"] = _growth_text(ev, "net_assets_end")
    out["sales_growth"] = _growth_text(ev, "sales_revenue")
    out["rdd_rate"] = [fraction_text(Fraction(r)) for r in ev("rdd_rate").tolist()]
    out["cit_rate"] = [fraction_text(Fraction(r)) for r in ev("cit_rate").tolist()]
    return out
