"""The profile import upload."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class ProfileImportForm(forms.Form):
    file = forms.FileField(
        label=_("Excel 文件（.xlsx）"),
        help_text=_("请使用本平台的导入模板填写；导入前会逐格检查，有任何错误则整个文件都不保存。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.UPLOADS["xlsx"]["max_bytes"]
        if upload.size > limit:
            raise ValidationError(
                _("文件过大：最大 %(max)s，收到 %(size)s。")
                % {"max": filesizeformat(limit), "size": filesizeformat(upload.size)}
            )
        return upload
