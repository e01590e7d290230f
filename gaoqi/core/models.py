"""Shared models: the audit log and printed documents."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who changed what, when: one row per service call that changed state."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("操作"), max_length=64)
    target_type = models.CharField(_("对象类型"), max_length=64)
    target_id = models.CharField(_("对象编号"), max_length=64)
    enterprise_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    changes = models.JSONField(_("变更"), default=dict, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("变更记录")
        verbose_name_plural = _("变更记录")

    def __str__(self):
        return f"{self.action} {self.target_type}#{self.target_id}"


class PrintedDocument(models.Model):
    """A PDF printed by the background worker, kept so the same source is never printed twice."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        PRINTING = "printing", _("生成中")
        READY = "ready", _("已生成")
        FAILED = "failed", _("生成失败")

    kind = models.CharField(_("类型"), max_length=32)
    object_id = models.BigIntegerField(_("对象编号"))
    language = models.CharField(_("语言"), max_length=16)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    content = models.BinaryField(null=True, editable=False)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(_("请求时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id", "language"], name="printed_document_source"),
        ]

    def __str__(self):
        return f"{self.kind}#{self.object_id} {self.language} {self.status}"

    @property
    def pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.PRINTING}


class Throttle(models.Model):
    """Attempts counted under a key (a username's failed logins, an address's registrations) until the window ends;
    in the database so every process and server counts together."""

    key = models.CharField(max_length=200, unique=True)
    count = models.PositiveIntegerField(default=0)
    window_ends = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.key}: {self.count}"


class TaskLease(models.Model):
    """A running task's claim: taken when a worker starts the task, renewed by that worker's heartbeat while it runs,
    dropped when it ends. A lease that lapses means the worker died; the reaper puts the task back in the queue."""

    task_id = models.CharField(max_length=64, unique=True)
    task_path = models.TextField()
    queue_name = models.CharField(max_length=32)
    arguments = models.JSONField(default=dict)
    worker = models.CharField(max_length=128)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return f"{self.task_path} {self.task_id} on {self.worker} until {self.expires_at:%H:%M:%S}"


class PeriodicJob(models.Model):
    """One row per declared periodic job (``gaoqi.core.periodic``): when it runs next and which task it queued last.
    The scheduler claims a due row by moving ``next_run_at`` forward; only the process whose update wins queues it."""

    name = models.CharField(max_length=64, unique=True)
    task_path = models.TextField()
    interval = models.DurationField()
    next_run_at = models.DateTimeField(db_index=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["next_run_at", "name"]

    def __str__(self):
        return f"{self.name} every {self.interval}, next {self.next_run_at:%Y-%m-%d %H:%M}"
