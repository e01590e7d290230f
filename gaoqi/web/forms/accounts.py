"""Login (throttled, site and admin), enterprise self-registration, staff and colleague accounts, reviews."""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.accounts.throttle import login_failed, login_locked, login_succeeded
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.roles import Role
from gaoqi.web.forms.fields import TechFieldField, date_input, not_in_future


class ThrottledMixin:
    """Refuses a username after repeated failures (``accounts.throttle``), counting each failure."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if login_locked(username):
            minutes = settings.LOGIN_THROTTLE["window_seconds"] // 60
            raise ValidationError(
                _("登录失败次数过多，请%(minutes)s分钟后再试。"), code="throttled", params={"minutes": minutes}
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failed(username)
            raise
        login_succeeded(username)
        return cleaned


class ThrottledLoginForm(ThrottledMixin, AuthenticationForm):
    """The site's login form."""


class ThrottledAdminLoginForm(ThrottledMixin, AdminAuthenticationForm):
    """The admin's login form, under the same throttle."""


def _checked_password(form, field: str, **attributes) -> None:
    """Run the password validators on ``field`` against an account with ``attributes``; errors land on the field."""
    password = form.cleaned_data.get(field)
    if password:
        try:
            password_validation.validate_password(password, get_user_model()(**attributes))
        except ValidationError as exc:
            form.add_error(field, exc)


class RegistrationForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"))
    password1 = forms.CharField(label=_("密码"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput, strip=False)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18, min_length=18)
    name = forms.CharField(label=_("企业名称"), max_length=200)
    district = forms.ChoiceField(label=_("所在区"), choices=DISTRICTS)
    tech_field = TechFieldField()
    registered_on = forms.DateField(label=_("注册日期"), widget=date_input(), validators=[not_in_future(_("注册日期"))])

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        else:
            _checked_password(self, "password1", username=cleaned.get("username", ""), email=cleaned.get("email", ""))
        return cleaned


class StaffUserForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, strip=False)
    role = forms.ChoiceField(label=_("角色"), choices=[c for c in Role.choices if c[0] != Role.ENTERPRISE])
    district = forms.ChoiceField(label=_("所属区"), choices=[("", "—"), *DISTRICTS], required=False)

    def clean(self):
        cleaned = super().clean()
        _checked_password(self, "password", username=cleaned.get("username", ""))
        return cleaned


class ColleagueForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"))
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, strip=False)

    def clean(self):
        cleaned = super().clean()
        _checked_password(self, "password", username=cleaned.get("username", ""), email=cleaned.get("email", ""))
        return cleaned


class DecisionForm(forms.Form):
    """Approve or reject a reviewed request, with an optional note."""

    decision = forms.ChoiceField(choices=[("approve", _("通过")), ("reject", _("驳回"))])
    note = forms.CharField(label=_("审核意见"), max_length=300, required=False)


class DistrictChangeForm(forms.Form):
    district = forms.ChoiceField(label=_("申请变更为"), choices=DISTRICTS)
    reason = forms.CharField(label=_("变更理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3}))
