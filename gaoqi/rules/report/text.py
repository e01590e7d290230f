"""A readable Chinese text rendering of one result document (for the command line)."""

from gaoqi.rules.report.money import percent, yuan

VERDICT = {True: "符合", False: "不符合", None: "待定（数据不全或取决于专家评分）"}
MARK = {"pass": "✔ 达标", "fail": "✘ 不达标", "unknown": "？ 无法判断"}
ORDINALS = "一二三四五六七八"


def render_text(result: dict) -> str:
    """The report as lines of Chinese text."""
    hte, tsme, rdd, benefits = result["hte"], result["tsme"], result["rd_deduction"], result["benefits"]
    who = result.get("name") or "（未填企业名称）"
    if result.get("uscc"):
        who += f"（{result['uscc']}）"
    versions = "，".join(f"{name} {print_}" for name, print_ in result["rulebooks"].items())
    lines = [
        f"高新技术企业认定自评 — {who}",
        f"评估日期 {result['as_of']}；规则版本 {versions}",
        "",
        f"高新技术企业认定：{VERDICT[hte['eligible']]}",
    ]
    for number, condition in zip(ORDINALS, hte["conditions"], strict=True):
        lines.append(f"（{number}）{condition['label']}：{MARK[condition['status']]}")
        lines.append(f"    {condition['explanation']}")
        lines.append(f"    依据：{condition['reference']}")
    score = hte["score"]
    lines += [
        "",
        "创新能力评价（区间）："
        + "，".join(
            f"{label} {score[key]['min']}–{score[key]['max']}"
            for key, label in (
                ("ip", "知识产权"),
                ("conversion", "成果转化"),
                ("management", "研发组织管理"),
                ("growth", "成长性"),
            )
        )
        + f"；合计 {score['total']['min']}–{score['total']['max']} 分（70分以上，不含70分，为合格）",
        "",
        f"科技型中小企业评价：{VERDICT[tsme['eligible']]}（得分 {tsme['score']}"
        + ("，符合直接认定条件" if tsme["direct_route"] else "")
        + "）",
    ]
    if rdd["base"] is not None:
        lines.append(
            f"研发费用加计扣除（{rdd['year']} 年度）：比例 {percent(rdd['rate'])}，基数 {yuan(rdd['base'])}，"
            f"加计扣除 {yuan(rdd['extra_deduction'])}，"
            f"按税率 {percent(rdd['income_tax_rate'])} 节税 {yuan(rdd['tax_value'])}"
        )
    if benefits["total"] is not None:
        saving = yuan(benefits["hte_tax_saving"]) if benefits["hte_tax_saving"] else "—"
        lines.append(f"预计年度税收收益：高企15%税率节税 {saving}；合计 {yuan(benefits['total'])}")
    if result["gaps"]:
        lines += ["", "补短板清单（按预计成本由低到高）："]
        for index, gap in enumerate(result["gaps"], start=1):
            cost = f"（预计成本 {yuan(gap['estimated_cost'])}）" if gap["estimated_cost"] is not None else ""
            lines.append(f"  {index}. {gap['description']}{cost}")
    return "\n".join(lines) + "\n"
