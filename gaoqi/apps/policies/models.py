"""Policy library: policies with machine-checkable criteria, their versions, matches, applications and broadcasts."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoqi.core.links import WebURLField


class Level(models.TextChoices):
    NATIONAL = "national", _("国家")
    PROVINCIAL = "provincial", _("省")
    CITY = "city", _("市")
    DISTRICT = "district", _("区")


class Category(models.TextChoices):
    RECOGNITION = "recognition", _("资质认定")
    TAX = "tax", _("税收优惠")
    SUBSIDY = "subsidy", _("资金奖补")
    LISTING = "listing", _("上市培育")
    TIER = "tier", _("梯度培育")
    TALENT = "talent", _("人才")
    FINANCE = "finance", _("科技金融")


class Policy(models.Model):
    """A policy as published to enterprises; ``criteria`` is an expression in the criteria language."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        CLOSED = "closed", _("已截止")
        WITHDRAWN = "withdrawn", _("已撤回")

    title = models.CharField(_("标题"), max_length=200)
    issuer = models.CharField(_("发文机关"), max_length=200)
    document_number = models.CharField(_("文号"), max_length=100, blank=True)
    level = models.CharField(_("层级"), max_length=10, choices=Level.choices)
    districts = models.JSONField(_("适用区"), default=list, blank=True, help_text=_("为空表示全市适用"))
    category = models.CharField(_("类别"), max_length=12, choices=Category.choices)
    summary = models.TextField(_("通俗摘要"))
    full_text = models.TextField(_("政策原文"), blank=True)
    issued_on = models.DateField(_("发文日期"), null=True, blank=True)
    source_url = WebURLField(
        _("来源链接"), max_length=500, blank=True, help_text=_("发文机关网站上的原文页面；未核实时留空")
    )
    application_url = WebURLField(_("申报入口"), max_length=500, blank=True)
    instant = models.BooleanField(
        _("免申即享"), default=False, db_index=True, help_text=_("符合条件的企业无需申报，由主管部门直接兑现")
    )
    clauses = models.TextField(_("条款依据"), blank=True)
    documents = models.JSONField(_("申报材料清单"), default=list, blank=True)
    support_amount = models.DecimalField(
        _("最高支持金额（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    support_note = models.CharField(_("支持方式说明"), max_length=300, blank=True)
    staff_note = models.TextField(
        _("核实记录（仅工作人员可见）"), blank=True, help_text=_("来源、金额、条件近似等的核实情况；企业用户看不到")
    )
    opens_on = models.DateField(_("申报开始"), null=True, blank=True)
    closes_on = models.DateField(_("申报截止"), null=True, blank=True)
    closing_lead_days = models.PositiveSmallIntegerField(_("截止前提醒天数"), default=7)
    criteria = models.TextField(_("匹配条件"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    version = models.PositiveIntegerField(_("版本"), default=0)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("政策")
        verbose_name_plural = _("政策")

    def __str__(self):
        return self.title


class PolicyVersion(models.Model):
    """A snapshot of a policy each time it is published or changed while published."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    snapshot = models.JSONField(_("内容"))
    changed = models.JSONField(_("改动字段"), default=list)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["policy", "version"], name="unique_policy_version")]

    def __str__(self):
        return f"{self.policy_id} v{self.version}"


class PolicyTerm(models.Model):
    """One search term of a policy (see ``search_terms``) with its weight; rebuilt whenever the policy is saved."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=32)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "term"], name="unique_policy_term")]
        indexes = [models.Index(fields=["term", "policy"], name="policy_term_lookup")]

    def __str__(self):
        return f"{self.policy_id}: {self.term} ×{self.weight}"


class MatchStatus(models.TextChoices):
    QUALIFY = "qualify", _("符合")
    NEARLY = "nearly", _("接近符合")
    LACKS = "lacks", _("需补充数据")


class PolicyMatch(models.Model):
    """An enterprise that qualifies, nearly qualifies or lacks data for a published policy (others are not stored)."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="matches")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="policy_matches")
    district = models.CharField(_("所在区"), max_length=6)
    status = models.CharField(_("匹配结果"), max_length=8, choices=MatchStatus.choices)
    missing = models.CharField(_("差距"), max_length=300, blank=True)
    version = models.PositiveIntegerField(_("版本"))
    matched_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "enterprise"], name="unique_policy_match")]
        indexes = [models.Index(fields=["policy", "status", "district"], name="policy_match_funnel")]

    def __str__(self):
        return f"{self.policy_id} → {self.enterprise_id}: {self.status}"


class PolicyApplication(models.Model):
    """An enterprise marked that it applied for a policy (应享尽享)."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="applications")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, related_name="policy_applications"
    )
    district = models.CharField(_("所在区"), max_length=6)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["policy", "enterprise"], name="unique_policy_application")]

    def __str__(self):
        return f"{self.policy_id} ← {self.enterprise_id}"


class Broadcast(models.Model):
    """A notice to every enterprise (of some districts), whatever its data."""

    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    districts = models.JSONField(_("范围（区）"), default=list, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recipients = models.PositiveIntegerField(_("接收人数"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.title


def _ratio(label):
    return models.DecimalField(label, max_digits=14, decimal_places=4, null=True)


def _amount(label):
    return models.DecimalField(label, max_digits=18, decimal_places=2, null=True)


class MatchFacts(models.Model):
    """The criteria facts of one enterprise taken from its latest assessment and latest fiscal year, kept narrow so
    that matching a policy against every enterprise reads one small row each instead of the full result JSON."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise", on_delete=models.CASCADE, primary_key=True, related_name="match_facts"
    )
    assessment_id = models.BigIntegerField(null=True, db_index=True)
    hte_eligible = models.BooleanField(null=True)
    hte_rd_ratio = _ratio(_("近三年研发费用占比"))
    hte_domestic_rd_share = _ratio(_("境内研发费用占比"))
    hte_st_staff_ratio = _ratio(_("科技人员占比"))
    hte_hightech_income_ratio = _ratio(_("高新技术产品收入占比"))
    hte_score_min = models.IntegerField(null=True)
    hte_score_max = models.IntegerField(null=True)
    hte_sales_growth = _ratio(_("销售收入增长率"))
    hte_net_asset_growth = _ratio(_("净资产增长率"))
    hte_gap_cost = _amount(_("补齐高企差距的预计投入"))
    tsme_eligible = models.BooleanField(null=True)
    tsme_score = models.IntegerField(null=True)
    rd_deduction_base = _amount(_("加计扣除口径研发费用"))
    rd_deduction_rate = _ratio(_("加计扣除比例"))
    benefits_total = _amount(_("预计节税额"))
    fy_sales_revenue = _amount(_("最近一年销售收入"))
    fy_total_assets = _amount(_("最近一年末资产总额"))
    fy_employees = models.IntegerField(null=True)
    fy_rd_total = _amount(_("最近一年研发费用合计"))

    def __str__(self):
        return f"facts {self.enterprise_id}"
