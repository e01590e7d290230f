"""Why / why not, in Chinese, for each HTE condition, from the output columns of one enterprise."""

from gaoqi.rules.report.money import percent, yuan

UNKNOWN_DATA = {
    "registered_one_year": "缺少注册成立日期，无法判断。",
    "core_ip": "尚未填报知识产权，或有知识产权未注明授权日期、是否发挥核心支持作用，无法判断。",
    "tech_field": "缺少技术领域代码，无法判断。",
    "st_staff_ratio": "缺少最近一年的职工总数或科技人员数，无法判断。",
    "rd_ratio": "近三个会计年度的销售收入或研发费用数据不全，无法判断。",
    "hightech_income_ratio": "缺少最近一年的高新技术产品（服务）收入或总收入，无法判断。",
    "innovation_score": "",
    "no_major_incident": "尚未填报申请前一年内的安全、质量、环境事故情况，无法判断。",
}


def explain(condition: str, status: str, row: dict) -> str:
    """One or two sentences saying why the condition passes, fails or cannot be judged."""
    if status == "unknown" and UNKNOWN_DATA[condition]:
        return UNKNOWN_DATA[condition]
    return _SENTENCES[condition](status == "pass", row)


def _registered(ok: bool, r: dict) -> str:
    verdict = "已满足" if ok else f"尚不满足，自 {r['gap_registration_met_on']} 起满足"
    return f"注册成立至申请日共 {r['days_registered']} 天，要求不少于365天（一年以上），{verdict}。"


def _core_ip(ok: bool, r: dict) -> str:
    used = r["ip_class_ii_used_count"]
    note = f"另有 {used} 项Ⅱ类知识产权已在以往申请中使用，不能再次使用。" if used else ""
    if ok:
        return f"拥有 {r['ip_core_count']} 项可用且对主要产品发挥核心支持作用的知识产权。{note}"
    return f"没有可用于本次申请、且对主要产品发挥核心支持作用的知识产权。{note}"


def _tech_field(ok: bool, r: dict) -> str:
    if ok:
        return f"技术领域代码 {r['tech_field']} 属于《国家重点支持的高新技术领域》。"
    return f"技术领域代码 {r['tech_field']} 不在《国家重点支持的高新技术领域》目录中。"


def _st_staff(ok: bool, r: dict) -> str:
    verdict = "达标" if ok else f"未达标，需再增加科技人员 {r['gap_st_staff_needed']} 人"
    return f"最近一年科技人员占职工总数的 {percent(r['st_staff_ratio'])}，要求不低于10%，{verdict}。"


def _rd(ok: bool, r: dict) -> str:
    band = f"最近一年销售收入 {yuan(r['latest_sales_revenue'])}，适用 {percent(r['rd_threshold'])} 的门槛"
    ratio = (
        f"近三个会计年度研发费用 {yuan(r['hte_rd_3y'])}（委托研发按80%计、其他费用不超过20%），"
        f"同期销售收入 {yuan(r['hte_sales_3y'])}，占比 {percent(r['rd_ratio'])}；{band}"
    )
    domestic = f"境内研发费用占 {percent(r['domestic_rd_share'])}（要求不低于60%）"
    if ok:
        return f"{ratio}，{domestic}，均达标。"
    reasons = []
    if not r["hte_rd_ratio_met"]:
        reasons.append(f"研发费用还差 {yuan(r['gap_rd_shortfall'])}（应达到 {yuan(r['gap_rd_required_3y'])}）")
    if not r["hte_domestic_share_met"]:
        reasons.append(f"{domestic}，境内研发还需增加 {yuan(r['gap_domestic_rd_shortfall'])}")
    return f"{ratio}。未达标：{'；'.join(reasons)}。"


def _hightech(ok: bool, r: dict) -> str:
    share = (
        f"最近一年高新技术产品（服务）收入 {yuan(r['latest_hightech_income'])}，"
        f"总收入 {yuan(r['latest_total_income'])}，"
        f"占比 {percent(r['hightech_income_ratio'])}，要求不低于60%"
    )
    return f"{share}，达标。" if ok else f"{share}，未达标，还差 {yuan(r['gap_hightech_income_shortfall'])}。"


def _score(ok: bool, r: dict) -> str:
    low, high = r["score_total_min"], r["score_total_max"]
    parts = (
        f"知识产权 {r['score_ip_min']}–{r['score_ip_max']}，"
        f"成果转化 {r['score_conversion_min']}–{r['score_conversion_max']}，"
        f"研发组织管理 {r['score_management_min']}–{r['score_management_max']}，"
        f"企业成长性 {r['score_growth_min']}–{r['score_growth_max']}"
    )
    if ok:
        verdict = "最低分也超过70分，达到要求"
    elif high <= 70:
        verdict = "最高分也不超过70分，达不到要求"
    else:
        verdict = "区间跨越合格线（70分以上，不含70分），取决于专家评分"
    return f"创新能力评价预计 {low}–{high} 分（{parts}）；{verdict}。"


def _incident(ok: bool, r: dict) -> str:
    if ok:
        return "申请前一年内未填报重大安全、质量事故或严重环境违法行为。"
    return (
        f"申请前一年内有 {r['major_incidents_last_year']} 起重大事故或严重违法行为，"
        f"自 {r['gap_incident_clear_on']} 起不再落入“申请认定前一年内”。"
    )


_SENTENCES = {
    "registered_one_year": _registered,
    "core_ip": _core_ip,
    "tech_field": _tech_field,
    "st_staff_ratio": _st_staff,
    "rd_ratio": _rd,
    "hightech_income_ratio": _hightech,
    "innovation_score": _score,
    "no_major_incident": _incident,
}
