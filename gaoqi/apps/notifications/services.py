"""Writes: creating notices with their outbox rows, inbox actions, preferences, webhooks, dead-letter retries."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import batched
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import Membership
from gaoqi.apps.notifications import targets
from gaoqi.apps.notifications.channels import unsubscribe_read
from gaoqi.apps.notifications.models import (
    Delivery,
    DeliveryState,
    DigestMode,
    Notice,
    NoticeTopic,
    Preference,
    WebhookSubscription,
    new_secret,
)
from gaoqi.apps.notifications.routing import DELIVERY_FIELDS, NewNotice, active_subscriptions, plan_deliveries
from gaoqi.apps.notifications.selectors import (
    dead_letter_list,
    notice_get,
    notice_list,
    webhook_enterprise,
    webhook_get,
)
from gaoqi.apps.notifications.tasks import delivery_kick
from gaoqi.core.audit import audit_record, field_changes
from gaoqi.core.bulk import insert_rows
from gaoqi.core.errors import DomainError, NotFound

CHUNK = 2000


@dataclass(frozen=True)
class NoticeSpec:
    """One notice for one user; ``reason`` says why (the clauses met) and is shown on every channel."""

    user_id: int
    topic: str
    title: str
    body: str
    reason: str
    dedupe_key: str
    link: str = ""
    enterprise_id: int | None = None
    cause: str = ""


def notify(specs: Iterable[NoticeSpec]) -> int:
    """Write inbox notices and their outbox deliveries in the caller's transaction; return how many are new.

    A (user, dedupe_key) that already exists, or repeats within ``specs``, is skipped. Delivery is queued when the
    caller's transaction commits, so a rolled-back cause never sends anything.
    """
    now = timezone.now()
    created = 0
    with transaction.atomic():
        subscriptions = active_subscriptions()
        for chunk in batched(_unique(specs), CHUNK):
            created += _notify_chunk(chunk, now, subscriptions)
        if created:
            transaction.on_commit(delivery_kick)
    return created


def _unique(specs: Iterable[NoticeSpec]):
    seen = set()
    for spec in specs:
        if (spec.user_id, spec.dedupe_key) not in seen:
            seen.add((spec.user_id, spec.dedupe_key))
            yield spec


TITLE_MAX = Notice._meta.get_field("title").max_length
NOTICE_FIELDS = ["user", "enterprise", "topic", "title", "body", "reason", "link", "cause", "dedupe_key", "created_at"]


def _notify_chunk(chunk: tuple[NoticeSpec, ...], now, subscriptions) -> int:
    stamp = connection.ops.adapt_datetimefield_value(now)
    rows = [
        (
            s.user_id,
            s.enterprise_id,
            str(s.topic),
            str(s.title)[:TITLE_MAX],
            *map(str, (s.body, s.reason, s.link, s.cause)),
            s.dedupe_key,
            stamp,
        )
        for s in chunk
    ]
    inserted = insert_rows(Notice, NOTICE_FIELDS, rows, ignore_conflicts=True, returning=list(NewNotice._fields))
    notices = [NewNotice(*row) for row in inserted]
    insert_rows(Delivery, DELIVERY_FIELDS, plan_deliveries(notices, subscriptions, now), ignore_conflicts=True)
    return len(notices)


def enterprise_user_ids(enterprise_ids: Iterable[int]) -> dict[int, list[int]]:
    """The active member users of each enterprise (enterprises without members are absent)."""
    members = defaultdict(list)
    for chunk in batched(enterprise_ids, CHUNK):
        rows = Membership.objects.filter(enterprise_id__in=chunk, user__is_active=True).order_by("user_id")
        for enterprise_id, user_id in rows.values_list("enterprise_id", "user_id"):
            members[enterprise_id].append(user_id)
    return dict(members)


def notice_read(*, actor, notice_id: int) -> Notice:
    """Mark one of the actor's notices read (once; later calls keep the first time)."""
    notice = notice_get(actor=actor, pk=notice_id)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=notice.read_at)
    return notice


def notice_read_all(*, actor) -> int:
    return notice_list(actor=actor, unread=True).update(read_at=timezone.now())


def notice_click(*, actor, notice_id: int) -> str:
    """Record the first click-through (which also reads the notice) and return where the notice points."""
    notice = notice_read(actor=actor, notice_id=notice_id)
    Notice.objects.filter(pk=notice.pk, clicked_at__isnull=True).update(clicked_at=timezone.now())
    return notice.link or ""


PREFERENCE_FIELDS = ["muted_topics", "email_enabled", "mode", "quiet_start", "quiet_end", "daily_cap"]


@transaction.atomic
def preference_update(*, actor, **data) -> Preference:
    """Change the actor's notification preferences; only the fields given change."""
    unknown = set(data) - set(PREFERENCE_FIELDS)
    if unknown:
        raise DomainError(_("未知的偏好字段：%(fields)s") % {"fields": "、".join(sorted(unknown))}, field=min(unknown))
    if bad := set(data.get("muted_topics", [])) - set(NoticeTopic.values):
        raise DomainError(_("未知的通知主题：%(topics)s") % {"topics": "、".join(sorted(bad))}, field="muted_topics")
    if "mode" in data and data["mode"] not in DigestMode.values:
        raise DomainError(_("发送方式只能是即时、每日汇总或每周汇总。"), field="mode")
    preference, _created = Preference.objects.select_for_update().get_or_create(user_id=actor.pk)
    changes = field_changes(preference, data)
    if (preference.quiet_start is None) != (preference.quiet_end is None):
        raise DomainError(_("免打扰时段需要同时填写开始和结束时间。"), field="quiet_end")
    if changes:
        preference.save()
        audit_record(actor=actor, action="notifications.preference_update", target=preference, changes=changes)
    return preference


@transaction.atomic
def unsubscribe(*, token: str) -> tuple[int, str]:
    """Apply a one-click unsubscribe token (no login): mute the token's topic, or all e-mail. Returns (user, topic)."""
    data = unsubscribe_read(token)
    if data is None or not get_user_model().objects.filter(pk=data["u"], is_active=True).exists():
        raise DomainError(_("退订链接无效或已损坏。"), code="bad_token")
    user_id, topic = data["u"], data["t"]
    preference, _created = Preference.objects.select_for_update().get_or_create(user_id=user_id)
    if topic:
        if topic not in preference.muted_topics:
            preference.muted_topics = [*preference.muted_topics, topic]
    else:
        preference.email_enabled = False
    preference.save()
    audit_record(actor=None, action="notifications.unsubscribe", target=preference, changes={"topic": [None, topic]})
    return user_id, topic


def _webhook_clean(data: dict) -> dict:
    if bad := set(data.get("topics", [])) - set(NoticeTopic.values):
        raise DomainError(_("未知的通知主题：%(topics)s") % {"topics": "、".join(sorted(bad))}, field="topics")
    if "url" in data:
        _webhook_url_check(data["url"])
    return data


def _webhook_url_check(url: str) -> None:
    """A full http(s) URL without credentials whose host resolves only to public addresses."""
    try:
        URLValidator(schemes=["http", "https"])(url)
        parts = urlsplit(url)
        port = targets.port_of(parts)
    except (ValidationError, ValueError):
        raise DomainError(_("回调地址须为 http:// 或 https:// 开头的完整网址。"), field="url") from None
    if parts.username is not None or parts.password is not None:
        raise DomainError(_("回调地址不能包含用户名或密码；接收方请用签名密钥验证来源。"), field="url")
    if settings.NOTIFICATIONS["webhook_allow_private"]:
        return
    try:
        targets.public_addresses(parts.hostname, port)
    except targets.UnsafeTarget as exc:
        raise DomainError(
            _("回调地址须可从互联网访问，不能指向本机、内网或保留地址：%(why)s。") % {"why": exc}, field="url"
        ) from None


@transaction.atomic
def webhook_create(*, actor, url: str, topics: list[str], is_active: bool = True) -> WebhookSubscription:
    """The enterprise admin adds an endpoint; its signing secret is generated here and shown to the admin."""
    enterprise = webhook_enterprise(actor=actor)
    data = _webhook_clean({"url": url, "topics": topics, "is_active": is_active})
    subscription = WebhookSubscription.objects.create(enterprise=enterprise, created_by=actor, **data)
    audit_record(
        actor=actor,
        action="notifications.webhook_create",
        target=subscription,
        enterprise_id=enterprise.pk,
        changes={"url": [None, url]},
    )
    return subscription


@transaction.atomic
def webhook_update(
    *, actor, subscription_id: int, url=None, topics=None, is_active=None, rotate_secret=False
) -> WebhookSubscription:
    """Change an endpoint; fields left None stay; ``rotate_secret`` issues a new signing secret."""
    subscription = webhook_get(actor=actor, pk=subscription_id)
    given = {"url": url, "topics": topics, "is_active": is_active}
    data = _webhook_clean({k: v for k, v in given.items() if v is not None})
    if rotate_secret:
        data["secret"] = new_secret()
    changes = field_changes(subscription, data)
    if "secret" in changes:
        changes["secret"] = ["***", _("已更换")]
    if changes:
        subscription.save()
        audit_record(
            actor=actor,
            action="notifications.webhook_update",
            target=subscription,
            enterprise_id=subscription.enterprise_id,
            changes=changes,
        )
    return subscription


@transaction.atomic
def webhook_delete(*, actor, subscription_id: int) -> None:
    subscription = webhook_get(actor=actor, pk=subscription_id)
    audit_record(
        actor=actor,
        action="notifications.webhook_delete",
        target=subscription,
        enterprise_id=subscription.enterprise_id,
        changes={"url": [subscription.url, None]},
    )
    subscription.delete()


@transaction.atomic
def dead_letter_retry(*, actor, delivery_id: int) -> Delivery:
    """Bureau staff send a dead delivery again: attempts start over and the worker is woken on commit."""
    try:
        delivery = dead_letter_list(actor=actor).select_for_update(of=("self",)).get(pk=delivery_id)
    except Delivery.DoesNotExist:
        raise NotFound from None
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.PENDING, attempts=0, next_attempt_at=now, claimed_by="", claimed_until=None
    )
    audit_record(
        actor=actor,
        action="notifications.dead_letter_retry",
        target=delivery,
        enterprise_id=delivery.notice.enterprise_id,
        changes={"state": [DeliveryState.DEAD, DeliveryState.PENDING]},
    )
    transaction.on_commit(delivery_kick)
    return delivery
