"""Forms of 金融惠企: a product, a demand, sending a demand to an institution, moving a deal, the pool, signals."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.enterprises.models import ContestResult, EquityRound
from gaoqi.apps.finance.models import Consent, Deal, Demand, Product
from gaoqi.core.districts import TECH_FIELDS


def _money(label, *, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(label=label, min_value=0, max_digits=18, decimal_places=2, required=required)


def _rate(label) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=False, max_digits=6, decimal_places=3, min_value=0, max_value=36)


class ProductForm(forms.Form):
    name = forms.CharField(label=_("产品名称"), max_length=120)
    kind = forms.ChoiceField(label=_("产品类型"), choices=[("", _("请选择")), *Product.Kind.choices])
    amount_min = _money(_("最低金额（元）"))
    amount_max = _money(_("最高金额（元）"))
    term_min = forms.IntegerField(label=_("最短期限（月）"), min_value=1, max_value=600)
    term_max = forms.IntegerField(label=_("最长期限（月）"), min_value=1, max_value=600)
    rate_min = _rate(_("最低年利率（%）"))
    rate_max = _rate(_("最高年利率（%）"))
    areas = forms.MultipleChoiceField(
        label=_("适用技术领域（不选为全部）"), choices=TECH_FIELDS, required=False, widget=forms.CheckboxSelectMultiple
    )
    eligibility = forms.CharField(
        label=_("准入条件"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("用政策条件语言书写，如 hte_certificate and hte.rd_ratio >= 5%；留空为不设条件。"),
    )
    pool_covered = forms.BooleanField(label=_("纳入风险补偿资金池"), required=False)
    pool_terms = forms.CharField(label=_("资金池补偿条款"), max_length=300, required=False)
    description = forms.CharField(label=_("产品说明"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    is_active = forms.BooleanField(label=_("在售"), required=False, initial=True)


class DemandForm(forms.Form):
    amount = _money(_("融资金额（元）"))
    term_months = forms.IntegerField(label=_("期限（月）"), min_value=1, max_value=600)
    purpose = forms.CharField(label=_("资金用途"), max_length=200)
    collateral = forms.ChoiceField(label=_("担保方式"), choices=[("", _("请选择")), *Demand.Collateral.choices])
    urgency = forms.ChoiceField(label=_("紧急程度"), choices=Demand.Urgency.choices)


class SendForm(forms.Form):
    product = forms.IntegerField(widget=forms.HiddenInput)
    sections = forms.MultipleChoiceField(
        label=_("允许该机构查看的资料"),
        choices=Consent.Section.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[Consent.Section.BASIC],
    )


class RevokeForm(forms.Form):
    institution = forms.IntegerField(widget=forms.HiddenInput)


class DealMoveForm(forms.Form):
    to = forms.ChoiceField(choices=Deal.State.choices, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("说明（补充材料清单或拒绝理由）"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    amount = _money(_("批准金额（元）"), required=False)
    rate = _rate(_("批准年利率（%）"))


class PoolLoanForm(forms.Form):
    started_on = forms.DateField(label=_("放款日期"), widget=forms.DateInput(attrs={"type": "date"}))
    matures_on = forms.DateField(label=_("到期日期"), widget=forms.DateInput(attrs={"type": "date"}))


class PoolLossForm(forms.Form):
    loss = _money(_("本金损失（元）"))
    loss_on = forms.DateField(label=_("损失认定日期"), widget=forms.DateInput(attrs={"type": "date"}))


class CalculatorForm(forms.Form):
    principal = _money(_("贷款本金（元）"))
    loss = _money(_("本金损失（元）"))
    startup = forms.BooleanField(label=_("初创期科技企业"), required=False)
    on = forms.DateField(label=_("损失认定日期"), widget=forms.DateInput(attrs={"type": "date"}))


class ContestForm(forms.ModelForm):
    class Meta:
        model = ContestResult
        fields = ["contest", "year", "level", "award"]


class RoundForm(forms.ModelForm):
    class Meta:
        model = EquityRound
        fields = ["investor", "amount", "closed_on", "stage", "post_money_valuation"]
        widgets = {"closed_on": forms.DateInput(attrs={"type": "date"})}
