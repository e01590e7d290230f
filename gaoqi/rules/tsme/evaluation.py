"""科技型中小企业评价: basic conditions, the 100-point score, the pass rule and the direct-qualification routes."""

import numpy as np

from gaoqi.rules.bands import banded
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.engine.status import PASS, all_of, status

formula = REGISTRY.formula
MEASURES = "《科技型中小企业评价办法》（国科发政〔2017〕115号）"
ART_6 = f"{MEASURES} 第六条"
INDICATORS = f"{MEASURES} 附件 评价指标"
ROUTES = ("hte_certificate", "national_award_top3", "provincial_rd_institution", "led_standard")


@formula("（二）规模：职工≤500人、销售收入≤2亿元、资产总额≤2亿元", "status", f"{ART_6}（二）", since="2017-05-03")
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
    return status(v.known("industry"), ~v("rdd_excluded_industry"))


@formula("（四）上年度及当年未发生重大事故", "status", f"{ART_6}（四）", since="2017-05-03")
def tsme_no_incident(v):
    year = v.broadcast("incident", v("application_year"))
    incident_year = v("incident_day").astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    recent = (incident_year >= year - 1) & (incident_year <= year) & v("incident_major")
    return status(v("incidents_reported"), v.sum("incident", recent) == 0)


@formula("科技人员指标得分", "points", INDICATORS, since="2017-05-03")
def tsme_staff_points(v):
    return banded(v("latest_st_staff"), v("latest_employees"), v.param("tsme.score.staff"))[1]


@formula("研发投入指标得分（两种比例取高者）", "points", INDICATORS, since="2017-05-03")
def tsme_rd_points(v):
    base = v("rdd_base")
    by_sales = banded(base, v("latest_sales_revenue"), v.param("tsme.score.rd_to_sales"))[1]
    by_costs = banded(base, v("latest_total_costs"), v.param("tsme.score.rd_to_costs"))[1]
    return np.maximum(by_sales, np.where(v("latest_total_costs_known"), by_costs, 0))


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


@formula("科技型中小企业评价得分", "points", INDICATORS, since="2017-05-03")
def tsme_score(v):
    return v("tsme_staff_points") + v("tsme_rd_points") + v("tsme_results_points")


@formula("成本费用未填时研发投入指标可能的最高得分", "points", INDICATORS, since="2017-05-03")
def tsme_rd_points_max(v):
    best = v.param("tsme.score.rd_to_costs")[0]["points"]
    return np.where(v("latest_total_costs_known"), v("tsme_rd_points"), best)


@formula("（五）评价得分不低于60分且科技人员指标得分不为0", "status", f"{ART_6}（五）", since="2017-05-03")
def tsme_score_met(v):
    mark, staff = v.param("tsme.score.pass_mark"), v("tsme_staff_points")
    best = staff + v("tsme_rd_points_max") + v("tsme_results_points")
    met = (v("tsme_score") >= mark) & (staff > 0)
    decided = met | (best < mark) | (staff == 0)
    known = v("latest_employees_known") & v("latest_st_staff_known") & v("rdd_known") & v("ip_reported")
    return status(known & decided, met)


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
