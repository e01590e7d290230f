"""科技型中小企业评价: basic conditions, the 100-point score, the pass rule and the direct-qualification routes."""

import numpy as np

from gaoqi.rules.bands import banded
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.dates import year_of
from gaoqi.rules.engine.status import PASS, all_of, status
from gaoqi.rules.exact import Exact

formula = REGISTRY.formula
MEASURES = "《科技型中小企业评价办法》（国科发政〔2017〕115号）"
ART_6 = f"{MEASURES} 第六条"
INDICATORS = f"{MEASURES} 附件 评价指标"
ROUTES = ("hte_certificate", "national_award_top3", "provincial_rd_institution", "led_standard")


@formula("（二）规模：职工总数、年销售收入、资产总额不超过上限", "status", f"{ART_6}（二）", since="2017-05-03")
def tsme_size(v):
    known = v("latest_employees_known") & v("latest_sales_revenue_known") & v("latest_total_assets_end_known")
    small = (
        (v("latest_employees") <= v.param("tsme.size.max_employees") * 100)
        & (v("latest_sales_revenue") <= v.param("tsme.size.max_sales"))
        & (v("latest_total_assets_end") <= v.param("tsme.size.max_total_assets"))
    )
    return status(known, small)


@formula("（三）不属于限制类行业", "status", f"{ART_6}（三）；财税〔2015〕119号 四", since="2017-05-03")
def tsme_industry(v):
    return status(v("rdd_industry_known"), ~v("rdd_excluded_industry"))


@formula("（四）上年度及当年（至申请日）未发生重大事故", "status", f"{ART_6}（四）", since="2017-05-03")
def tsme_no_incident(v):
    year = v.broadcast("incident", v("application_year"))
    applied = v.broadcast("incident", v("application_day"))
    day = v("incident_day")
    incident_year = year_of(day)
    recent = (incident_year >= year - 1) & (day <= applied) & v("incident_major")
    return status(v("incidents_reported"), v.sum("incident", recent) == 0)


@formula("科技人员指标得分", "points", INDICATORS, since="2017-05-03")
def tsme_staff_points(v):
    return banded(v("latest_st_staff"), v("latest_employees"), v.param("tsme.score.staff"))[1]


@formula("科技人员指标可计算（最近一年职工总数、科技人员数已填报）", "bool", INDICATORS, since="2017-05-03")
def tsme_staff_known(v):
    return v("latest_employees_known") & v("latest_st_staff_known")


@formula("研发投入指标得分（两种比例取高者；负面清单行业也照算）", "points", INDICATORS, since="2017-05-03")
def tsme_rd_points(v):
    rd = v("rdd_qualifying")
    by_sales = banded(rd.num, Exact(v("latest_sales_revenue")).at(rd.den), v.param("tsme.score.rd_to_sales"))[1]
    by_costs = banded(rd.num, Exact(v("latest_total_costs")).at(rd.den), v.param("tsme.score.rd_to_costs"))[1]
    return np.maximum(by_sales, np.where(v("latest_total_costs_known"), by_costs, 0))


@formula("研发投入指标可能的最高得分（研发费用或成本费用未填时取满分）", "points", INDICATORS, since="2017-05-03")
def tsme_rd_points_max(v):
    best = v.param("tsme.score.rd_to_costs")[0]["points"]
    decided = v("rdd_known") & v("latest_sales_revenue_known") & v("latest_total_costs_known")
    return np.where(decided, v("tsme_rd_points"), best)


@formula("科技成果指标得分", "points", INDICATORS, since="2017-05-03")
def tsme_results_points(v):
    table = v.param("tsme.score.results")
    in_force = v("ip_in_force")
    class_i = v.sum("ip", in_force & v("ip_class_i"))
    class_ii = v.sum("ip", in_force & ~v("ip_class_i"))
    points = np.zeros(v.size, dtype=np.int64)
    for count, award in sorted(table["class_ii"].items()):
        points = np.where(class_ii >= count, award, points)
    return np.where(class_i >= 1, table["class_i"], points)


@formula("科技型中小企业评价得分（未填的指标按0分计）", "points", INDICATORS, since="2017-05-03")
def tsme_score(v):
    staff = np.where(v("tsme_staff_known"), v("tsme_staff_points"), 0)
    rd = np.where(v("rdd_known"), v("tsme_rd_points"), 0)
    results = np.where(v("ip_reported"), v("tsme_results_points"), 0)
    return staff + rd + results


@formula("科技型中小企业评价可能的最高得分（未填的指标按满分计）", "points", INDICATORS, since="2017-05-03")
def tsme_score_max(v):
    staff = np.where(v("tsme_staff_known"), v("tsme_staff_points"), v.param("tsme.score.staff")[0]["points"])
    results_best = v.param("tsme.score.results")["class_i"]
    results = np.where(v("ip_reported"), v("tsme_results_points"), results_best)
    return staff + v("tsme_rd_points_max") + results


@formula("（五）评价得分不低于60分且科技人员指标得分不为0", "status", f"{ART_6}（五）", since="2017-05-03")
def tsme_score_met(v):
    """Decided by what is known: the known points already reach the mark with staff points above 0 (unknown
    indicators can only add), or staff points are 0, or even full marks on every unknown indicator fall short."""
    mark, staff_known = v.param("tsme.score.pass_mark"), v("tsme_staff_known")
    staff_zero = staff_known & (v("tsme_staff_points") == 0)
    met = staff_known & ~staff_zero & (v("tsme_score") >= mark)
    failed = staff_zero | (v("tsme_score_max") < mark)
    return status(met | failed, met)


@formula(
    "符合直接认定条件（高企资格、国家级科技奖、省部级研发机构、主导制定标准之一）",
    "bool",
    f"{ART_6}",
    since="2017-05-03",
)
def tsme_direct_route(v):
    routes = np.zeros(v.size, dtype=bool)
    for route in ROUTES:
        routes |= v(f"tsme_routes_{route}")
    return routes


@formula("科技型中小企业评价结论", "status", ART_6, since="2017-05-03")
def tsme_eligible(v):
    route = np.where(v("tsme_direct_route"), PASS, v("tsme_score_met")).astype(np.int8)
    return all_of(v("tsme_size"), v("tsme_industry"), v("tsme_no_incident"), route)
