"""Stored assessment results and batch re-assessment runs."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", _("符合条件")
    INELIGIBLE = "ineligible", _("不符合条件")
    UNKNOWN = "unknown", _("数据不全")
    PENDING = "pending", _("待专家评分")


class BatchRun(models.Model):
    """A re-assessment of every enterprise, run by the background worker."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    district = models.CharField(_("范围（区）"), max_length=6, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已完成"), default=0)
    # the last enterprise of the last committed chunk: a batch re-queued after its worker died resumes after it
    resume_after = models.BigIntegerField(default=0, editable=False)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    progressed_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"batch {self.pk} {self.status}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}


class Assessment(models.Model):
    """One run of the rulebooks on an enterprise's profile, reproducible from as_of and fingerprints."""

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="assessments")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    batch = models.ForeignKey(BatchRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    as_of = models.DateField(_("评估基准日"))
    verdict = models.CharField(_("结论"), max_length=10, choices=Verdict.choices, db_index=True)
    score_min = models.DecimalField(_("最低得分"), max_digits=6, decimal_places=2, null=True)
    score_max = models.DecimalField(_("最高得分"), max_digits=6, decimal_places=2, null=True)
    rulebooks = models.JSONField(_("规则版本"), default=dict)
    result = models.JSONField(_("结果"))
    is_latest = models.BooleanField(default=True)
    created_at = models.DateTimeField(_("评估时间"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["enterprise", "is_latest"]),
            models.Index(fields=["is_latest", "verdict", "enterprise"], name="assessment_latest_verdict"),
        ]

    def __str__(self):
        return f"{self.enterprise_id} {self.verdict} {self.as_of}"
