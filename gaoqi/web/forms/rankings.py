"""Forms of 梯次培育与精选: the indicator system editor and the score board filters."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.rankings.models import RankingList
from gaoqi.core.districts import DISTRICTS, TECH_FIELDS
from gaoqi.rules.indicators import MEASURES, METHODS

METHOD_CHOICES = [(key, label) for key, label in METHODS.items()]


def bands_text(bands) -> str:
    """``[["0.03", "0.4"], …]`` as the editor shows it: ``0.03:0.4, …``."""
    return ", ".join(f"{at}:{points}" for at, points in bands)


def _bands(text: str) -> list[list[str]]:
    pairs = [part.strip() for part in text.replace("，", ",").replace("：", ":").split(",") if part.strip()]
    return [pair.split(":", 1) if ":" in pair else [pair, ""] for pair in pairs]


class IndicatorVersionForm(forms.Form):
    """Name, effective date and, per measure, weight, normalisation, bands (``下限:得分``) and gate."""

    name = forms.CharField(label=_("名称"), max_length=200)
    effective_on = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("修订说明"), max_length=300, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, measure in MEASURES.items():
            self.fields[f"{key}_weight"] = forms.DecimalField(
                label=_("%(label)s · 权重") % {"label": measure.label},
                min_value=Decimal(0),
                max_digits=8,
                decimal_places=2,
                initial=0,
                help_text=measure.source,
            )
            self.fields[f"{key}_method"] = forms.ChoiceField(label=_("归一方法"), choices=METHOD_CHOICES)
            self.fields[f"{key}_bands"] = forms.CharField(
                label=_("分档（下限:得分，逗号分隔）"), required=False, max_length=300
            )
            self.fields[f"{key}_gate"] = forms.CharField(
                label=_("门槛条件（政策条件语言）"), required=False, max_length=500
            )

    def measures(self):
        """Per measure, its four fields (for the template)."""
        return [
            (measure, [self[f"{key}_{part}"] for part in ("weight", "method", "bands", "gate")])
            for key, measure in MEASURES.items()
        ]

    def spec(self) -> dict:
        data = self.cleaned_data
        return {
            "indicators": [
                {
                    "key": key,
                    "weight": str(data[f"{key}_weight"]),
                    "method": data[f"{key}_method"],
                    "bands": _bands(data[f"{key}_bands"]),
                    "gate": data[f"{key}_gate"],
                }
                for key in MEASURES
            ]
        }

    @staticmethod
    def initial_from(spec: dict) -> dict:
        initial = {f"{key}_method": "percentile" for key in MEASURES}
        for raw in spec.get("indicators", []):
            key = raw["key"]
            initial |= {
                f"{key}_weight": raw["weight"],
                f"{key}_method": raw["method"],
                f"{key}_bands": bands_text(raw.get("bands", [])),
                f"{key}_gate": raw.get("gate", ""),
            }
        return initial

    @staticmethod
    def field_of(error_field: str | None) -> str | None:
        """The form field of a service error field (``rd_intensity.weight`` → ``rd_intensity_weight``)."""
        return error_field.replace(".", "_") if error_field else None


class BoardFilterForm(forms.Form):
    district = forms.ChoiceField(label=_("区"), choices=[("", _("全部")), *DISTRICTS], required=False)
    tech_area = forms.ChoiceField(label=_("技术领域"), choices=[("", _("全部")), *TECH_FIELDS], required=False)


class ListDraftForm(forms.Form):
    kind = forms.ChoiceField(label=_("榜单"), choices=RankingList.Kind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    size = forms.IntegerField(
        label=_("名额"), min_value=1, max_value=1000, required=False, help_text=_("留空按默认名额")
    )


class EntryAddForm(forms.Form):
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18)
    reason = forms.CharField(label=_("增补理由"), max_length=300)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("移出理由"), max_length=300)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("审核意见"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class WhatIfForm(IndicatorVersionForm):
    """A changed indicator system (the editor's fields) with the entry criteria, score cuts and rewards."""

    eligibility = forms.CharField(
        label=_("入围条件（政策条件语言）"), max_length=500, initial="hte_certificate and not listed"
    )
    cutoff_before = forms.DecimalField(label=_("现行分数线"), min_value=0, max_value=100, decimal_places=2, initial=60)
    cutoff = forms.DecimalField(label=_("调整后分数线"), min_value=0, max_value=100, decimal_places=2, initial=60)
    reward_before = forms.DecimalField(
        label=_("现行奖补（元/家）"), min_value=0, max_digits=14, decimal_places=2, initial=200000
    )
    reward = forms.DecimalField(
        label=_("调整后奖补（元/家）"), min_value=0, max_digits=14, decimal_places=2, initial=200000
    )
    HEAD = ("name", "eligibility", "cutoff_before", "cutoff", "reward_before", "reward")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["effective_on"], self.fields["note"]
        self.fields["name"].label = _("方案名称")

    def head(self):
        return [self[name] for name in self.HEAD]
