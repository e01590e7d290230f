"""Forms of the mentoring pages: mentor registry, stations, overrides, visit logs."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.mentoring.models import MentorProfile, Station, Visit
from gaoqi.core.districts import DISTRICTS, TECH_FIELDS
from gaoqi.core.roles import Role
from gaoqi.core.topics import Topic
from gaoqi.web.forms.fields import date_input


def topics_field(label):
    return forms.MultipleChoiceField(
        label=label, choices=Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class MentorFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名或单位"), required=False)
    district = forms.ChoiceField(label=_("区"), choices=[("", _("全部区")), *DISTRICTS], required=False)
    topic = forms.ChoiceField(label=_("服务主题"), choices=[("", _("全部主题")), *Topic.choices], required=False)


class MentorForm(forms.ModelForm):
    user = forms.ModelChoiceField(label=_("导师账户"), queryset=get_user_model().objects.none())
    tech_fields = forms.MultipleChoiceField(
        label=_("擅长技术领域"), choices=TECH_FIELDS, required=False, widget=forms.CheckboxSelectMultiple
    )
    topics = topics_field(_("擅长服务主题"))

    class Meta:
        model = MentorProfile
        fields = ["user", "organisation", "district", "tech_fields", "topics", "capacity", "station", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(role=Role.MENTOR).order_by("username")
        if self.instance.pk:
            self.fields["user"].disabled = True
            self.fields["user"].queryset = users
        else:
            self.fields["user"].queryset = users.filter(mentor_profile__isnull=True)
        self.fields["capacity"].min_value = 0
        self.fields["capacity"].help_text = _("同时服务企业数的上限")


class StationForm(forms.ModelForm):
    services = topics_field(_("服务内容"))

    class Meta:
        model = Station
        fields = [
            "name",
            "organisation",
            "district",
            "industry_focus",
            "address",
            "contact_name",
            "contact_phone",
            "services",
            "is_active",
        ]


class StationOperatorsForm(forms.Form):
    operators = forms.ModelMultipleChoiceField(
        label=_("运营人员"),
        queryset=get_user_model().objects.filter(role=Role.STATION).order_by("username"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class OverrideForm(forms.Form):
    enterprise = forms.IntegerField(label=_("企业编号"), min_value=1)
    mentor = forms.ModelChoiceField(
        label=_("导师"), queryset=MentorProfile.objects.filter(is_active=True).select_related("user")
    )
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


class VisitForm(forms.ModelForm):
    topics = topics_field(_("辅导主题"))

    class Meta:
        model = Visit
        fields = ["on", "kind", "topics", "notes", "follow_up"]
        widgets = {"on": date_input(), "notes": forms.Textarea(attrs={"rows": 3})}
