"""Login (throttled) and enterprise self-registration forms."""

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.accounts.throttle import login_failed, login_locked, login_succeeded
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.roles import Role
from gaoqi.web.forms.fields import TechFieldField


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form, refusing a username after repeated failures."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if login_locked(username):
            raise ValidationError(_("登录失败次数过多，请15分钟后再试。"), code="throttled")
        try:
            cleaned = super().clean()
        except ValidationError:
            login_failed(username)
            raise
        login_succeeded(username)
        return cleaned


class RegistrationForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"))
    password1 = forms.CharField(label=_("密码"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("确认密码"), widget=forms.PasswordInput, strip=False)
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=18, min_length=18)
    name = forms.CharField(label=_("企业名称"), max_length=200)
    district = forms.ChoiceField(label=_("所在区"), choices=DISTRICTS)
    tech_field = TechFieldField()
    registered_on = forms.DateField(label=_("注册日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


class StaffUserForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, strip=False, min_length=8)
    role = forms.ChoiceField(label=_("角色"), choices=[c for c in Role.choices if c[0] != Role.ENTERPRISE])
    district = forms.ChoiceField(label=_("所属区"), choices=[("", "—"), *DISTRICTS], required=False)


class ColleagueForm(forms.Form):
    username = forms.CharField(label=_("用户名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"))
    password = forms.CharField(label=_("初始密码"), widget=forms.PasswordInput, strip=False, min_length=8)
