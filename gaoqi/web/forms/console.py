"""Console filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.assessments.models import Verdict
from gaoqi.apps.assessments.selectors import NOT_ASSESSED
from gaoqi.core.districts import DISTRICTS, TECH_FIELDS


class EnterpriseFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或信用代码"), required=False)
    district = forms.ChoiceField(label=_("区"), choices=[("", _("全部区")), *DISTRICTS], required=False)
    field = forms.ChoiceField(label=_("技术领域"), choices=[("", _("全部领域")), *TECH_FIELDS], required=False)
    certified = forms.NullBooleanField(
        label=_("高企证书"),
        widget=forms.Select(choices=[("", _("不限")), ("true", _("持有")), ("false", _("未持有"))]),
        required=False,
    )
    verdict = forms.ChoiceField(
        label=_("自评结论"),
        choices=[("", _("全部结论")), *Verdict.choices, (NOT_ASSESSED, _("未评估"))],
        required=False,
    )
    min_score = forms.IntegerField(label=_("最低得分不低于"), min_value=0, max_value=100, required=False)
