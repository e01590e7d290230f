"""Forms of 有求必应: a new request, a change of state, a re-routing and a withdrawal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.core.roles import public_name
from gaoqi.core.topics import Topic


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; limits are checked by the service so the API applies the same ones."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class PublicNameChoiceField(forms.ModelChoiceField):
    """A choice of people named as an enterprise sees them (full name or role), never by login name."""

    def label_from_instance(self, obj):
        return public_name(obj)


class RequestForm(forms.Form):
    category = forms.ChoiceField(label=_("服务类别"), choices=[("", _("请选择")), *Topic.choices])
    title = forms.CharField(label=_("标题"), max_length=120)
    description = forms.CharField(label=_("需求描述"), widget=forms.Textarea(attrs={"rows": 6}))
    preferred_mentor = PublicNameChoiceField(
        label=_("指定导师（可选）"), queryset=None, required=False, empty_label=_("自动分派")
    )
    preferred_station = forms.ModelChoiceField(
        label=_("指定服务站（可选）"), queryset=None, required=False, empty_label=_("自动分派")
    )
    attachments = MultipleFileField(
        label=_("附件（可选）"),
        required=False,
        help_text=_("PDF、图片、Word、Excel 或 ZIP，每个不超过 10 MB，最多 5 个。"),
    )

    def __init__(self, *args, mentors, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_mentor"].queryset = mentors
        self.fields["preferred_station"].queryset = stations


class TransitionForm(forms.Form):
    to = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("说明"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    rating = forms.TypedChoiceField(
        label=_("满意度"),
        choices=[("", _("请选择")), *[(n, "★" * n) for n in range(5, 0, -1)]],
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(label=_("评价意见"), max_length=500, required=False)


class RerouteForm(forms.Form):
    mentor = forms.ModelChoiceField(
        label=_("改派给导师"),
        queryset=None,
        required=False,
        empty_label=_("（不指定导师）"),
        error_messages={"invalid_choice": _("所选导师不在岗或已停用，请另选。")},
    )
    station = forms.ModelChoiceField(
        label=_("改派给服务站"),
        queryset=None,
        required=False,
        empty_label=_("（不指定服务站）"),
        error_messages={"invalid_choice": _("所选服务站不存在或已停止运营，请另选。")},
    )
    reason = forms.CharField(
        label=_("改派原因"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请填写改派原因。")},
    )

    def __init__(self, *args, mentors, stations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors
        self.fields["station"].queryset = stations


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("撤销原因（可选）"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
