"""Guangzhou's eleven districts (GB/T 2260) and the eight technology fields."""

from django.utils.translation import gettext_lazy as _

DISTRICTS = [
    ("440103", _("荔湾区")),
    ("440104", _("越秀区")),
    ("440105", _("海珠区")),
    ("440106", _("天河区")),
    ("440111", _("白云区")),
    ("440112", _("黄埔区")),
    ("440113", _("番禺区")),
    ("440114", _("花都区")),
    ("440115", _("南沙区")),
    ("440117", _("从化区")),
    ("440118", _("增城区")),
]

TECH_FIELDS = [
    ("10", _("电子信息")),
    ("20", _("生物与新医药")),
    ("30", _("航空航天")),
    ("40", _("新材料")),
    ("50", _("高技术服务")),
    ("60", _("新能源与节能")),
    ("70", _("资源与环境")),
    ("80", _("先进制造与自动化")),
]

DISTRICT_NAMES = dict(DISTRICTS)
TECH_FIELD_NAMES = dict(TECH_FIELDS)
