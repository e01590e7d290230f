"""The report of a stored assessment as pages and prints show it: one view-model for the HTML report and the PDF, so
both write every ratio, rate and amount the same way (``gaoqi.core.formats``)."""

from gaoqi.apps.assessments.engine import localised
from gaoqi.apps.assessments.results import result_conditions, result_gaps, result_growth, result_part
from gaoqi.core.formats import percent, yuan

RATIO_CONDITIONS = {"st_staff_ratio", "rd_ratio", "hightech_income_ratio"}
HTE_RATIOS = ("rd_ratio", "domestic_rd_share", "st_staff_ratio", "hightech_income_ratio")
RD_MONEY = ("base", "extra_deduction", "tax_value")
BENEFIT_MONEY = ("hte_tax_saving", "rd_deduction_tax_value", "total")


def _conditions(conditions: list[dict]) -> list[dict]:
    rows = []
    for c in conditions:
        row = dict(c)
        if c.get("id") in RATIO_CONDITIONS:
            row["value"], row["threshold"] = percent(c.get("value")), percent(c.get("threshold"))
        rows.append(row)
    return rows


def _gaps(gaps: list[dict]) -> list[dict]:
    rows = []
    for g in gaps:
        quantity = yuan(g.get("quantity")) if g.get("unit") == "元" else g.get("quantity")
        rows.append({**g, "quantity": quantity, "estimated_cost": yuan(g.get("estimated_cost"))})
    return rows


def report_view(assessment) -> dict:
    """The report's figures, written for reading, in the active language."""
    result = localised(assessment.result)
    hte, rd, benefits = (result_part(result, name) for name in ("hte", "rd_deduction", "benefits"))
    growth = result_growth(result)
    return {
        "assessment": assessment,
        "enterprise": assessment.enterprise,
        "result": result,
        "hte": hte,
        "conditions": _conditions(result_conditions(result)),
        "growth_rates": {
            "net_assets": percent(growth.get("net_asset_growth")),
            "sales": percent(growth.get("sales_growth")),
        },
        "ratios": {k: percent(hte.get(k)) for k in HTE_RATIOS},
        "gaps": _gaps(result_gaps(result)),
        "tsme": result_part(result, "tsme"),
        "rd": {**rd, **{k: yuan(rd.get(k)) for k in RD_MONEY}},
        "rd_rates": {"rate": percent(rd.get("rate")), "income_tax_rate": percent(rd.get("income_tax_rate"))},
        "benefits": {**benefits, **{k: yuan(benefits.get(k)) for k in BENEFIT_MONEY}},
    }
