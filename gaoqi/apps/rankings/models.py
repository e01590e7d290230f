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


class RankingList(models.Model):
    """A yearly list (精选辅导上市高企 or 后备上市企业): drafted from the indicator scores, reviewed, approved and
    published. It keeps the indicator system it was drafted with and, per entry, the figures used."""

    class Kind(models.TextChoices):
        SELECTED_HTE = "selected_hte", _("精选辅导上市高企榜单")
        RESERVE = "reserve", _("后备上市企业榜单")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        REVIEW = "review", _("审核中")
        APPROVED = "approved", _("已批准")
        PUBLISHED = "published", _("已发布")

    kind = models.CharField(_("榜单"), max_length=16, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.ForeignKey(IndicatorVersion, on_delete=models.PROTECT, related_name="lists")
    spec = models.JSONField(_("所用指标体系"))
    eligibility = models.CharField(_("入围条件"), max_length=500)
    size = models.PositiveSmallIntegerField(_("名额"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="unique_list_year")]
        verbose_name = _("年度榜单")
        verbose_name_plural = _("年度榜单")

    def __str__(self):
        return f"{self.year} {self.get_kind_display()}"


class ListEntry(models.Model):
    """An enterprise on a list: its rank and score when drafted and the figures used; removed entries stay, with
    the reason, and entries added by hand carry theirs."""

    ranking_list = models.ForeignKey(RankingList, on_delete=models.CASCADE, related_name="entries")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="list_entries")
    district = models.CharField(_("所在区"), max_length=6, db_index=True)
    rank = models.PositiveIntegerField(_("全市名次"))
    score = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    data = models.JSONField(_("所用数据"), default=list)
    included = models.BooleanField(_("在榜"), default=True)
    by_hand = models.BooleanField(_("人工增补"), default=False)
    reason = models.CharField(_("增补或移出理由"), max_length=300, blank=True)

    class Meta:
        ordering = ["-included", "rank", "id"]
        constraints = [models.UniqueConstraint(fields=["ranking_list", "enterprise"], name="unique_list_enterprise")]

    def __str__(self):
        return f"{self.ranking_list_id}/{self.enterprise_id}"


class ListComment(models.Model):
    """A reviewer's comment on a list."""

    ranking_list = models.ForeignKey(RankingList, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.CharField(_("意见"), max_length=1000)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.text[:40]


class WhatIfScenario(models.Model):
    """A saved what-if: a changed indicator system, entry criteria, score cut and reward against the system in force,
    with its outcome as computed when saved."""

    name = models.CharField(_("方案名称"), max_length=200)
    base_version = models.ForeignKey(IndicatorVersion, on_delete=models.PROTECT, related_name="+")
    spec = models.JSONField(_("调整后的指标体系"))
    eligibility = models.CharField(_("入围条件"), max_length=500)
    cutoff_before = models.DecimalField(_("现行分数线"), max_digits=5, decimal_places=2)
    cutoff = models.DecimalField(_("调整后分数线"), max_digits=5, decimal_places=2)
    reward_before = models.DecimalField(_("现行奖补（元/家）"), max_digits=14, decimal_places=2)
    reward = models.DecimalField(_("调整后奖补（元/家）"), max_digits=14, decimal_places=2)
    result = models.JSONField(_("测算结果"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("测算时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("测算方案")
        verbose_name_plural = _("测算方案")

    def __str__(self):
        return self.name
