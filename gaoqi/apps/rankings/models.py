"""Indicator systems (versioned, with an effective date)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.rules.indicators import System, system_from_dict


class IndicatorVersion(models.Model):
    """One version of the evaluation indicator system; the version in force on a day is the latest effective one."""

    name = models.CharField(_("名称"), max_length=200)
    effective_on = models.DateField(_("生效日期"))
    spec = models.JSONField(_("指标与权重"))
    note = models.CharField(_("修订说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("指标体系版本")
        verbose_name_plural = _("指标体系版本")

    def __str__(self):
        return f"{self.name}（{self.effective_on}）"

    def system(self) -> System:
        return system_from_dict(self.spec)


class TierSnapshot(models.Model):
    """An enterprise's tier in a year (as of the year's last day, or the day it was taken in the current year), with
    what it still misses for the next tier up."""

    class Tier(models.IntegerChoices):
        NONE = 0, _("未入库")
        TSME = 1, _("科技型中小企业")
        HTE = 2, _("高新技术企业")
        HARD_TECH = 3, _("硬科技/专精特新")
        GAZELLE = 4, _("瞪羚/独角兽")
        LISTED = 5, _("上市企业")

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="tier_snapshots")
    year = models.PositiveSmallIntegerField(_("年度"))
    tier = models.PositiveSmallIntegerField(_("梯次"), choices=Tier.choices)
    district = models.CharField(_("所在区"), max_length=6, db_index=True)
    tech_field = models.CharField(_("技术领域代码"), max_length=5)
    missing = models.JSONField(_("距下一梯次尚缺"), default=list)
    taken_on = models.DateField(_("判定日期"))

    class Meta:
        ordering = ["-year", "enterprise"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="unique_tier_year")]
        verbose_name = _("梯次记录")
        verbose_name_plural = _("梯次记录")

    def __str__(self):
        return f"{self.enterprise_id}/{self.year}: {self.get_tier_display()}"
