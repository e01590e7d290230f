"""Forms of the policy console: the policy editor (criteria checked as typed) and broadcasts."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.policies.models import Policy
from gaoqi.apps.policies.services import FIELDS
from gaoqi.core.districts import DISTRICTS
from gaoqi.rules.criteria import CriteriaError, compile_criteria
from gaoqi.web.forms.fields import date_input


class LinesField(forms.CharField):
    """A list of strings edited one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [line.strip() for line in (value or "").splitlines() if line.strip()]


class PolicyForm(forms.ModelForm):
    districts = forms.MultipleChoiceField(
        label=_("适用区"), choices=DISTRICTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    documents = LinesField(label=_("申报材料清单（每行一项）"), required=False)

    class Meta:
        model = Policy
        fields = FIELDS
        widgets = {
            "issued_on": date_input(),
            "opens_on": date_input(),
            "closes_on": date_input(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "full_text": forms.Textarea(attrs={"rows": 6}),
            "clauses": forms.Textarea(attrs={"rows": 2}),
            "criteria": forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "class": "code"}),
        }

    def clean_criteria(self):
        text = self.cleaned_data["criteria"]
        if text.strip():
            try:
                compile_criteria(text)
            except CriteriaError as exc:
                raise forms.ValidationError(str(exc)) from None
        return text


class BroadcastForm(forms.Form):
    title = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 5}))
    districts = forms.MultipleChoiceField(
        label=_("范围（区，不选为全市）"), choices=DISTRICTS, required=False, widget=forms.CheckboxSelectMultiple
    )
    citywide = forms.BooleanField(label=_("不选区时：我确认发送给全市所有企业"), required=False)

    def __init__(self, *args, district: str = "", **kwargs):
        """District staff write to their own district only: it is the one choice, already ticked."""
        super().__init__(*args, **kwargs)
        if district:
            field = self.fields["districts"]
            assert isinstance(field, forms.MultipleChoiceField)
            field.label, field.choices = _("范围（区）"), [(c, n) for c, n in DISTRICTS if c == district]
            field.initial = [district]
            del self.fields["citywide"]

    def clean(self):
        cleaned = super().clean()
        if "citywide" in self.fields and not cleaned.get("districts") and not cleaned.get("citywide"):
            self.add_error("citywide", _("未选择区即发送给全市所有企业：请勾选确认，或选择要发送的区。"))
        cleaned.pop("citywide", None)
        return cleaned
