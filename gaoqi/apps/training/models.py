"""科创学堂: programmes of training sessions, registrations of named attendees with a waiting list, and feedback."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.apps.training.codes import typed_code
from gaoqi.core.districts import DISTRICTS
from gaoqi.core.links import WebURLField
from gaoqi.core.topics import Topic


class Programme(models.Model):
    """A series of sessions on one theme (e.g. 高企认定“八大条件”系列)."""

    title = models.CharField(_("项目名称"), max_length=200)
    topic = models.CharField(_("主题"), max_length=16, choices=Topic.choices)
    description = models.TextField(_("简介"), blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "title"]
        verbose_name = _("培训项目")
        verbose_name_plural = _("培训项目")

    def __str__(self):
        return self.title


class Session(models.Model):
    """One training session at a service station or online, with a capacity and a registration window."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("已发布")
        CANCELLED = "cancelled", _("已取消")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("项目"))
    title = models.CharField(_("课程名称"), max_length=200)
    topic = models.CharField(_("主题"), max_length=16, choices=Topic.choices, db_index=True)
    speakers = models.CharField(_("主讲人"), max_length=300)
    description = models.TextField(_("课程简介"), blank=True)
    station = models.ForeignKey(
        "mentoring.Station",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        verbose_name=_("服务工作站"),
    )
    online_url = WebURLField(_("线上链接"), blank=True)
    district = models.CharField(_("所属区"), max_length=6, choices=DISTRICTS, db_index=True)
    starts_at = models.DateTimeField(_("开始时间"), db_index=True)
    ends_at = models.DateTimeField(_("结束时间"))
    capacity = models.PositiveIntegerField(_("名额"))
    registration_opens = models.DateTimeField(_("报名开始"))
    registration_closes = models.DateTimeField(_("报名截止"))
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_times"),
            models.CheckConstraint(
                condition=models.Q(registration_closes__gt=models.F("registration_opens")), name="session_window"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="session_capacity"),
        ]
        verbose_name = _("培训场次")
        verbose_name_plural = _("培训场次")

    def __str__(self):
        return self.title

    @property
    def venue(self) -> str:
        if self.station_id:
            return f"{self.station.name}（{self.station.address}）" if self.station.address else self.station.name
        return str(_("线上"))

    def editable(self, now=None) -> bool:
        """Published and not yet over: its details may still change."""
        return self.status == self.Status.SCHEDULED and self.ends_at > (now or timezone.now())

    def registration_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.SCHEDULED and self.registration_opens <= now < self.registration_closes


class Registration(models.Model):
    """A named attendee an enterprise registered; confirmed within the capacity, otherwise on the waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("已确认")
        WAITING = "waiting", _("候补")
        CANCELLED = "cancelled", _("已取消")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="registrations")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="registrations")
    attendee_name = models.CharField(_("参训人姓名"), max_length=64)
    attendee_phone = models.CharField(_("手机号码"), max_length=11)
    attendee_title = models.CharField(_("职务"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, db_index=True)
    code = models.CharField(_("签到码"), max_length=8, unique=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    promoted_at = models.DateTimeField(_("候补转正时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "attendee_phone"],
                condition=~models.Q(status="cancelled"),
                name="registration_once_per_phone",
            )
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"], name="registration_queue")]
        verbose_name = _("报名")
        verbose_name_plural = _("报名")

    def __str__(self):
        return f"{self.attendee_name} @ {self.session_id}"

    @property
    def typed_code(self) -> str:
        """The check-in code to type, with its check characters."""
        return typed_code(self.code)


class Feedback(models.Model):
    """An attendee's answers to the post-session survey."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(_("总体满意度"))
    usefulness = models.PositiveSmallIntegerField(_("对申报工作的帮助"))
    comment = models.TextField(_("意见与建议"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(rating__range=(1, 5)), name="feedback_rating_range"),
            models.CheckConstraint(condition=models.Q(usefulness__range=(1, 5)), name="feedback_usefulness_range"),
        ]
        verbose_name = _("课后反馈")
        verbose_name_plural = _("课后反馈")

    def __str__(self):
        return f"feedback {self.registration_id}"
