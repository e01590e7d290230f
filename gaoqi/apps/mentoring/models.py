"""Mentors, one-to-one assignment and service stations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gaoqi.core.districts import DISTRICTS, TECH_FIELD_NAMES
from gaoqi.core.topics import Topic


def topic_labels(values) -> list[str]:
    """The display names of stored topic values, skipping any no longer known."""
    return [str(Topic(v).label) for v in values if v in Topic.values]


class Station(models.Model):
    """A service station (服务工作站点) run by an organisation in one district."""

    name = models.CharField(_("站点名称"), max_length=200, unique=True)
    organisation = models.CharField(_("运营机构"), max_length=200)
    district = models.CharField(_("所在区"), max_length=6, choices=DISTRICTS, db_index=True)
    industry_focus = models.CharField(_("产业方向"), max_length=200, blank=True)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=64, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    services = models.JSONField(_("服务内容"), default=list, blank=True)
    is_active = models.BooleanField(_("运营中"), default=True)
    operators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="operated_stations",
        limit_choices_to={"role": "station"},
        verbose_name=_("运营人员"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["district", "name"]
        verbose_name = _("服务工作站")
        verbose_name_plural = _("服务工作站")

    def __str__(self):
        return self.name

    @property
    def service_labels(self) -> list[str]:
        return topic_labels(self.services)


class MentorProfile(models.Model):
    """A mentor's expertise, district and how many enterprises they can look after."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="mentor_profile",
        limit_choices_to={"role": "mentor"},
        verbose_name=_("用户"),
    )
    organisation = models.CharField(_("所在单位"), max_length=200, blank=True)
    district = models.CharField(_("所在区"), max_length=6, choices=DISTRICTS, db_index=True)
    tech_fields = models.JSONField(_("擅长技术领域"), default=list, blank=True)
    topics = models.JSONField(_("擅长服务主题"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(_("服务企业上限"), default=10)
    station = models.ForeignKey(
        Station, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentors", verbose_name=_("所属工作站")
    )
    is_active = models.BooleanField(_("在岗"), default=True)

    class Meta:
        ordering = ["district", "user__username"]
        verbose_name = _("导师")
        verbose_name_plural = _("导师")

    def __str__(self):
        return self.user.get_full_name() or self.user.username

    @property
    def topic_labels(self) -> list[str]:
        return topic_labels(self.topics)

    @property
    def field_labels(self) -> list[str]:
        return [str(TECH_FIELD_NAMES.get(code[:2], code)) for code in self.tech_fields]


class Visit(models.Model):
    """One visit or consultation a mentor held with an assigned enterprise."""

    class Kind(models.TextChoices):
        VISIT = "visit", _("上门走访")
        PHONE = "phone", _("电话咨询")
        ONLINE = "online", _("线上辅导")

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_visits")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="mentor_visits")
    on = models.DateField(_("日期"))
    kind = models.CharField(_("方式"), max_length=8, choices=Kind.choices, default=Kind.VISIT)
    topics = models.JSONField(_("辅导主题"), default=list, blank=True)
    notes = models.TextField(_("记录"), blank=True)
    follow_up = models.CharField(_("后续跟进"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["enterprise", "on"], name="visit_enterprise_on")]
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")

    def __str__(self):
        return f"{self.mentor_id} → {self.enterprise_id} {self.on}"

    @property
    def topic_labels(self) -> list[str]:
        return topic_labels(self.topics)
