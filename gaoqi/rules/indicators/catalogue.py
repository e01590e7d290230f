"""The indicators a ranking system may weigh, with the unit their values are held in.

Values are integers in ten-thousandths (``SCALE``) like the criteria facts: ratios at four decimals, amounts in yuan
to the fen and below, counts and points as whole numbers times ``SCALE``. Where each value comes from is the app's
business (``gaoqi.apps.rankings.columns``); here it is only named and described.
"""

from dataclasses import dataclass

from gaoqi.rules.criteria import SCALE


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # ratio, yuan, count, points
    source: str  # where the value comes from, in words


MEASURES = {
    m.key: m
    for m in (
        Measure("rd_intensity", "研发投入强度", "ratio", "最近一年研发费用合计（九类）÷ 销售收入"),
        Measure("invention_per_100", "每百名职工发明专利数", "count", "有效发明专利件数 × 100 ÷ 最近一年职工总数"),
        Measure("revenue_growth", "销售收入增长率", "ratio", "最近一年销售收入 ÷ 上一年 − 1"),
        Measure("hightech_share", "高新技术产品（服务）收入占比", "ratio", "最近一年高新技术产品（服务）收入 ÷ 总收入"),
        Measure("st_staff_ratio", "科技人员占比", "ratio", "最近一年科技人员数 ÷ 职工总数"),
        Measure("financing", "近三年股权融资额", "yuan", "近三个自然年内交割的股权融资金额合计"),
        Measure("awards", "创新创业大赛获奖", "points", "近三年最高获奖：赛事级别（1–4）× 获奖等次（1–5）"),
    )
}

UNIT_LABELS = {"ratio": "比例", "yuan": "元", "count": "个", "points": "分"}

__all__ = ["MEASURES", "SCALE", "UNIT_LABELS", "Measure"]
