"""金融惠企: institutions and their staff, products, financing demands with consent, deals, and loans under the
risk-compensation pool."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoqi.core.districts import DISTRICTS


def _money(label, **kwargs):
    return models.DecimalField(label, max_digits=18, decimal_places=2, **kwargs)


class Institution(models.Model):
    class Kind(models.TextChoices):
        BANK = "bank", _("银行")
        GUARANTOR = "guarantor", _("担保机构")
        INVESTOR = "investor", _("投资机构")

    name = models.CharField(_("机构名称"), max_length=120, unique=True)
    kind = models.CharField(_("机构类型"), max_length=12, choices=Kind.choices)
    pool_partner = models.BooleanField(_("风险补偿资金池合作机构"), default=False)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("金融机构")
        verbose_name_plural = _("金融机构")

    def __str__(self):
        return self.name


class Staff(models.Model):
    """A finance-role user works for one institution."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="finance_staff")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="staff")

    class Meta:
        verbose_name = _("机构工作人员")
        verbose_name_plural = _("机构工作人员")

    def __str__(self):
        return f"{self.user} @ {self.institution}"


class Product(models.Model):
    class Kind(models.TextChoices):
        TECH_CREDIT = "tech_credit", _("科技信贷")
        IP_PLEDGE = "ip_pledge", _("知识产权质押")
        INVEST_LOAN = "invest_loan", _("投贷联动")
        CREDIT_LOAN = "credit_loan", _("信用贷")
        EQUITY = "equity", _("股权投资")

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="products")
    name = models.CharField(_("产品名称"), max_length=120)
    kind = models.CharField(_("产品类型"), max_length=16, choices=Kind.choices)
    amount_min = _money(_("最低金额（元）"))
    amount_max = _money(_("最高金额（元）"))
    term_min = models.PositiveSmallIntegerField(_("最短期限（月）"))
    term_max = models.PositiveSmallIntegerField(_("最长期限（月）"))
    rate_min = models.DecimalField(_("最低年利率（%）"), max_digits=6, decimal_places=3, null=True, blank=True)
    rate_max = models.DecimalField(_("最高年利率（%）"), max_digits=6, decimal_places=3, null=True, blank=True)
    areas = models.JSONField(_("适用技术领域大类"), default=list, blank=True)
    eligibility = models.TextField(_("准入条件"), blank=True)
    pool_covered = models.BooleanField(_("纳入风险补偿资金池"), default=False)
    pool_terms = models.CharField(_("资金池补偿条款"), max_length=300, blank=True)
    description = models.TextField(_("产品说明"), blank=True)
    is_active = models.BooleanField(_("在售"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["institution__name", "name"]
        verbose_name = _("金融产品")
        verbose_name_plural = _("金融产品")

    def __str__(self):
        return self.name


class Demand(models.Model):
    class Collateral(models.TextChoices):
        NONE = "none", _("无抵押（信用）")
        IP = "ip", _("知识产权质押")
        PROPERTY = "property", _("不动产抵押")
        RECEIVABLES = "receivables", _("应收账款质押")
        GUARANTEE = "guarantee", _("第三方担保")
        EQUITY = "equity", _("出让股权")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("一般")
        URGENT = "urgent", _("较急（一个月内）")

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="demands")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    amount = _money(_("融资金额（元）"))
    purpose = models.CharField(_("资金用途"), max_length=200)
    term_months = models.PositiveSmallIntegerField(_("期限（月）"))
    collateral = models.CharField(_("担保方式"), max_length=16, choices=Collateral.choices)
    urgency = models.CharField(_("紧急程度"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL)
    created_at = models.DateTimeField(_("提交时间"), db_index=True)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("融资需求")
        verbose_name_plural = _("融资需求")

    def __str__(self):
        return f"{self.enterprise} {self.amount}"


class Consent(models.Model):
    """Which profile sections an institution may see for one demand; revocable, never deleted."""

    class Section(models.TextChoices):
        BASIC = "basic", _("基本信息")
        FINANCE = "finance", _("近三年财务数据")
        IP = "ip", _("知识产权")
        CERTIFICATES = "certificates", _("资质证书")
        SIGNALS = "signals", _("获奖与股权融资")

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="consents")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="consents")
    sections = models.JSONField(_("授权查看的资料"), default=list)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(_("授权时间"))
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["demand", "institution"], name="consent_once_per_institution")]
        verbose_name = _("资料授权")
        verbose_name_plural = _("资料授权")

    def __str__(self):
        return f"{self.demand_id} → {self.institution}"


class Deal(models.Model):
    """A demand sent to one institution (for one of its products), through its states."""

    class State(models.TextChoices):
        SENT = "sent", _("待响应")
        ACCEPTED = "accepted", _("已受理")
        DOCUMENTS = "documents", _("补充材料")
        APPROVED = "approved", _("已批准")
        DECLINED = "declined", _("已拒绝")
        WITHDRAWN = "withdrawn", _("已撤回")

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="deals")
    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="deals")
    product = models.ForeignKey(Product, null=True, blank=True, on_delete=models.SET_NULL, related_name="deals")
    state = models.CharField(_("状态"), max_length=12, choices=State.choices, default=State.SENT, db_index=True)
    match_reasons = models.JSONField(_("匹配理由"), default=list)
    sent_at = models.DateTimeField(_("推送时间"))
    respond_by = models.DateTimeField(_("响应期限"))
    responded_at = models.DateTimeField(_("首次响应时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    approved_amount = _money(_("批准金额（元）"), null=True, blank=True)
    approved_rate = models.DecimalField(_("批准年利率（%）"), max_digits=6, decimal_places=3, null=True, blank=True)
    reason = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["demand", "institution"], name="deal_once_per_institution")]
        verbose_name = _("对接记录")
        verbose_name_plural = _("对接记录")

    def __str__(self):
        return f"{self.demand_id} @ {self.institution}"


class DealEvent(models.Model):
    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    from_state = models.CharField(max_length=12, choices=Deal.State.choices, blank=True)
    to_state = models.CharField(max_length=12, choices=Deal.State.choices)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.deal_id}: {self.from_state} → {self.to_state}"


class PoolLoan(models.Model):
    """A loan recorded under the risk-compensation pool, with its loss once one is reported."""

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="pool_loans")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.PROTECT, related_name="pool_loans")
    deal = models.OneToOneField(Deal, null=True, blank=True, on_delete=models.SET_NULL, related_name="pool_loan")
    district = models.CharField(_("所在区"), max_length=6, choices=DISTRICTS, db_index=True)
    principal = _money(_("贷款本金（元）"))
    started_on = models.DateField(_("放款日期"))
    matures_on = models.DateField(_("到期日期"))
    startup = models.BooleanField(_("初创期企业"))
    loss = _money(_("本金损失（元）"), null=True, blank=True)
    loss_on = models.DateField(_("损失认定日期"), null=True, blank=True)
    compensation = _money(_("资金池补偿（元）"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_on", "-id"]
        constraints = [models.CheckConstraint(condition=models.Q(principal__gt=0), name="pool_loan_principal_positive")]
        verbose_name = _("资金池贷款")
        verbose_name_plural = _("资金池贷款")

    def __str__(self):
        return f"{self.enterprise} {self.principal}"
