"""Forms of 通知: preferences and webhook subscriptions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.notifications.models import DigestMode, NoticeTopic
from gaoqi.core.links import WebURLFormField

TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PreferenceForm(forms.Form):
    topics = forms.MultipleChoiceField(
        label=_("接收邮件的主题"), choices=NoticeTopic.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    email_enabled = forms.BooleanField(label=_("接收邮件"), required=False)
    mode = forms.ChoiceField(label=_("发送方式"), choices=DigestMode.choices)
    quiet_start = forms.TimeField(label=_("免打扰开始"), widget=TIME, required=False)
    quiet_end = forms.TimeField(label=_("免打扰结束"), widget=TIME, required=False)
    daily_cap = forms.IntegerField(
        label=_("每日即时邮件上限"),
        min_value=1,
        max_value=50,
        help_text=_("超过上限的通知会并入下一期每日汇总，不会丢失。"),
    )

    @classmethod
    def initial_from(cls, preference) -> dict:
        return {
            "topics": [t for t in NoticeTopic.values if t not in preference.muted_topics],
            "email_enabled": preference.email_enabled,
            "mode": preference.mode,
            "quiet_start": preference.quiet_start,
            "quiet_end": preference.quiet_end,
            "daily_cap": preference.daily_cap,
        }

    def preference_data(self) -> dict:
        data = dict(self.cleaned_data)
        wanted = data.pop("topics")
        data["muted_topics"] = [t for t in NoticeTopic.values if t not in wanted]
        return data


class WebhookForm(forms.Form):
    url = WebURLFormField(label=_("回调地址"), max_length=500)
    topics = forms.MultipleChoiceField(
        label=_("主题"),
        choices=NoticeTopic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("不选则推送全部主题。"),
    )
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)
