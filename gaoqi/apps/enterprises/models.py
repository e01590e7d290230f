"""Enterprise profiles: basic facts, yearly figures, IP, conversions, management items, incidents."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.core.districts import DISTRICTS

RATINGS = [(c, c) for c in "ABCDE"]


def money(label):
    return models.DecimalField(label, max_digits=18, decimal_places=2, null=True, blank=True)


class Enterprise(models.Model):
    """A company identified by its 统一社会信用代码."""

    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("企业名称"), max_length=200, db_index=True)
    district = models.CharField(_("所在区"), max_length=6, choices=DISTRICTS, db_index=True)
    tech_field = models.CharField(_("技术领域代码"), max_length=5, db_index=True)
    industry = models.CharField(_("国民经济行业代码"), max_length=5, blank=True)
    is_manufacturing = models.BooleanField(_("制造业企业"), default=False)
    registered_on = models.DateField(_("注册日期"))
    application_date = models.DateField(_("拟申报日期"), null=True, blank=True)
    standards = models.BooleanField(_("主持或参与制定标准"), default=False)
    advancement = models.CharField(_("技术先进程度自评"), max_length=1, choices=RATINGS, blank=True)
    core_support = models.CharField(_("核心支持作用自评"), max_length=1, choices=RATINGS, blank=True)
    national_award_top3 = models.BooleanField(_("国家科技奖前三完成单位"), default=False)
    provincial_rd_institution = models.BooleanField(_("省级以上研发机构"), default=False)
    led_standard = models.BooleanField(_("主导制定标准"), default=False)
    listed_on = models.DateField(_("上市（挂牌）日期"), null=True, blank=True, help_text=_("未上市留空"))
    valuation = models.DecimalField(
        _("最近一轮融资投后估值（元）"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user works for an enterprise; the admin may invite colleagues."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="memberships")
    is_admin = models.BooleanField(_("企业管理员"), default=False)

    class Meta:
        verbose_name = _("企业成员")
        verbose_name_plural = _("企业成员")

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"


class MentorAssignment(models.Model):
    """A mentor looks after an enterprise."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="mentor_assignments")
    reason = models.CharField(_("匹配理由"), max_length=500, blank=True)
    manual = models.BooleanField(_("人工指定"), default=False)
    assigned_at = models.DateTimeField(_("分配时间"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mentor", "enterprise"], name="unique_mentor_enterprise")]

    def __str__(self):
        return f"{self.mentor} → {self.enterprise}"


class FiscalYear(models.Model):
    """One fiscal year's figures, in yuan; R&D split into the nine categories."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="fiscal_years")
    year = models.PositiveSmallIntegerField(_("年度"))
    sales_revenue = money(_("销售收入"))
    total_income = money(_("总收入"))
    hightech_income = money(_("高新技术产品（服务）收入"))
    net_assets_end = money(_("年末净资产"))
    total_assets_end = money(_("年末资产总额"))
    employees = models.PositiveIntegerField(_("职工总数"), null=True, blank=True)
    st_staff = models.PositiveIntegerField(_("科技人员数"), null=True, blank=True)
    rd_personnel = money(_("人员人工费用"))
    rd_direct_inputs = money(_("直接投入费用"))
    rd_depreciation = money(_("折旧费用"))
    rd_amortization = money(_("无形资产摊销"))
    rd_design = money(_("新产品设计费"))
    rd_equipment_trials = money(_("装备调试与试验费用"))
    rd_entrusted_domestic = money(_("委托境内研发费用"))
    rd_entrusted_overseas = money(_("委托境外研发费用"))
    rd_other = money(_("其他费用"))
    taxable_income = money(_("应纳税所得额"))
    total_costs = money(_("成本费用总额"))

    class Meta:
        ordering = ["enterprise", "year"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="unique_enterprise_year")]
        verbose_name = _("年度数据")
        verbose_name_plural = _("年度数据")

    def __str__(self):
        return f"{self.enterprise_id}/{self.year}"


YEAR_MONEY = [
    "sales_revenue",
    "total_income",
    "hightech_income",
    "net_assets_end",
    "total_assets_end",
    "taxable_income",
    "total_costs",
]


class IPItem(models.Model):
    """An intellectual-property right owned by the enterprise."""

    class Kind(models.TextChoices):
        INVENTION_PATENT = "invention_patent", _("发明专利")
        UTILITY_MODEL = "utility_model", _("实用新型专利")
        DESIGN_PATENT = "design_patent", _("外观设计专利")
        SOFTWARE_COPYRIGHT = "software_copyright", _("软件著作权")
        PLANT_VARIETY = "plant_variety", _("植物新品种")
        CROP_VARIETY = "crop_variety", _("农作物品种")
        NEW_DRUG = "new_drug", _("国家新药")
        TCM_PROTECTED = "tcm_protected", _("国家一级中药保护品种")
        IC_LAYOUT = "ic_layout", _("集成电路布图设计")

    class AcquiredBy(models.TextChoices):
        OWN = "own", _("自主研发")
        TRANSFER = "transfer", _("受让")
        GIFT = "gift", _("受赠")
        MERGER = "merger", _("并购")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="ip_items")
    kind = models.CharField(_("类型"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("名称"), max_length=200, blank=True)
    number = models.CharField(_("登记号"), max_length=64, blank=True)
    granted_on = models.DateField(_("授权日期"))
    acquired_by = models.CharField(_("获得方式"), max_length=8, choices=AcquiredBy.choices, default=AcquiredBy.OWN)
    core = models.BooleanField(_("核心知识产权"), default=True)
    used_before = models.BooleanField(_("已用于以往认定"), default=False)

    class Meta:
        ordering = ["granted_on", "id"]
        verbose_name = _("知识产权")
        verbose_name_plural = _("知识产权")

    def __str__(self):
        return self.title or self.get_kind_display()


class Conversion(models.Model):
    """Number of R&D results converted into products or services in a year."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="conversions")
    year = models.PositiveSmallIntegerField(_("年度"))
    count = models.PositiveIntegerField(_("成果转化数"))

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="unique_conversion_year")]

    def __str__(self):
        return f"{self.year}: {self.count}"


MANAGEMENT_ITEMS = [
    ("rd_system", _("制定了研发项目组织管理制度")),
    ("rd_accounting", _("建立了研发投入核算体系")),
    ("rd_ledger", _("编制了研发费用辅助账")),
    ("rd_institution", _("设立了内部研究开发机构")),
    ("cooperation", _("开展了产学研合作")),
    ("conversion_incentives", _("建立了成果转化组织实施与激励奖励制度")),
    ("innovation_platform", _("建立了开放式创新创业平台")),
    ("talent_training", _("建立了科技人员培养进修制度")),
    ("talent_incentives", _("建立了科技人员绩效评价奖励制度")),
]


class ManagementItems(models.Model):
    """The nine R&D organisation and management items (研发组织管理水平)."""

    enterprise = models.OneToOneField(Enterprise, on_delete=models.CASCADE, related_name="management")
    rd_system = models.BooleanField(MANAGEMENT_ITEMS[0][1], default=False)
    rd_accounting = models.BooleanField(MANAGEMENT_ITEMS[1][1], default=False)
    rd_ledger = models.BooleanField(MANAGEMENT_ITEMS[2][1], default=False)
    rd_institution = models.BooleanField(MANAGEMENT_ITEMS[3][1], default=False)
    cooperation = models.BooleanField(MANAGEMENT_ITEMS[4][1], default=False)
    conversion_incentives = models.BooleanField(MANAGEMENT_ITEMS[5][1], default=False)
    innovation_platform = models.BooleanField(MANAGEMENT_ITEMS[6][1], default=False)
    talent_training = models.BooleanField(MANAGEMENT_ITEMS[7][1], default=False)
    talent_incentives = models.BooleanField(MANAGEMENT_ITEMS[8][1], default=False)

    def __str__(self):
        return f"management of {self.enterprise_id}"


class Incident(models.Model):
    """A safety, quality or environmental incident."""

    class Kind(models.TextChoices):
        SAFETY = "safety", _("安全")
        QUALITY = "quality", _("质量")
        ENVIRONMENT = "environment", _("环境")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="incidents")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("发生日期"))
    major = models.BooleanField(_("重大"), default=False)

    class Meta:
        ordering = ["on"]

    def __str__(self):
        return f"{self.kind} {self.on}"


class Certificate(models.Model):
    """A recognition the enterprise holds (高企证书, 科技型中小企业入库编号, 专精特新…), valid between its dates."""

    class Kind(models.TextChoices):
        HTE = "hte", _("高新技术企业证书")
        TSME = "tsme", _("科技型中小企业入库登记编号")
        SPECIALISED = "specialised", _("专精特新中小企业")
        LITTLE_GIANT = "little_giant", _("专精特新“小巨人”企业")
        GAZELLE = "gazelle", _("瞪羚企业")
        UNICORN = "unicorn", _("独角兽企业")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    number = models.CharField(_("证书编号"), max_length=64, blank=True)
    issued_on = models.DateField(_("发证日期"))
    expires_on = models.DateField(_("有效期至"))

    class Meta:
        ordering = ["-issued_on"]
        indexes = [models.Index(fields=["kind", "expires_on", "enterprise"], name="certificate_valid")]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_on__gte=models.F("issued_on")), name="certificate_dates")
        ]
        verbose_name = _("资质证书")
        verbose_name_plural = _("资质证书")

    def __str__(self):
        return f"{self.kind} {self.number} ({self.issued_on}–{self.expires_on})"


def valid_certificates(kind: str, on) -> models.QuerySet:
    """Certificates of ``kind`` in force on day ``on``."""
    return Certificate.objects.filter(kind=kind, issued_on__lte=on, expires_on__gte=on)


class ProfileDraft(models.Model):
    """Unsaved or invalid input of one profile step, kept so nothing typed is ever lost."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="drafts")
    step = models.CharField(max_length=16)
    data = models.JSONField(default=dict)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["enterprise", "step"], name="unique_draft_step")]

    def __str__(self):
        return f"draft {self.enterprise_id}/{self.step}"


class ContestResult(models.Model):
    """An award in an innovation contest (以赛代评), e.g. 中国创新创业大赛（广东·广州赛区）."""

    class Level(models.IntegerChoices):
        DISTRICT = 1, _("区级")
        CITY = 2, _("市级")
        PROVINCIAL = 3, _("省级")
        NATIONAL = 4, _("国家级")

    class Award(models.IntegerChoices):
        ENTRY = 1, _("入围")
        EXCELLENCE = 2, _("优秀奖")
        THIRD = 3, _("三等奖")
        SECOND = 4, _("二等奖")
        FIRST = 5, _("一等奖")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="contest_results")
    contest = models.CharField(_("赛事名称"), max_length=200)
    year = models.PositiveSmallIntegerField(_("年度"))
    level = models.PositiveSmallIntegerField(_("赛事级别"), choices=Level.choices)
    award = models.PositiveSmallIntegerField(_("获奖等次"), choices=Award.choices)

    class Meta:
        ordering = ["-year", "-level", "-award"]
        verbose_name = _("创新创业大赛获奖")
        verbose_name_plural = _("创新创业大赛获奖")

    def __str__(self):
        return f"{self.year} {self.contest} {self.get_award_display()}"


class EquityRound(models.Model):
    """An equity financing round (以投代评): who invested how much, when, at which stage."""

    class Stage(models.TextChoices):
        ANGEL = "angel", _("天使轮")
        SEED = "seed", _("种子轮")
        PRE_A = "pre_a", _("Pre-A轮")
        A = "a", _("A轮")
        B = "b", _("B轮")
        C = "c", _("C轮")
        LATER = "later", _("D轮及以后")
        STRATEGIC = "strategic", _("战略投资")
        PRE_IPO = "pre_ipo", _("Pre-IPO")

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="equity_rounds")
    investor = models.CharField(_("投资机构"), max_length=200)
    amount = models.DecimalField(_("投资金额（元）"), max_digits=18, decimal_places=2)
    closed_on = models.DateField(_("交割日期"))
    stage = models.CharField(_("轮次"), max_length=16, choices=Stage.choices)
    post_money_valuation = models.DecimalField(
        _("投后估值（元）"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["-closed_on"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="equity_round_amount_positive")]
        verbose_name = _("股权融资")
        verbose_name_plural = _("股权融资")

    def __str__(self):
        return f"{self.closed_on} {self.investor} {self.get_stage_display()}"


class Review(models.TextChoices):
    """Where a reviewed request stands."""

    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("已驳回")


class ReviewedRequest(models.Model):
    """What every reviewed request has: who asked, when, and the decision."""

    state = models.CharField(_("状态"), max_length=10, choices=Review.choices, default=Review.PENDING, db_index=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    note = models.CharField(_("审核意见"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-id"]


class Claim(ReviewedRequest):
    """Someone registered with the USCC of an enterprise that already exists: they join it once the bureau or the
    enterprise's administrator approves."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="claim")
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="claims")
    name_given = models.CharField(_("填写的企业名称"), max_length=200)
    district_given = models.CharField(_("填写的所在区"), max_length=6, choices=DISTRICTS)

    class Meta(ReviewedRequest.Meta):
        verbose_name = _("企业认领申请")
        verbose_name_plural = _("企业认领申请")

    def __str__(self):
        return f"{self.user} → {self.enterprise}"


class DistrictChange(ReviewedRequest):
    """An enterprise asks to move to another district; the bureau reviews it (the district decides who oversees the
    enterprise and which policies apply)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="district_changes")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_district = models.CharField(_("原所在区"), max_length=6, choices=DISTRICTS)
    to_district = models.CharField(_("申请变更为"), max_length=6, choices=DISTRICTS)
    reason = models.CharField(_("变更理由"), max_length=300)

    class Meta(ReviewedRequest.Meta):
        verbose_name = _("所在区变更申请")
        verbose_name_plural = _("所在区变更申请")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"], condition=models.Q(state="pending"), name="one_pending_district_change"
            )
        ]

    def __str__(self):
        return f"{self.enterprise}: {self.from_district} → {self.to_district}"
