"""认定办法 第十一条（一）–（八）: the eight conditions, each pass / fail / unknown."""

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.engine.status import FAIL, PASS, UNKNOWN, all_of, status
from gaoqi.rules.hte.references import ART_11

formula = REGISTRY.formula

CONDITIONS = (
    ("registered_one_year", "注册成立一年以上", 1),
    ("core_ip", "拥有核心知识产权的所有权", 2),
    ("tech_field", "技术属于国家重点支持的高新技术领域", 3),
    ("st_staff_ratio", "科技人员占比达标", 4),
    ("rd_ratio", "研究开发费用占比达标", 5),
    ("hightech_income_ratio", "高新技术产品（服务）收入占比达标", 6),
    ("innovation_score", "创新能力评价达到要求", 7),
    ("no_major_incident", "申请前一年内未发生重大安全、质量事故或严重环境违法行为", 8),
)
CONDITION_IDS = tuple(cid for cid, _label, _article in CONDITIONS)


@formula("注册成立天数（至申请日）", "days", ART_11[1])
def days_registered(v):
    return v("application_day") - v("registered_on")


@formula("（一）注册成立一年以上", "status", ART_11[1])
def hte_registered_one_year(v):
    return status(v.known("registered_on"), v("days_registered") >= v.param("hte.registration.min_days"))


@formula("（二）核心知识产权", "status", ART_11[2])
def hte_core_ip(v):
    has_core = v("ip_core_count") >= 1
    known = v("ip_reported") & (has_core | (v("ip_core_unknown_count") == 0))
    return status(known, has_core)


@formula("技术领域代码属于《国家重点支持的高新技术领域》", "bool", ART_11[3])
def tech_field_listed(v):
    catalogue = v.param("hte.fields.catalogue")
    return np.fromiter((code in catalogue for code in v("tech_field")), dtype=bool, count=v.size)


@formula("（三）技术领域", "status", ART_11[3])
def hte_tech_field(v):
    return status(v.known("tech_field"), v("tech_field_listed"))


@formula("（四）科技人员占比", "status", ART_11[4])
def hte_st_staff_ratio(v):
    known = v("latest_employees_known") & v("latest_st_staff_known")
    met = exact.at_least(v("latest_st_staff"), v("latest_employees"), v.param("hte.st_staff.min_ratio"))
    return status(known, met)


@formula("（五）研究开发费用占比", "status", ART_11[5])
def hte_rd_ratio(v):
    known = v("window_complete") & v("latest_sales_revenue_known")
    return status(known, v("hte_rd_ratio_met") & v("hte_domestic_share_met"))


@formula("（六）高新技术产品（服务）收入占比", "status", ART_11[6])
def hte_hightech_income_ratio(v):
    known = v("latest_hightech_income_known") & v("latest_total_income_known")
    met = exact.at_least(
        v("latest_hightech_income"), v("latest_total_income"), v.param("hte.hightech_income.min_ratio")
    )
    return status(known, met)


@formula("（七）创新能力评价", "status", ART_11[7])
def hte_innovation_score(v):
    """Pass when even the lowest score clears the mark, fail when even the highest does not, else unknown."""
    mark = v.param("hte.score.pass_above")
    passes, fails = v("score_total_min") > mark, v("score_total_max") <= mark
    return status(passes | fails, passes)


@formula("申请前一年内的重大事故或严重违法行为数", "count", ART_11[8])
def major_incidents_last_year(v):
    applied = v.broadcast("incident", v("application_day"))
    day = v("incident_day")
    recent = (day <= applied) & (day >= applied - v.param("hte.incidents.lookback_days"))
    return v.sum("incident", recent & v("incident_major"))


@formula("（八）无重大事故", "status", ART_11[8])
def hte_no_major_incident(v):
    return status(v("incidents_reported"), v("major_incidents_last_year") == 0)


@formula("高新技术企业认定条件总体判断", "status", ART_11[1])
def hte_eligible(v):
    return all_of(*(v(f"hte_{condition}") for condition, _, _ in CONDITIONS))


VERDICTS = ("ineligible", "eligible", "missing_data", "pending_expert")


@formula("认定结论（不符合、符合、数据不全、待专家评分）", "choice", ART_11[7])
def hte_verdict(v):
    """Pending expert scoring only when every other condition passes and the score range crosses the mark with all
    its data in; any other open question is missing data."""
    eligible = v("hte_eligible")
    others_pass = np.ones(v.size, dtype=bool)
    for condition in CONDITION_IDS:
        if condition != "innovation_score":
            others_pass &= v(f"hte_{condition}") == PASS
    expert = others_pass & (v("hte_innovation_score") == UNKNOWN) & ~v("score_missing_inputs")
    undecided = np.where(expert, 3, 2)
    return np.where(eligible == PASS, 1, np.where(eligible == FAIL, 0, undecided)).astype(np.int64)
