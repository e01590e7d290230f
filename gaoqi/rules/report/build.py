"""Nest one enterprise's output columns into the result document."""

from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.report.gaps import REFERENCES, gap_plan
from gaoqi.rules.report.sentences import explain

STATUS_BOOL = {"pass": True, "fail": False, "unknown": None}


def _range(r: dict, part: str) -> dict:
    return {"min": r[f"score_{part}_min"], "max": r[f"score_{part}_max"]}


def _value_and_threshold(condition: str, r: dict) -> tuple:
    known = r[f"hte_{condition}"] != "unknown"
    return {
        "registered_one_year": (r["days_registered"] if known else None, 365),
        "core_ip": (r["ip_core_count"], 1),
        "tech_field": (r["tech_field"] or None, "国家重点支持的高新技术领域"),
        "st_staff_ratio": (r["st_staff_ratio"] if known else None, "0.10"),
        "rd_ratio": (r["rd_ratio"] if known else None, r["rd_threshold"]),
        "hightech_income_ratio": (r["hightech_income_ratio"] if known else None, "0.60"),
        "innovation_score": (_range(r, "total"), 71),
        "no_major_incident": (r["major_incidents_last_year"] if known else None, 0),
    }[condition]


def _conditions(r: dict) -> list[dict]:
    out = []
    for condition, label, _ in CONDITIONS:
        state = r[f"hte_{condition}"]
        value, threshold = _value_and_threshold(condition, r)
        out.append(
            {
                "id": condition,
                "label": label,
                "status": state,
                "value": value,
                "threshold": threshold,
                "explanation": explain(condition, state, r),
                "reference": REFERENCES[condition],
            }
        )
    return out


def build(r: dict, context: dict) -> dict:
    """The result document of one enterprise (see docs/profile-format.md)."""
    hte_known = r["hte_rd_ratio"] != "unknown"
    return {
        "as_of": context["as_of"],
        "rulebooks": context["rulebooks"],
        "hte": {
            "eligible": STATUS_BOOL[r["hte_eligible"]],
            "conditions": _conditions(r),
            "rd_ratio": r["rd_ratio"] if hte_known else None,
            "domestic_rd_share": r["domestic_rd_share"] if hte_known else None,
            "st_staff_ratio": r["st_staff_ratio"] if r["hte_st_staff_ratio"] != "unknown" else None,
            "hightech_income_ratio": r["hightech_income_ratio"]
            if r["hte_hightech_income_ratio"] != "unknown"
            else None,
            "score": {
                "ip": _range(r, "ip"),
                "conversion": _range(r, "conversion"),
                "management": _range(r, "management"),
                "growth": {
                    **_range(r, "growth"),
                    "net_asset_growth": r["net_asset_growth"],
                    "sales_growth": r["sales_growth"],
                },
                "total": _range(r, "total"),
            },
        },
        "tsme": {
            "eligible": STATUS_BOOL[r["tsme_eligible"]],
            "score": r["tsme_score"],
            "direct_route": r["tsme_direct_route"],
            "points": {
                "staff": r["tsme_staff_points"],
                "rd": r["tsme_rd_points"],
                "results": r["tsme_results_points"],
            },
            "conditions": {
                "size": r["tsme_size"],
                "industry": r["tsme_industry"],
                "no_major_incident": r["tsme_no_incident"],
            },
        },
        "rd_deduction": {
            "year": r["rdd_year"],
            "rate": r["rdd_rate"],
            "base": r["rdd_base"] if r["rdd_known"] else None,
            "extra_deduction": r["rdd_extra_deduction"] if r["rdd_known"] else None,
            "tax_value": r["rdd_tax_value"] if r["rdd_known"] else None,
            "income_tax_rate": r["cit_rate"],
            "excluded_industry": r["rdd_excluded_industry"],
        },
        "benefits": _benefits(r),
        "gaps": gap_plan(r, context["costs"], context["tables"]),
    }


def _benefits(r: dict) -> dict:
    saving = r["hte_tax_saving"] if r["latest_taxable_income_known"] else None
    deduction = r["rdd_tax_value"] if r["rdd_known"] else None
    parts = [int(x.replace(".", "")) for x in (saving, deduction) if x is not None]
    total = sum(parts)
    return {
        "hte_tax_saving": saving,
        "rd_deduction_tax_value": deduction,
        "total": f"{total // 100}.{total % 100:02d}" if parts else None,
        "basis": "高企资格按最近一年应纳税所得额由25%降至15%测算；加计扣除按适用税率测算节税额",
    }
