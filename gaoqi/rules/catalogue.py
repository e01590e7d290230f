"""The shared variable registry and the inputs every rulebook reads from an enterprise profile."""

from gaoqi.rules.engine import Registry
from gaoqi.rules.profile import FLAGS, MANAGEMENT_ITEMS, RD_CATEGORIES, TSME_ROUTES

REGISTRY = Registry()
_input = REGISTRY.input

_input("name", "企业名称", "text")
_input("uscc", "统一社会信用代码", "code")
_input("registered_on", "注册成立日期", "day")
_input("application_day", "申请日期", "day")
_input("district", "所在区（行政区划代码）", "code")
_input("tech_field", "技术领域代码", "code")
_input("industry", "国民经济行业代码（GB/T 4754）", "code")
for _flag, _label in zip(FLAGS, ("制造业企业", "参与编制国家/行业标准", "列入集成电路或工业母机企业清单"), strict=True):
    _input(_flag, _label, "bool")
_input("rating_advancement", "自评：技术的先进程度（A–E）", "grade")
_input("rating_core_support", "自评：对主要产品的核心支持作用（A–E）", "grade")
_MANAGEMENT_LABELS = (
    "制定了研究开发组织管理制度",
    "建立了研发投入核算体系",
    "编制了研发费用辅助账",
    "设立了内部研究开发机构",
    "开展了产学研合作",
    "建立了科技成果转化组织实施与激励奖励制度",
    "建立了开放式创新创业平台",
    "建立了科技人员培养进修、职工技能培训制度",
    "建立了人才引进与绩效评价奖励制度",
)
for _item, _label in zip(MANAGEMENT_ITEMS, _MANAGEMENT_LABELS, strict=True):
    _input(f"management_{_item}", _label, "bool")
_ROUTE_LABELS = (
    "有效期内高新技术企业资格",
    "近五年国家级科技奖励前三名",
    "省部级以上研发机构",
    "近五年主导制定国际、国家或行业标准",
)
for _route, _label in zip(TSME_ROUTES, _ROUTE_LABELS, strict=True):
    _input(f"tsme_routes_{_route}", _label, "bool")
for _flag, _label in (
    ("fiscal_years_reported", "已填报年度财务数据"),
    ("ip_reported", "已填报知识产权"),
    ("conversions_reported", "已填报科技成果转化"),
    ("incidents_reported", "已填报安全、质量、环境事故情况"),
):
    _input(_flag, _label, "bool")

_FISCAL = "fiscal_year"
_input("fy_year", "会计年度", "year", _FISCAL)
for _name, _label in (
    ("sales_revenue", "销售收入"),
    ("total_income", "总收入"),
    ("hightech_income", "高新技术产品（服务）收入"),
    ("net_assets_end", "年末净资产"),
    ("total_assets_end", "年末资产总额"),
    ("taxable_income", "应纳税所得额"),
    ("total_costs", "成本费用支出总额"),
):
    _input(_name, _label, "fen", _FISCAL)
_input("employees", "职工总数（年平均）", "centi_persons", _FISCAL)
_input("st_staff", "科技人员数（年平均）", "centi_persons", _FISCAL)
_RD_LABELS = (
    "人员人工费用",
    "直接投入费用",
    "折旧费用与长期待摊费用",
    "无形资产摊销费用",
    "设计费用",
    "装备调试费用与试验费用",
    "委托境内研究开发费用",
    "委托境外研究开发费用",
    "其他费用",
)
for _category, _label in zip(RD_CATEGORIES, _RD_LABELS, strict=True):
    _input(f"rd_{_category}", f"研发费用：{_label}", "fen", _FISCAL)

_IP = "ip"
_input("ip_kind", "知识产权类型", "code", _IP)
_input("ip_granted_day", "授权（登记）日期", "day", _IP)
_input("ip_expires_day", "保护期届满日期", "day", _IP)
_input("ip_acquired_by", "获得方式", "code", _IP)
_input("ip_core", "对主要产品（服务）发挥核心支持作用", "bool", _IP)
_input("ip_used_before", "已在以往高企申请中使用", "bool", _IP)
_input("conversion_year", "成果转化年度", "year", "conversion")
_input("conversion_count", "成果转化项数", "count", "conversion")
_input("incident_kind", "事故类型", "code", "incident")
_input("incident_day", "事故日期", "day", "incident")
_input("incident_major", "重大事故或严重违法行为", "bool", "incident")
