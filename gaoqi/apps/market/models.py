"""产品兴企: innovation products, owner organisations and their application scenarios, proposals, talent needs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.market.fields import sub_fields
from gaoqi.core.districts import DISTRICTS


class Product(models.Model):
    """A high-tech enterprise's innovation product (创新产品), reviewed by the bureau before the public sees it."""

    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        SUBMITTED = "submitted", _("待审核")
        RETURNED = "returned", _("已退回")
        APPROVED = "approved", _("审核通过")
        LISTED = "listed", _("已上架")
        WITHDRAWN = "withdrawn", _("已下架")

    class Kind(models.TextChoices):
        EQUIPMENT = "equipment", _("装备与器件")
        SOFTWARE = "software", _("软件与系统")
        MATERIAL = "material", _("材料")
        MEDICAL = "medical", _("药品与医疗器械")
        SERVICE = "service", _("技术服务")

    class Certification(models.TextChoices):
        FIRST_SET = "first_set", _("首台（套）")
        FIRST_BATCH = "first_batch", _("首批次")
        FIRST_VERSION = "first_version", _("首版次")

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("产品名称"), max_length=120)
    field = models.CharField(_("技术领域"), max_length=3, choices=sub_fields, db_index=True)
    kind = models.CharField(_("产品类型"), max_length=16, choices=Kind.choices)
    certifications = models.JSONField(_("首台（套）/首批次/首版次认定"), default=list, blank=True)
    ip_items = models.ManyToManyField(
        "enterprises.IPItem", blank=True, related_name="products", verbose_name=_("知识产权")
    )
    price_min = models.DecimalField(_("参考价格下限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    price_max = models.DecimalField(_("参考价格上限（元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    customers = models.CharField(_("典型客户"), max_length=300, blank=True)
    description = models.TextField(_("产品简介"), max_length=2000)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True)
    review_note = models.CharField(_("审核意见"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    listed_at = models.DateTimeField(_("上架时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        ordering = ["-listed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(price_min__isnull=True)
                | models.Q(price_max__isnull=True)
                | models.Q(price_max__gte=models.F("price_min")),
                name="product_price_range",
            )
        ]
        verbose_name = _("创新产品")
        verbose_name_plural = _("创新产品")

    def __str__(self):
        return self.name

    def certification_labels(self) -> list[str]:
        labels = dict(self.Certification.choices)
        return [str(labels[code]) for code in self.certifications if code in labels]


class ProductTerm(models.Model):
    """One search term of a product with its weight (the policy library's terms); rebuilt whenever it is saved."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=32)
    weight = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["product", "term"], name="unique_product_term")]
        indexes = [models.Index(fields=["term", "product"], name="product_term_lookup")]

    def __str__(self):
        return f"{self.product_id}: {self.term} ×{self.weight}"


class Organisation(models.Model):
    """An owner of application scenarios (场景方): a hospital, a metro operator, a state-owned firm…"""

    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("医院")
        TRANSPORT = "transport", _("交通运营")
        SOE = "soe", _("国有企业")
        GOVERNMENT = "government", _("政府部门与事业单位")
        UNIVERSITY = "university", _("高校院所")
        ENTERPRISE = "enterprise", _("龙头企业")

    name = models.CharField(_("单位名称"), max_length=120, unique=True)
    kind = models.CharField(_("单位类型"), max_length=16, choices=Kind.choices)
    district = models.CharField(_("所在区"), max_length=6, choices=DISTRICTS)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="scenario_organisations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("场景方单位")
        verbose_name_plural = _("场景方单位")

    def __str__(self):
        return self.name


class Scenario(models.Model):
    """An application scenario (应用场景): a need a public or large owner will buy a solution for."""

    class State(models.TextChoices):
        OPEN = "open", _("征集中")
        CLOSED = "closed", _("已结束")

    class Budget(models.TextChoices):
        UNDER_1M = "lt1m", _("100万元以下")
        FROM_1M = "1m-5m", _("100万–500万元")
        FROM_5M = "5m-20m", _("500万–2000万元")
        OVER_20M = "gt20m", _("2000万元以上")
        OPEN = "open", _("面议")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="scenarios", verbose_name=_("场景方单位")
    )
    title = models.CharField(_("场景名称"), max_length=120)
    problem = models.TextField(_("需求描述"), max_length=2000)
    field = models.CharField(_("技术领域"), max_length=3, choices=sub_fields, db_index=True)
    budget = models.CharField(_("预算区间"), max_length=8, choices=Budget.choices)
    deadline = models.DateField(_("征集截止日期"))
    district = models.CharField(_("实施区域"), max_length=6, choices=DISTRICTS)
    state = models.CharField(_("状态"), max_length=8, choices=State.choices, default=State.OPEN, db_index=True)
    events = models.ManyToManyField(
        "training.Session", blank=True, related_name="scenarios", verbose_name=_("供需对对碰/路演活动")
    )
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("应用场景")
        verbose_name_plural = _("应用场景")

    def __str__(self):
        return self.title


class Proposal(models.Model):
    """An enterprise's solution to a scenario, moved along by the owner."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("已提交")
        SHORTLISTED = "shortlisted", _("入围")
        CONNECTED = "connected", _("已对接")
        SIGNED = "signed", _("已签约")
        DECLINED = "declined", _("未入选")

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="proposals")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="proposals")
    products = models.ManyToManyField(Product, blank=True, related_name="proposals", verbose_name=_("相关产品"))
    text = models.TextField(_("解决方案"), max_length=3000)
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.SUBMITTED)
    comment = models.CharField(_("场景方意见"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["scenario", "enterprise"], name="one_proposal_per_scenario")]
        verbose_name = _("解决方案")
        verbose_name_plural = _("解决方案")

    def __str__(self):
        return f"{self.enterprise_id} → {self.scenario_id}"
