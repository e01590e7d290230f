"""工作指引 time words: the application year, "近三个会计年度" and "最近一年" for each enterprise."""

import numpy as np

from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.dates import year_of
from gaoqi.rules.hte.references import PERIOD

formula = REGISTRY.formula


@formula("申请年度", "year", PERIOD)
def application_year(v):
    return year_of(v("application_day"))


@formula("注册成立年度", "year", PERIOD)
def registered_year(v):
    return year_of(v("registered_on"))


@formula("近三个会计年度的首个年度（实际经营期不满三年的自注册当年起）", "year", PERIOD)
def window_first_year(v):
    """The later of three years before application and the registration year: a firm younger than three years
    counts its actual operating time, the partial registration year included (办法 第十一条（五）括号)."""
    return np.maximum(v("application_year") - v.param("hte.window.years"), v("registered_year"))


@formula("应填报的会计年度数（实际经营期不满三年的按实际经营时间）", "count", PERIOD)
def window_required_years(v):
    return np.clip(v("application_year") - v("window_first_year"), 0, None)


@formula("距申请年度的年数（1 为最近一年）", "count", PERIOD, entity="fiscal_year")
def fy_offset(v):
    return v.broadcast("fiscal_year", v("application_year")) - v("fy_year")


@formula("属于近三个会计年度（实际经营期，含注册当年）", "bool", PERIOD, entity="fiscal_year")
def fy_in_window(v):
    offset = v("fy_offset")
    first = v.broadcast("fiscal_year", v("window_first_year"))
    return (offset >= 1) & (offset <= v.param("hte.window.years")) & (v("fy_year") >= first)


@formula("计算期可确定（已知注册日期、已填报年度数据、申请前至少经营过一个会计年度）", "bool", PERIOD)
def window_defined(v):
    return v.known("registered_on") & v("fiscal_years_reported") & (v("window_required_years") >= 1)


@formula("近三个会计年度数据齐全", "bool", PERIOD)
def window_complete(v):
    complete_rows = v("fy_in_window") & v.known("sales_revenue") & v.known("rd_personnel")
    return v("window_defined") & (v.sum("fiscal_year", complete_rows) == v("window_required_years"))


@formula("最近一年（申请前一个会计年度）所在的行，无则为 -1", "row", PERIOD)
def latest_row(v):
    rows = np.flatnonzero(v("fy_offset") == 1)
    index = np.full(v.size, -1, dtype=np.int64)
    index[v.tables.owner("fiscal_year")[rows]] = rows
    return index


def latest(v, column: str) -> tuple[np.ndarray, np.ndarray]:
    """The latest fiscal year's value of ``column`` per enterprise, and whether it was reported."""
    return v.once(f"latest {column}", lambda: _latest_of(v, column))


def _latest_of(v, column: str) -> tuple[np.ndarray, np.ndarray]:
    row = v("latest_row")
    found = row >= 0
    values, known = v(column), v.known(column)
    if len(values) == 0:
        return np.zeros(v.size, dtype=np.int64), found & False
    safe = np.where(found, row, 0)
    return np.where(found, values[safe], 0), found & known[safe]


def _latest(column: str, label: str, unit: str) -> None:
    def latest_value(v):
        return latest(v, column)[0]

    def latest_known(v):
        return latest(v, column)[1]

    latest_value.__name__, latest_known.__name__ = f"latest_{column}", f"latest_{column}_known"
    formula(f"最近一年{label}", unit, PERIOD)(latest_value)
    formula(f"最近一年{label}已填报", "bool", PERIOD)(latest_known)


for _column, _label, _unit in (
    ("sales_revenue", "销售收入", "fen"),
    ("total_income", "总收入", "fen"),
    ("hightech_income", "高新技术产品（服务）收入", "fen"),
    ("employees", "职工总数", "centi_persons"),
    ("st_staff", "科技人员数", "centi_persons"),
    ("taxable_income", "应纳税所得额", "fen"),
    ("total_costs", "成本费用支出总额", "fen"),
    ("total_assets_end", "年末资产总额", "fen"),
):
    _latest(_column, _label, _unit)
