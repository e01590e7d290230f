"""Service topics shared by training, mentors and service requests, and the topics a gap plan calls for."""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    RECOGNITION = "recognition", _("高企认定申报")
    IP = "ip", _("知识产权")
    RD_ACCOUNTING = "rd_accounting", _("研发费用归集与加计扣除")
    TALENT = "talent", _("科技人才")
    HIGHTECH_INCOME = "hightech_income", _("高新技术产品（服务）收入")
    RD_MANAGEMENT = "rd_management", _("研发组织管理")
    CONVERSION = "conversion", _("科技成果转化")
    FINANCE = "finance", _("科技金融")
    LISTING = "listing", _("上市培育")
    POLICY = "policy", _("政策解读")


ACTION_TOPICS = {
    "add_class_i_ip": Topic.IP,
    "add_class_ii_ip": Topic.IP,
    "obtain_core_ip": Topic.IP,
    "join_standard_drafting": Topic.IP,
    "increase_rd": Topic.RD_ACCOUNTING,
    "increase_domestic_rd": Topic.RD_ACCOUNTING,
    "add_st_staff": Topic.TALENT,
    "increase_hightech_income": Topic.HIGHTECH_INCOME,
    "add_conversions": Topic.CONVERSION,
    "fix_tech_field": Topic.RECOGNITION,
    "supply_data": Topic.RECOGNITION,
    "wait_until": Topic.RECOGNITION,
}
"""Gap-plan action → the topic that helps close it; ``establish_*`` (management elements) map to R&D management."""


def topic_of_action(action: str) -> Topic:
    """The service topic that addresses one gap-plan action."""
    if action.startswith("establish_"):
        return Topic.RD_MANAGEMENT
    return ACTION_TOPICS.get(action, Topic.RECOGNITION)


def topics_for_gaps(gaps: Iterable[dict]) -> list[Topic]:
    """The topics a gap plan (the ``gaps`` list of an assessment result) calls for, most urgent first, no repeats."""
    return list(dict.fromkeys(topic_of_action(gap["action"]) for gap in gaps))
