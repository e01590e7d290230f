"""The profile steps; each form turns its cleaned data into the profile format."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.enterprises.models import MANAGEMENT_ITEMS, RATINGS, Certificate, FiscalYear, Incident, IPItem
from gaoqi.apps.enterprises.profile import TSME_ROUTES
from gaoqi.core.districts import DISTRICTS
from gaoqi.rules.profile import SIGNED_YEAR_AMOUNTS
from gaoqi.web.forms.fields import TechFieldField, date_input, money_field, not_in_future

DATE = date_input()
YEAR_FIELDS = ["sales_revenue", "total_income", "hightech_income", "net_assets_end", "total_assets_end"]
RD_FIELDS = [f.name for f in FiscalYear._meta.fields if f.name.startswith("rd_")]
TAX_FIELDS = ["taxable_income", "total_costs"]


class BasicForm(forms.Form):
    name = forms.CharField(label=_("企业名称"), max_length=200)
    district = forms.ChoiceField(
        label=_("所在区"),
        choices=DISTRICTS,
        disabled=True,
        help_text=_("所在区的变更须提交申请，由市科技局审核后生效。"),
    )
    tech_field = TechFieldField()
    industry = forms.CharField(label=_("国民经济行业代码"), max_length=5, required=False)
    is_manufacturing = forms.BooleanField(label=_("制造业企业"), required=False)
    registered_on = forms.DateField(label=_("注册日期"), widget=DATE, validators=[not_in_future(_("注册日期"))])
    application_date = forms.DateField(label=_("拟申报日期"), widget=DATE, required=False)
    standards = forms.BooleanField(label=_("主持或参与制定国家、行业标准"), required=False)
    advancement = forms.ChoiceField(label=_("技术先进程度自评"), choices=[("", "—"), *RATINGS], required=False)
    core_support = forms.ChoiceField(label=_("核心知识产权支持作用自评"), choices=[("", "—"), *RATINGS], required=False)
    national_award_top3 = forms.BooleanField(label=_("近五年获国家级科技奖（前三名完成单位）"), required=False)
    provincial_rd_institution = forms.BooleanField(label=_("拥有省部级以上研发机构"), required=False)
    led_standard = forms.BooleanField(label=_("近五年主导制定国际、国家或行业标准"), required=False)

    def profile(self) -> dict:
        data = dict(self.cleaned_data)
        routes = {k: data.pop(k) for k in TSME_ROUTES}
        rating = {k: data.pop(k) for k in ("advancement", "core_support")}
        return {**data, "tsme_routes": routes, "self_rating": rating}


class FiscalYearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100, widget=forms.HiddenInput)
    employees = forms.IntegerField(label=_("职工总数"), min_value=0, required=False)
    st_staff = forms.IntegerField(label=_("科技人员数"), min_value=0, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in YEAR_FIELDS + RD_FIELDS + TAX_FIELDS:
            label = FiscalYear._meta.get_field(name).verbose_name
            self.fields[name] = money_field(label, signed=name in SIGNED_YEAR_AMOUNTS)

    def clean(self):
        cleaned = super().clean()
        staff, st = cleaned.get("employees"), cleaned.get("st_staff")
        if staff is not None and st is not None and st > staff:
            self.add_error("st_staff", _("科技人员数不能超过职工总数。"))
        sales, income = cleaned.get("sales_revenue"), cleaned.get("total_income")
        if sales is not None and income is not None and sales > income:
            self.add_error("sales_revenue", _("销售收入不能超过总收入。"))
        return cleaned

    def profile(self) -> dict:
        data = dict(self.cleaned_data)
        rd = {name.removeprefix("rd_"): data.pop(name) for name in RD_FIELDS}
        return {**data, "rd": rd}


class IPForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[("", "—"), *IPItem.Kind.choices])
    title = forms.CharField(label=_("名称"), max_length=200, required=False)
    number = forms.CharField(label=_("登记号"), max_length=64, required=False)
    granted_on = forms.DateField(label=_("授权日期"), widget=DATE)
    acquired_by = forms.ChoiceField(label=_("获得方式"), choices=IPItem.AcquiredBy.choices, initial="own")
    core = forms.BooleanField(label=_("核心知识产权"), required=False, initial=True)
    used_before = forms.BooleanField(label=_("已用于以往认定"), required=False)


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[("", "—"), *Incident.Kind.choices])
    on = forms.DateField(label=_("发生日期"), widget=DATE)
    major = forms.BooleanField(label=_("重大事故"), required=False)


class CertificateForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=[("", "—"), *Certificate.Kind.choices])
    number = forms.CharField(label=_("证书编号"), max_length=64, required=False)
    issued_on = forms.DateField(label=_("发证日期"), widget=DATE)
    expires_on = forms.DateField(label=_("有效期至"), widget=DATE)

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and expires and expires < issued:
            self.add_error("expires_on", _("有效期至不能早于发证日期。"))
        return cleaned


class OtherForm(forms.Form):
    """Management items and yearly conversions; the years are given by the view."""

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in MANAGEMENT_ITEMS:
            self.fields[key] = forms.BooleanField(label=label, required=False)
        self.years = list(years)
        for year in self.years:
            self.fields[f"conv_{year}"] = forms.IntegerField(
                label=_("%(year)s年成果转化数") % {"year": year}, min_value=0, required=False
            )

    def profile(self) -> dict:
        data = self.cleaned_data
        conversions = {str(y): data[f"conv_{y}"] for y in self.years if data.get(f"conv_{y}") is not None}
        return {"management": {k: data[k] for k, _label in MANAGEMENT_ITEMS}, "conversions": conversions}


YearFormSet = forms.formset_factory(FiscalYearForm, extra=0)
IPFormSet = forms.formset_factory(IPForm, extra=2, can_delete=True)
IncidentFormSet = forms.formset_factory(IncidentForm, extra=1, can_delete=True)
CertificateFormSet = forms.formset_factory(CertificateForm, extra=1, can_delete=True)
