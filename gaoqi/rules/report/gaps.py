"""The gap plan: concrete, quantified actions for every failed or unknown condition, cheapest first."""

from gaoqi.rules import exact
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.hte.conditions import CONDITIONS
from gaoqi.rules.hte.references import ART_11, SCORE_CONVERSION, SCORE_IP, SCORE_MANAGEMENT
from gaoqi.rules.report.money import yuan
from gaoqi.rules.report.sentences import UNKNOWN_DATA

GRADES = "ABCDE"
REFERENCES = {condition: ART_11[article] for condition, _, article in CONDITIONS}


def _item(condition, action, description, quantity, unit, cost_fen, reference, **extra) -> dict:
    return {
        "condition": condition,
        "action": action,
        "description": description,
        "quantity": quantity,
        "unit": unit,
        "estimated_cost": None if cost_fen is None else exact.fen_text(cost_fen),
        "reference": reference,
        **extra,
    }


def _condition_items(r: dict, costs: dict) -> list[dict]:
    items = []
    for condition, _, _ in CONDITIONS:
        state, ref = r[f"hte_{condition}"], REFERENCES[condition]
        if state == "unknown" and UNKNOWN_DATA[condition]:
            items.append(_item(condition, "supply_data", f"补充数据：{UNKNOWN_DATA[condition]}", 1, "项", 0, ref))
        if state != "fail":
            continue
        if condition == "registered_one_year":
            days = 365 - r["days_registered"]
            met_on = r["gap_registration_met_on"]
            text = f"注册成立时间自 {met_on} 起满一年，届时再申请（还需 {days} 天）"
            items.append(_item(condition, "wait_until", text, days, "天", 0, ref, available_from=met_on))
        elif condition == "core_ip":
            text = (
                "取得至少1项对主要产品（服务）发挥核心支持作用的知识产权（Ⅰ类，或未曾使用的Ⅱ类如软件著作权、实用新型）"
            )
            items.append(_item(condition, "obtain_core_ip", text, 1, "项", costs["class_ii_ip_cost"], ref))
        elif condition == "tech_field":
            text = f"核对技术领域：代码 {r['tech_field']} 不在目录中，请按《国家重点支持的高新技术领域》选择"
            items.append(_item(condition, "fix_tech_field", text, 1, "项", 0, ref))
        elif condition == "st_staff_ratio":
            n = r["gap_st_staff_needed"]
            text = f"科技人员需增加 {n} 人，使占比达到10%"
            items.append(_item(condition, "add_st_staff", text, n, "人", n * costs["staff_annual_cost"], ref))
        elif condition == "rd_ratio":
            items.extend(_rd_items(r, ref))
        elif condition == "hightech_income_ratio":
            short = r["gap_hightech_income_shortfall"]
            text = f"最近一年高新技术产品（服务）收入需增加 {yuan(short)}，使占比达到60%"
            items.append(_item(condition, "increase_hightech_income", text, short, "元", None, ref))
        elif condition == "no_major_incident":
            clear_on = r["gap_incident_clear_on"]
            text = f"重大事故发生满一年后（{clear_on} 起）再申请"
            items.append(_item(condition, "wait_until", text, 1, "项", 0, ref, available_from=clear_on))
    return items


def _rd_items(r: dict, ref: str) -> list[dict]:
    items = []
    if not r["hte_rd_ratio_met"]:
        short = r["gap_rd_shortfall"]
        text = f"近三年研发费用需达到 {yuan(r['gap_rd_required_3y'])}，缺口 {yuan(short)}"
        items.append(_item("rd_ratio", "increase_rd", text, short, "元", int(short.replace(".", "")), ref))
    if not r["hte_domestic_share_met"]:
        short = r["gap_domestic_rd_shortfall"]
        text = f"境内研发费用需增加 {yuan(short)}，使境内占比达到60%"
        items.append(_item("rd_ratio", "increase_domestic_rd", text, short, "元", int(short.replace(".", "")), ref))
    return items


def _gain(r: dict, part: str, low_delta: int, high_delta: int, cap: int | None = None) -> dict:
    low, high = r[f"score_{part}_min"], r[f"score_{part}_max"]
    new_low, new_high = low + low_delta, high + high_delta
    if cap is not None:
        new_low, new_high = min(new_low, cap), min(new_high, cap)
    return {"min": new_low - low, "max": new_high - high}


def _score_items(r: dict, costs: dict, tables: dict) -> list[dict]:
    items = []
    quantity = tables["ip_quantity"]
    grade = GRADES[r["ip_quantity_grade"]]
    needed = r["gap_ip_class_ii_needed"]
    if needed > 0:
        total = r["ip_class_ii_count"] + needed
        minimum = quantity["class_ii_min"]
        target = "B" if total >= minimum["B"] else "C" if total >= minimum["C"] else "D"
        gain = _gain(r, "ip", quantity[target][0] - quantity[grade][0], quantity[target][1] - quantity[grade][1], 30)
        text = f"新增 {needed} 项Ⅱ类知识产权，知识产权数量升至{target}档（+{gain['min']}–{gain['max']}分）"
        cost = needed * costs["class_ii_ip_cost"]
        items.append(_item("innovation_score", "add_class_ii_ip", text, needed, "项", cost, SCORE_IP, score_gain=gain))
    if grade != "A" and r["ip_reported"]:
        gain = _gain(r, "ip", quantity["A"][0] - quantity[grade][0], quantity["A"][1] - quantity[grade][1], 30)
        text = f"取得1项Ⅰ类知识产权（如发明专利），知识产权数量升至A档（+{gain['min']}–{gain['max']}分）"
        cost = costs["class_i_ip_cost"]
        items.append(_item("innovation_score", "add_class_i_ip", text, 1, "项", cost, SCORE_IP, score_gain=gain))
    conversions = r["gap_conversions_needed"]
    if conversions > 0:
        rows = tables["conversion"]
        current = rows[r["conversion_grade"]]
        better = [row for row in rows if "at_least" in row and row["at_least"] > current.get("at_least", 0)]
        target = min(better, key=lambda row: row["at_least"])
        gain = _gain(
            r,
            "conversion",
            target["points"][0] - current["points"][0],
            target["points"][1] - current["points"][1],
        )
        grade = target["grade"]
        text = f"近三年再完成 {conversions} 项科技成果转化，转化能力升至{grade}档（+{gain['min']}–{gain['max']}分）"
        cost = conversions * costs["conversion_cost"]
        items.append(
            _item(
                "innovation_score",
                "add_conversions",
                text,
                conversions,
                "项",
                cost,
                SCORE_CONVERSION,
                score_gain=gain,
            )
        )
    for element in r["management_missing"]:
        label = REGISTRY[f"management_{element}"].label
        text = f"{label.replace('了', '', 1)}（研发组织管理水平加分）"
        items.append(
            _item(
                "innovation_score",
                f"establish_{element}",
                text,
                1,
                "项",
                costs["management_element_cost"],
                SCORE_MANAGEMENT,
            )
        )
    if not r["standards"]:
        bonus = tables["standards_bonus"]["A"]
        gain = _gain(r, "ip", bonus[0], bonus[1], 30)
        text = f"参与编制国家标准、行业标准、检测方法或技术规范（知识产权加分 +{gain['min']}–{gain['max']}分）"
        items.append(
            _item(
                "innovation_score",
                "join_standard_drafting",
                text,
                1,
                "项",
                costs["standards_cost"],
                SCORE_IP,
                score_gain=gain,
            )
        )
    return items


def gap_plan(r: dict, costs: dict, tables: dict) -> list[dict]:
    """Items ordered by estimated cost (unpriced items last), then by the order of the law."""
    items = _condition_items(r, costs)
    if r["hte_innovation_score"] != "pass":
        items.extend(_score_items(r, costs, tables))
    priced = [item for item in items if item["estimated_cost"] is not None]
    unpriced = [item for item in items if item["estimated_cost"] is None]
    priced.sort(key=lambda item: int(item["estimated_cost"].replace(".", "")))
    return priced + unpriced
