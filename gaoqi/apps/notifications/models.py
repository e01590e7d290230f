"""Inbox notices, their outbox deliveries, per-user preferences and enterprise webhook subscriptions."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gaoqi.core.links import WebURLField


class NoticeTopic(models.TextChoices):
    POLICY = "policy", _("政策推送")
    TRAINING = "training", _("培训活动")
    SERVICE = "service", _("服务工单")
    MENTOR = "mentor", _("导师服务")
    BROADCAST = "broadcast", _("公告")
    ACCOUNT = "account", _("账户与审核")
    MARKET = "market", _("产品与场景对接")


class Notice(models.Model):
    """One item in a user's inbox; the same (user, dedupe_key) exists at most once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", on_delete=models.CASCADE, null=True, blank=True, related_name="notices"
    )
    topic = models.CharField(_("主题"), max_length=16, choices=NoticeTopic.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    reason = models.TextField(_("推送理由"))
    link = models.CharField(_("链接"), max_length=500, blank=True)
    cause = models.CharField(_("来源"), max_length=100, blank=True, db_index=True)
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)
    clicked_at = models.DateTimeField(_("点击时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "dedupe_key"], name="unique_notice_per_user")]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]
        verbose_name = _("通知")
        verbose_name_plural = _("通知")

    def __str__(self):
        return self.title


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    WEBHOOK = "webhook", _("Webhook")


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("失败待重试")
    DEAD = "dead", _("死信")
    SKIPPED = "skipped", _("已退订，未发送")


class Delivery(models.Model):
    """Outbox row: one notice on one channel, written with the notice and sent by the worker.

    ``idempotency_key`` is unique and stable: it becomes the e-mail Message-ID and the X-Gaoqi-Delivery header, so a
    resend after a crash carries the same identity. A non-empty ``digest_key`` gathers e-mail deliveries of one user
    and period into one digest message.
    """

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=8, choices=Channel.choices)
    subscription = models.ForeignKey(
        "WebhookSubscription", on_delete=models.CASCADE, null=True, blank=True, related_name="deliveries"
    )
    idempotency_key = models.CharField(max_length=250, unique=True)
    digest_key = models.CharField(max_length=40, blank=True)
    state = models.CharField(_("状态"), max_length=8, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), default=timezone.now)
    claimed_by = models.CharField(max_length=32, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("最近错误"), blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="delivery_due")]
        verbose_name = _("投递")
        verbose_name_plural = _("投递")

    def __str__(self):
        return self.idempotency_key


class DigestMode(models.TextChoices):
    IMMEDIATE = "immediate", _("即时")
    DAILY = "daily", _("每日汇总")
    WEEKLY = "weekly", _("每周汇总")


class Preference(models.Model):
    """How a user wants to be notified; without a row the defaults below apply."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference")
    muted_topics = models.JSONField(_("不接收的主题"), default=list, blank=True)
    email_enabled = models.BooleanField(_("接收邮件"), default=True)
    mode = models.CharField(_("发送方式"), max_length=10, choices=DigestMode.choices, default=DigestMode.IMMEDIATE)
    quiet_start = models.TimeField(_("免打扰开始"), null=True, blank=True)
    quiet_end = models.TimeField(_("免打扰结束"), null=True, blank=True)
    daily_cap = models.PositiveSmallIntegerField(_("每日即时邮件上限"), default=5)

    class Meta:
        verbose_name = _("通知偏好")
        verbose_name_plural = _("通知偏好")

    def __str__(self):
        return f"preference of {self.user_id}"


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """An enterprise's endpoint that receives HMAC-signed JSON for the topics it chose."""

    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="webhooks")
    url = WebURLField(_("回调地址"), max_length=500)
    secret = models.CharField(_("签名密钥"), max_length=64, default=new_secret)
    topics = models.JSONField(_("主题"), default=list, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("Webhook 订阅")
        verbose_name_plural = _("Webhook 订阅")

    def __str__(self):
        return self.url
