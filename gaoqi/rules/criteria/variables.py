"""The facts a policy criterion may name: enterprise profile facts and the latest assessment's results.

Each variable also says how an enterprise could close a gap on it (``closing``), which decides whether an unmet
clause can count as "nearly" (see ``nearness``): structural facts (age, size, district, certificates, listing) cannot
be closed in an application window; the HTE results close through the self-assessment's gap plan (its estimated
cost); amounts an enterprise spends close by spending the shortfall; supplying an assessment costs nothing.

Each variable has a type (``bool``, ``number``, ``code``, ``date``) and, for numbers, a unit that decides which
literals it may be compared with: ratios take percents (``5%``) or plain decimals (``0.05``), amounts in yuan take
money (``5000万``, ``2亿``, ``300元``) or plain yuan, counts, points and years take plain numbers.
"""

from dataclasses import dataclass
from difflib import get_close_matches

from gaoqi.rules.criteria.errors import CriteriaError


@dataclass(frozen=True)
class Variable:
    name: str
    label: str
    type: str  # bool, number, code, date
    unit: str = ""  # for numbers: ratio, yuan, count, points, years
    closing: str = "structural"  # structural, gap_plan, shortfall, free

    @property
    def kind(self) -> str:
        """The type in words, e.g. “比例（写作 5%）”."""
        return UNIT_LABELS.get(self.unit) or TYPE_LABELS[self.type]


STRUCTURAL, GAP_PLAN, SHORTFALL, FREE = "structural", "gap_plan", "shortfall", "free"


def _v(name, label, type_, unit="", closing=STRUCTURAL):
    return Variable(name, label, type_, unit, closing)


VARIABLES = {
    v.name: v
    for v in (
        _v("district", "所在区（行政区划代码）", "code"),
        _v("tech_field", "技术领域代码", "code"),
        _v("tech_area", "技术领域大类（代码前两位）", "code"),
        _v("industry", "国民经济行业代码", "code"),
        _v("registered_on", "注册成立日期", "date"),
        _v("age_years", "成立年限（整年）", "number", "years"),
        _v("is_manufacturing", "制造业企业", "bool"),
        _v("hte_certificate", "持有有效期内的高新技术企业证书", "bool"),
        _v("tsme_certificate", "持有当年科技型中小企业入库登记编号", "bool"),
        _v("specialised_certificate", "持有有效期内的专精特新中小企业认定", "bool"),
        _v("little_giant_certificate", "持有有效期内的专精特新“小巨人”认定", "bool"),
        _v("gazelle_certificate", "持有有效期内的瞪羚企业认定", "bool"),
        _v("unicorn_certificate", "持有有效期内的独角兽企业认定", "bool"),
        _v("standards", "参与编制国家/行业标准", "bool"),
        _v("led_standard", "主导制定标准", "bool"),
        _v("national_award_top3", "国家科技奖前三完成单位", "bool"),
        _v("provincial_rd_institution", "省部级以上研发机构", "bool"),
        _v("listed", "已上市（含新三板挂牌）", "bool"),
        _v("listed_on", "上市（挂牌）日期", "date"),
        _v("valuation", "最近一轮融资投后估值", "number", "yuan"),
        _v("assessed", "已有自评结果", "bool", closing=FREE),
        _v("hte.eligible", "符合高企认定条件", "bool", closing=GAP_PLAN),
        _v("hte.rd_ratio", "近三年研发费用占销售收入比例", "number", "ratio", GAP_PLAN),
        _v("hte.domestic_rd_share", "境内研发费用占比", "number", "ratio", GAP_PLAN),
        _v("hte.st_staff_ratio", "科技人员占职工总数比例", "number", "ratio", GAP_PLAN),
        _v("hte.hightech_income_ratio", "高新技术产品（服务）收入占比", "number", "ratio", GAP_PLAN),
        _v("hte.score_min", "创新能力评价最低得分", "number", "points", GAP_PLAN),
        _v("hte.score_max", "创新能力评价最高得分", "number", "points", GAP_PLAN),
        _v("hte.gap_cost", "补齐高企差距的预计投入（自评差距方案合计）", "number", "yuan"),
        _v("hte.sales_growth", "销售收入增长率", "number", "ratio"),
        _v("hte.net_asset_growth", "净资产增长率", "number", "ratio"),
        _v("tsme.eligible", "符合科技型中小企业评价条件", "bool"),
        _v("tsme.score", "科技型中小企业评价得分", "number", "points"),
        _v("rd_deduction.base", "最近一年加计扣除口径研发费用", "number", "yuan", SHORTFALL),
        _v("rd_deduction.rate", "适用加计扣除比例", "number", "ratio"),
        _v("benefits.total", "预计年度节税额", "number", "yuan"),
        _v("fy.sales_revenue", "最近一年销售收入", "number", "yuan"),
        _v("fy.total_assets", "最近一年末资产总额", "number", "yuan"),
        _v("fy.employees", "最近一年职工总数", "number", "count"),
        _v("fy.rd_total", "最近一年研发费用合计（高企口径九类）", "number", "yuan", SHORTFALL),
        _v("contest.award_level", "近三年创新创业大赛最高获奖等次（0 无，1 入围…5 一等奖）", "number", "count"),
        _v("investment.total_12m", "近12个月股权融资合计", "number", "yuan"),
    )
}

UNIT_LITERALS = {
    "ratio": {"percent", "number"},
    "yuan": {"money", "number"},
    "count": {"number"},
    "points": {"number"},
    "years": {"number"},
}
KIND_LABELS = {
    "number": "数值",
    "percent": "百分数",
    "money": "金额",
    "date": "日期",
    "string": "文字",
    "bool": "是/否",
}
TYPE_LABELS = {"bool": "是/否", "number": "数值", "code": "代码（文字，加引号）", "date": "日期（如 2024-01-01）"}
UNIT_LABELS = {
    "ratio": "比例（写作 5%）",
    "yuan": "金额（元，可写 5000万、2亿）",
    "count": "个数",
    "points": "分数",
    "years": "整年数",
}


def variable(name: str, line: int = 1, column: int = 1) -> Variable:
    """The catalogue entry for ``name``, or a CriteriaError that suggests the closest known names."""
    try:
        return VARIABLES[name]
    except KeyError:
        hint = _suggest(name)
        suffix = f"，您是否想写“{hint}”？" if hint else "，可用变量见变量目录"
        raise CriteriaError(f"未知变量“{name}”{suffix}", line, column) from None


def _suggest(name: str) -> str:
    matches = get_close_matches(name, VARIABLES, n=1, cutoff=0.6)
    return matches[0] if matches else ""
