"""Service requests with routing, SLA timers and escalation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoqi.core.topics import Topic


class SlaTarget(models.Model):
    """Working days allowed for the first response and the resolution of one category (defaults in settings)."""

    category = models.CharField(_("服务类别"), max_length=32, choices=Topic.choices, unique=True)
    first_response_days = models.PositiveSmallIntegerField(_("首次响应时限（工作日）"))
    resolution_days = models.PositiveSmallIntegerField(_("办结时限（工作日）"))

    class Meta:
        verbose_name = _("服务时限")
        verbose_name_plural = _("服务时限")

    def __str__(self):
        return self.get_category_display()


class ServiceRequest(models.Model):
    """An enterprise's request for help (有求必应), routed to a mentor, a station or the bureau queue."""

    class State(models.TextChoices):
        NEW = "new", _("待受理")
        ACCEPTED = "accepted", _("已受理")
        IN_PROGRESS = "in_progress", _("处理中")
        RESOLVED = "resolved", _("已解决")
        RATED = "rated", _("已评价")
        REOPENED = "reopened", _("已重开")
        CANCELLED = "cancelled", _("已撤销")

    class Queue(models.TextChoices):
        MENTOR = "mentor", _("导师")
        STATION = "station", _("服务站")
        BUREAU = "bureau", _("市科技局")

    class Escalation(models.IntegerChoices):
        NONE = 0, _("未升级")
        STATION = 1, _("已升级至服务站")
        BUREAU = 2, _("已升级至市科技局")

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="service_requests")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("服务类别"), max_length=32, choices=Topic.choices)
    title = models.CharField(_("标题"), max_length=120)
    description = models.TextField(_("需求描述"))
    preferred_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    preferred_station = models.ForeignKey(
        "mentoring.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(_("状态"), max_length=16, choices=State.choices, default=State.NEW, db_index=True)
    queue = models.CharField(_("承办方"), max_length=8, choices=Queue.choices)
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="service_requests"
    )
    station = models.ForeignKey(
        "mentoring.Station", null=True, blank=True, on_delete=models.SET_NULL, related_name="service_requests"
    )
    route_reason = models.CharField(_("分派理由"), max_length=300)
    first_response_due = models.DateTimeField(_("首次响应期限"))
    resolution_due = models.DateTimeField(_("办结期限"))
    first_responded_at = models.DateTimeField(_("首次响应时间"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("解决时间"), null=True, blank=True)
    escalation = models.PositiveSmallIntegerField(
        _("升级"), choices=Escalation.choices, default=Escalation.NONE, db_index=True
    )
    escalated_at = models.DateTimeField(_("升级时间"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    rating_comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("提交时间"), db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("服务需求")
        verbose_name_plural = _("服务需求")

    def __str__(self):
        return self.title


class RequestEvent(models.Model):
    """One recorded change of a request: a transition, its routing, a re-routing or an escalation."""

    class Kind(models.TextChoices):
        ROUTED = "routed", _("分派")
        TRANSITION = "transition", _("状态变更")
        ESCALATED = "escalated", _("超时升级")
        REROUTED = "rerouted", _("改派")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("类型"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_state = models.CharField(_("原状态"), max_length=16, choices=ServiceRequest.State.choices, blank=True)
    to_state = models.CharField(_("新状态"), max_length=16, choices=ServiceRequest.State.choices)
    from_handler = models.CharField(_("原承办方"), max_length=200, blank=True)
    to_handler = models.CharField(_("新承办方"), max_length=200, blank=True)
    note = models.TextField(_("说明"), blank=True)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("需求记录")
        verbose_name_plural = _("需求记录")

    def __str__(self):
        return f"{self.request_id}: {self.from_state} → {self.to_state}"


class Attachment(models.Model):
    """A file attached to a request, stored under MEDIA_ROOT and served only to those who may see the request."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="servicedesk/%Y/%m/")
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self):
        return self.name
