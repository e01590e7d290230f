"""Forms of 产品兴企: a product, a review or state change, a scenario, a proposal and its progress."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.enterprises.models import Certificate, IPItem
from gaoqi.apps.market.fields import sub_fields
from gaoqi.apps.market.models import Organisation, Product, Proposal, Scenario
from gaoqi.apps.market.official_lists import LISTS
from gaoqi.core.districts import DISTRICTS


def _field_choices():
    return [("", _("请选择")), *sub_fields()]


class ProductForm(forms.Form):
    name = forms.CharField(label=_("产品名称"), max_length=120)
    field = forms.ChoiceField(label=_("技术领域"), choices=_field_choices)
    kind = forms.ChoiceField(label=_("产品类型"), choices=[("", _("请选择")), *Product.Kind.choices])
    certifications = forms.MultipleChoiceField(
        label=_("首台（套）/首批次/首版次认定"),
        choices=Product.Certification.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    ip_items: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("相关知识产权"), queryset=IPItem.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    price_min = forms.DecimalField(
        label=_("参考价格下限（元）"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    price_max = forms.DecimalField(
        label=_("参考价格上限（元）"), max_digits=14, decimal_places=2, min_value=0, required=False
    )
    customers = forms.CharField(label=_("典型客户"), max_length=300, required=False)
    description = forms.CharField(label=_("产品简介"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, ip_items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ip_items"].queryset = ip_items
        self.fields["ip_items"].label_from_instance = lambda item: (
            f"{item.get_kind_display()} {item.title or item.number}"
        )


class MoveForm(forms.Form):
    to = forms.CharField(max_length=16)
    note = forms.CharField(label=_("意见（退回时必填）"), max_length=300, required=False)


class ScenarioForm(forms.Form):
    organisation: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("场景方单位"), queryset=Organisation.objects.none(), empty_label=_("请选择")
    )
    title = forms.CharField(label=_("场景名称"), max_length=120)
    problem = forms.CharField(label=_("需求描述"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6}))
    field = forms.ChoiceField(label=_("技术领域"), choices=_field_choices)
    budget = forms.ChoiceField(label=_("预算区间"), choices=[("", _("请选择")), *Scenario.Budget.choices])
    deadline = forms.DateField(label=_("征集截止日期"), widget=forms.DateInput(attrs={"type": "date"}))
    district = forms.ChoiceField(label=_("实施区域"), choices=[("", _("请选择")), *DISTRICTS])

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProposalForm(forms.Form):
    text = forms.CharField(label=_("解决方案"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5}))
    products: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("相关产品"), queryset=Product.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, products, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = products


class ProposalMoveForm(forms.Form):
    to = forms.ChoiceField(choices=Proposal.State.choices)
    comment = forms.CharField(label=_("意见"), max_length=500, required=False)


class CatalogueFilter(forms.Form):
    q = forms.CharField(label=_("关键词"), max_length=100, required=False)
    field = forms.ChoiceField(label=_("技术领域"), choices=[("", _("全部领域")), *sub_fields()], required=False)
    kind = forms.ChoiceField(label=_("产品类型"), choices=[("", _("全部类型")), *Product.Kind.choices], required=False)
    certification = forms.ChoiceField(
        label=_("认定"), choices=[("", _("不限")), *Product.Certification.choices], required=False
    )


class OfficialListForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("名单类型"),
        choices=[("", _("请选择")), *((key, Certificate.Kind(kind).label) for key, kind in LISTS.items())],
    )
    file = forms.FileField(label=_("名单文件（.xlsx 或 UTF-8 编码的 .csv）"))
    dry_run = forms.BooleanField(label=_("仅检查，不写入"), required=False, initial=True)
