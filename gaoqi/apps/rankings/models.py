"""Indicator systems (versioned, with an effective date)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.rules.indicators import System, system_from_dict


class IndicatorVersion(models.Model):
    """One version of the evaluation indicator system; the version in force on a day is the latest effective one."""

    name = models.CharField(_("名称"), max_length=200)
    effective_on = models.DateField(_("生效日期"))
    spec = models.JSONField(_("指标与权重"))
    note = models.CharField(_("修订说明"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name = _("指标体系版本")
        verbose_name_plural = _("指标体系版本")

    def __str__(self):
        return f"{self.name}（{self.effective_on}）"

    def system(self) -> System:
        return system_from_dict(self.spec)
