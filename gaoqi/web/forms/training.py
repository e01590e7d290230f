"""Forms of 科创学堂: sessions, programmes, attendee registration, check-in, feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.mentoring.models import Station
from gaoqi.apps.training.models import Programme
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.links import WebURLFormField
from gaoqi.core.topics import Topic

SCORES = [(n, str(n)) for n in range(5, 0, -1)]


class DateTimeField(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], **kwargs)


class ProgrammeForm(forms.Form):
    title = forms.CharField(label=_("项目名称"), max_length=200)
    topic = forms.ChoiceField(label=_("主题"), choices=Topic.choices)
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    description = forms.CharField(label=_("简介"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SessionForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("所属项目"), queryset=Programme.objects.all())
    title = forms.CharField(label=_("课程名称"), max_length=200)
    topic = forms.ChoiceField(label=_("主题"), choices=[("", _("同所属项目")), *Topic.choices], required=False)
    speakers = forms.CharField(label=_("主讲人"), max_length=300)
    description = forms.CharField(label=_("课程简介"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    station = forms.ModelChoiceField(
        label=_("服务工作站"), queryset=Station.objects.none(), required=False, empty_label=_("（线上培训）")
    )
    online_url = WebURLFormField(label=_("线上链接"), required=False)
    district = forms.ChoiceField(label=_("所属区（线上培训）"), choices=[("", _("—")), *DISTRICTS], required=False)
    starts_at = DateTimeField(label=_("开始时间"))
    ends_at = DateTimeField(label=_("结束时间"))
    capacity = forms.IntegerField(label=_("名额"), min_value=1, max_value=5000)
    registration_opens = DateTimeField(label=_("报名开始"))
    registration_closes = DateTimeField(label=_("报名截止"))

    def __init__(self, *args, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations


class SessionEditForm(SessionForm):
    """The published session's fields other than its programme."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["programme"]


class RegistrationForm(forms.Form):
    attendee_name = forms.CharField(label=_("参训人姓名"), max_length=64)
    attendee_phone = forms.CharField(label=_("手机号码"), max_length=20)
    attendee_title = forms.CharField(label=_("职务"), max_length=64, required=False)


class CheckinForm(forms.Form):
    code = forms.CharField(
        label=_("签到码"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}),
        help_text=_("扫描学员的签到二维码，或输入 10 位签到码（如 K7QM-3XRD-9F）"),
    )


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("总体满意度"), choices=SCORES, coerce=int, widget=forms.RadioSelect)
    usefulness = forms.TypedChoiceField(
        label=_("对申报工作的帮助"), choices=SCORES, coerce=int, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("意见与建议"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class KpiYearForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100, required=False)
