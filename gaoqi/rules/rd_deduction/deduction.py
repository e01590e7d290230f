"""The super-deduction base of the latest fiscal year, its rate by tax year and enterprise type, and its value."""

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.dates import jan_first
from gaoqi.rules.engine.status import PASS
from gaoqi.rules.exact import Exact
from gaoqi.rules.hte.period import latest
from gaoqi.rules.industry import division

formula = REGISTRY.formula
REF = "财税〔2015〕119号；财税〔2018〕64号；国家税务总局公告2021年第28号"
RATE_REF = "财政部 税务总局公告2023年第7号 及此前各年度公告"
FIRST_FIVE = ("personnel", "direct_inputs", "depreciation", "amortization", "design", "equipment_trials")


def _latest(v, column: str) -> np.ndarray:
    return latest(v, column)[0]


@formula("加计扣除年度（最近一个会计年度）", "year", REF)
def rdd_year(v):
    return v("application_year") - 1


@formula("国民经济行业大类代码（GB/T 4754-2017）", "code", "GB/T 4754-2017")
def industry_division(v):
    return division(v("industry"))


@formula("行业可确定（已填报可识别的行业代码）", "bool", "财税〔2015〕119号 四")
def rdd_industry_known(v):
    return v.known("industry") & (v("industry_division") != "")


@formula("属于不适用加计扣除的行业", "bool", "财税〔2015〕119号 四")
def rdd_excluded_industry(v):
    return np.isin(v("industry_division"), list(v.param("rd_deduction.excluded_industries")))


@formula("制造业企业（未填报时按行业代码属于制造业门类判断）", "bool", "财政部 税务总局公告2021年第13号")
def rdd_manufacturer(v):
    divisions = v.param("rd_deduction.manufacturing_divisions")
    code = v("industry_division")
    number = np.array([int(d) if d else 0 for d in code.tolist()], dtype=np.int64)
    by_code = v("rdd_industry_known") & (number >= divisions["first"]) & (number <= divisions["last"])
    return np.where(v.known("is_manufacturing"), v("is_manufacturing"), by_code)


@formula("前五类研发费用（人员人工、直接投入、折旧、无形资产摊销、新产品设计等）", "fen", REF)
def rdd_first_five(v):
    return sum(_latest(v, f"rd_{category}") for category in FIRST_FIVE)


@formula("可加计扣除的其他相关费用（不超过限额：前五类合计×比例÷(1−比例)）", "exact_fen", REF)
def rdd_other_allowed(v):
    share = v.param("rd_deduction.base.other_max_share")
    return Exact(v("rdd_first_five")).times(share / (1 - share)).minimum(_latest(v, "rd_other"))


@formula("境内符合条件的研发费用", "exact_fen", REF)
def rdd_domestic(v):
    entrusted = Exact(_latest(v, "rd_entrusted_domestic")).times(v.param("rd_deduction.base.entrusted_share"))
    return v("rdd_other_allowed") + v("rdd_first_five") + entrusted


@formula("可加计扣除的委托境外研发费用（按比例计入，且不超过境内符合条件费用的规定比例）", "exact_fen", REF)
def rdd_overseas_allowed(v):
    overseas = Exact(_latest(v, "rd_entrusted_overseas")).times(v.param("rd_deduction.base.entrusted_share"))
    return overseas.minimum(v("rdd_domestic").times(v.param("rd_deduction.base.overseas_max_share_of_domestic")))


@formula("符合加计扣除口径的研发费用（不论行业）", "exact_fen", REF)
def rdd_qualifying(v):
    """Exact: no text asks for rounding before the deduction itself, so none is done (one rounding, at the end)."""
    return v("rdd_domestic") + v("rdd_overseas_allowed")


@formula("加计扣除研发费用基数", "exact_fen", REF)
def rdd_base(v):
    return v("rdd_qualifying").where(~v("rdd_excluded_industry"), 0)


@formula("加计扣除基数数据已填报", "bool", REF)
def rdd_known(v):
    return latest(v, "rd_personnel")[1]


@formula("加计扣除比例（万分之一）", "bp", RATE_REF)
def rdd_rate(v):
    """The highest rate the enterprise qualifies for in the tax year (0 where none is encoded)."""
    year_start = jan_first(v("rdd_year")).astype("datetime64[D]")
    rate = v.rate_on("rd_deduction.rate.general", year_start)
    for name, applies in (
        ("manufacturing", v("rdd_manufacturer")),
        ("tsme", v("tsme_eligible") == PASS),
        ("list_120", v("on_120_list")),
    ):
        rate = np.maximum(rate, np.where(applies, v.rate_on(f"rd_deduction.rate.{name}", year_start), 0))
    return np.where(v("rdd_excluded_industry"), 0, rate)


@formula("研发费用加计扣除额（按精确基数计算，四舍五入到分一次）", "fen", REF)
def rdd_extra_deduction(v):
    return v("rdd_base").times_rounded(v("rdd_rate"))


@formula(
    "适用的企业所得税税率（持有效高企证书按优惠税率，否则按标准税率；万分之一）",
    "bp",
    "《中华人民共和国企业所得税法》第四条、第二十八条",
)
def cit_rate(v):
    hte_rate = exact.basis_points(v.param("rd_deduction.cit.hte_rate"))
    standard = exact.basis_points(v.param("rd_deduction.cit.standard_rate"))
    return np.where(v("tsme_routes_hte_certificate"), hte_rate, standard)


@formula("加计扣除的节税额", "fen", REF)
def rdd_tax_value(v):
    return exact.apply_bp(v("rdd_extra_deduction"), v("cit_rate"))


@formula("高企资格的年节税额（最近一年应纳税所得额×两档税率之差）", "fen", "《中华人民共和国企业所得税法》第二十八条")
def hte_tax_saving(v):
    taxable = np.maximum(v("latest_taxable_income"), 0)
    gap = v.param("rd_deduction.cit.standard_rate") - v.param("rd_deduction.cit.hte_rate")
    return exact.times(taxable, gap)
