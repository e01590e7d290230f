"""工作指引 企业创新能力评价: the four indicators as min–max ranges (experts judge inside each band)."""

import numpy as np

from gaoqi.rules import exact
from gaoqi.rules.bands import banded
from gaoqi.rules.catalogue import REGISTRY
from gaoqi.rules.hte.references import SCORE_CONVERSION, SCORE_GROWTH, SCORE_IP, SCORE_MANAGEMENT

formula = REGISTRY.formula
GRADES = "ABCDE"
PARTS = ("ip", "conversion", "management", "growth")


def ranged(name: str, label: str, reference: str, span) -> None:
    """Declare ``score_<name>_min`` and ``score_<name>_max`` from one (memoised) span function."""

    def low(v):
        return v.once(f"span {name}", lambda: span(v))[0]

    def high(v):
        return v.once(f"span {name}", lambda: span(v))[1]

    low.__name__, high.__name__ = f"score_{name}_min", f"score_{name}_max"
    formula(f"{label}（最低分）", "points", reference)(low)
    formula(f"{label}（最高分）", "points", reference)(high)


def _span(known, low, high, unknown_high):
    """(min, max): the band's points where known, the whole 0…unknown_high span where not."""
    return np.where(known, low, 0).astype(np.int64), np.where(known, high, unknown_high).astype(np.int64)


def _by_grade(table: dict, grade_index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lows = np.array([table[g][0] for g in GRADES])
    highs = np.array([table[g][1] for g in GRADES])
    return lows[grade_index], highs[grade_index]


def _rating(v, name: str):
    table = v.param("hte.score.expert_grades")
    low, high = _by_grade(table, v(f"rating_{name}"))
    return _span(v.known(f"rating_{name}"), low, high, table["A"][1])


ranged("ip_advancement", "知识产权：技术的先进程度", SCORE_IP, lambda v: _rating(v, "advancement"))
ranged("ip_core_support", "知识产权：核心支持作用", SCORE_IP, lambda v: _rating(v, "core_support"))


def _quantity_grade(v, class_i, class_ii) -> np.ndarray:
    minimum = v.param("hte.score.ip_quantity")["class_ii_min"]
    grade = np.where(class_ii >= minimum["D"], 3, 4)
    grade = np.where(class_ii >= minimum["C"], 2, grade)
    grade = np.where(class_ii >= minimum["B"], 1, grade)
    return np.where(class_i >= 1, 0, grade)


@formula("知识产权数量档次（0=A … 4=E）", "grade", SCORE_IP)
def ip_quantity_grade(v):
    return _quantity_grade(v, v("ip_class_i_count"), v("ip_class_ii_count"))


def _quantity(v):
    """By the usable items; items without a grant date may yet count, so they raise the maximum."""
    table = v.param("hte.score.ip_quantity")
    low, _ = _by_grade(table, v("ip_quantity_grade"))
    class_i = v("ip_class_i_count") + v("ip_class_i_undated_count")
    best = _quantity_grade(v, class_i, v("ip_class_ii_count") + v("ip_class_ii_undated_count"))
    return _span(v("ip_reported"), low, _by_grade(table, best)[1], table["A"][1])


def _acquisition(v):
    table = v.param("hte.score.ip_acquisition")
    usable = v("ip_usable_count")
    possible = usable + v("ip_class_i_undated_count") + v("ip_class_ii_undated_count")
    own, unknown = v("ip_own_count") > 0, v("ip_acquisition_unknown_count") > 0
    low = np.where(usable > 0, np.where(own, table["A"][0], table["B"][0]), 0)
    high = np.where(possible > 0, np.where(own | unknown | (possible > usable), table["A"][1], table["B"][1]), 0)
    return _span(v("ip_reported"), low, high, table["A"][1])


def _standards(v):
    table = v.param("hte.score.standards_bonus")
    yes = v("standards")
    low, high = np.where(yes, table["A"][0], table["B"][0]), np.where(yes, table["A"][1], table["B"][1])
    return _span(v.known("standards"), low, high, table["A"][1])


def _ip(v):
    """The five sub-items, capped at 30; without any IP that counts for this application the indicator is 0:
    advancement, core support and the standards bonus are scored for IP, and there is none."""
    parts = (
        (v("score_ip_advancement_min"), v("score_ip_advancement_max")),
        (v("score_ip_core_support_min"), v("score_ip_core_support_max")),
        _quantity(v),
        _acquisition(v),
        _standards(v),
    )
    cap = v.param("hte.score.ip_max")
    low = np.minimum(sum(low for low, _ in parts), cap)
    high = np.minimum(sum(high for _, high in parts), cap)
    maybe_none = v("ip_reported") & (v("ip_usable_count") == 0)
    return np.where(maybe_none, 0, low), np.where(v("ip_none_usable"), 0, high)


def ip_points_with_first_item(v) -> tuple[np.ndarray, np.ndarray]:
    """What advancement, core support, own-R&D acquisition and the standards bonus would add once the firm has IP
    (the quantity grade aside): the points a first item unlocks."""
    acquisition = v.param("hte.score.ip_acquisition")["A"]
    low = v("score_ip_advancement_min") + v("score_ip_core_support_min") + _standards(v)[0] + acquisition[0]
    high = v("score_ip_advancement_max") + v("score_ip_core_support_max") + _standards(v)[1] + acquisition[1]
    return low, high


ranged("ip", "知识产权（≤30）", SCORE_IP, _ip)


@formula("近三年科技成果转化总数", "count", SCORE_CONVERSION)
def conversions_3y(v):
    applied = v.broadcast("conversion", v("application_year"))
    first = v.broadcast("conversion", v("window_first_year"))
    year = v("conversion_year")
    window = (year < applied) & (year >= first)
    return v.sum("conversion", np.where(window, v("conversion_count"), 0))


def _conversion(v):
    """(grade, min, max) by the yearly average over the whole window years."""
    return v.once("conversion band", lambda: _conversion_band(v))


def _conversion_band(v):
    rows = v.param("hte.score.conversion")
    years = v("window_required_years")
    grade, low, high = banded(v("conversions_3y"), np.maximum(years, 1), rows)
    known = v("conversions_reported") & (years >= 1)
    return grade, *_span(known, low, high, rows[0]["points"][1])


@formula("科技成果转化能力档次", "grade", SCORE_CONVERSION)
def conversion_grade(v):
    return _conversion(v)[0]


ranged("conversion", "科技成果转化能力", SCORE_CONVERSION, lambda v: _conversion(v)[1:])


def element_points(maximum: int, elements: int, present: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each element earns its share of the item; the expert decides within that share."""
    high = present * maximum // elements
    low = np.where(present > 0, (present - 1) * maximum // elements + 1, 0)
    return low, high


def _management(v):
    low_total = np.zeros(v.size, dtype=np.int64)
    high_total = np.zeros(v.size, dtype=np.int64)
    for item in v.param("hte.score.management_items"):
        names = [f"management_{element}" for element in item["elements"]]
        present = sum(v(name) & v.known(name) for name in names).astype(np.int64)
        possible = present + sum(~v.known(name) for name in names)
        low_total += element_points(item["max"], len(names), present)[0]
        high_total += element_points(item["max"], len(names), possible)[1]
    return low_total, high_total


ranged("management", "研究开发组织管理水平", SCORE_MANAGEMENT, _management)


def _slot(v, column: str, offset: int):
    value, found = v.pick("fiscal_year", v("fy_offset") == offset, v(column))
    known, _ = v.pick("fiscal_year", v("fy_offset") == offset, v.known(column), default=False)
    return exact.big(value), found & known


def growth_rate(v, column: str):
    """The growth rate as an exact fraction (num, den), whether it is computable, and whether data suffice.

    Three years: ½(Y2/Y1 + Y3/Y2) − 1; Y1 = 0 → the last two years; Y2 ≤ 0 or Y1 < 0 → not computable (0 points).
    Two years (younger firms): Y3/Y2 − 1. One year: not computable.
    """
    return v.once(f"growth rate {column}", lambda: _growth_rate(v, column))


def _growth_rate(v, column: str):
    years = v("window_required_years")
    a1, k1 = _slot(v, column, 3)
    a2, k2 = _slot(v, column, 2)
    a3, k3 = _slot(v, column, 1)
    three = years >= 3
    two_year_form = (years == 2) | (three & (a1 == 0))
    num = np.where(two_year_form, a3 - a2, a2 * a2 + a1 * a3 - 2 * a1 * a2)
    den = np.where(two_year_form, a2, 2 * a1 * a2)
    computable = (years >= 2) & (a2 > 0) & (two_year_form | (a1 > 0))
    known = np.where(three, k1 & k2 & k3, np.where(years == 2, k2 & k3, years == 1)) & v("window_defined")
    return num, np.where(computable, den, 0), computable.astype(bool), known.astype(bool)


def _growth(v, column: str):
    rows = v.param("hte.score.growth")
    num, den, computable, known = growth_rate(v, column)
    _, low, high = banded(num, np.where(computable, den, 1), rows)
    return _span(known, np.where(computable, low, 0), np.where(computable, high, 0), rows[0]["points"][1])


ranged("growth_net_assets", "企业成长性：净资产增长率", SCORE_GROWTH, lambda v: _growth(v, "net_assets_end"))
ranged("growth_sales", "企业成长性：销售收入增长率", SCORE_GROWTH, lambda v: _growth(v, "sales_revenue"))


def _sum_of(*names: str):
    def span(v):
        return sum(v(f"score_{n}_min") for n in names), sum(v(f"score_{n}_max") for n in names)

    return span


ranged("growth", "企业成长性", SCORE_GROWTH, _sum_of("growth_net_assets", "growth_sales"))
ranged("total", "创新能力评价总分", SCORE_IP, _sum_of(*PARTS))


@formula("创新能力评价有未填的评分数据（区间因此变宽）", "bool", SCORE_IP)
def score_missing_inputs(v):
    """Missing data widen the range beyond what the experts judge: a self-rating, the IP list or an item's grant
    date or acquisition, the standards answer, conversions, a management element, or growth data."""
    missing = ~v.known("rating_advancement") | ~v.known("rating_core_support") | ~v.known("standards")
    missing |= ~v("ip_reported") | (v("ip_acquisition_unknown_count") > 0)
    missing |= (v("ip_class_i_undated_count") + v("ip_class_ii_undated_count")) > 0
    missing |= ~v("conversions_reported") | (v("window_required_years") < 1)
    for item in v.param("hte.score.management_items"):
        for element in item["elements"]:
            missing |= ~v.known(f"management_{element}")
    for column in ("net_assets_end", "sales_revenue"):
        missing |= ~growth_rate(v, column)[3]
    return missing
