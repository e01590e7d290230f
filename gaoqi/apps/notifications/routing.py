"""Which outbox deliveries a new notice gets: e-mail per the user's preferences, webhooks per subscription."""

import hashlib
from collections import defaultdict
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import connection

from gaoqi.apps.notifications.models import Channel, DeliveryState, DigestMode, Preference, WebhookSubscription
from gaoqi.apps.notifications.schedule import digest_slot

DEFAULT_PREFERENCE = Preference()
DELIVERY_FIELDS = [
    *["notice", "channel", "subscription", "idempotency_key", "digest_key", "next_attempt_at"],
    *["state", "attempts", "claimed_by", "last_error"],
]
NEW = (DeliveryState.PENDING.value, 0, "", "")
"""state, attempts, claimed_by, last_error of a new delivery (appended to each row)."""


class NewNotice(NamedTuple):
    """The columns of a freshly inserted notice that routing needs (returned by the INSERT)."""

    id: int
    user: int
    enterprise: int | None
    topic: str
    dedupe_key: str


def email_key(notice_id: int) -> str:
    return f"email-{notice_id}"


def webhook_key(subscription_id: int, enterprise_id: int, dedupe_key: str) -> str:
    """One webhook call per subscription and enterprise notice, however many of its users got the notice."""
    digest = hashlib.sha256(f"{enterprise_id}:{dedupe_key}".encode()).hexdigest()[:32]
    return f"webhook-{subscription_id}-{digest}"


def email_wanted(preference: Preference, topic: str) -> bool:
    """Whether the preferences let a notice of ``topic`` go out by e-mail."""
    return preference.email_enabled and topic not in preference.muted_topics


def preferences_of(user_ids) -> dict[int, Preference]:
    return {p.user_id: p for p in Preference.objects.filter(user_id__in=user_ids)}


def active_subscriptions() -> dict[int, list[WebhookSubscription]]:
    """Every active webhook subscription by enterprise (few: only enterprises that set one up)."""
    subscriptions = defaultdict(list)
    for sub in WebhookSubscription.objects.filter(is_active=True).order_by("id"):
        subscriptions[sub.enterprise_id].append(sub)
    return subscriptions


def _email_recipients(user_ids) -> dict[int, Preference]:
    """The preferences of the users that have an e-mail address (defaults where they never set any)."""
    users = get_user_model().objects.filter(id__in=user_ids).exclude(email="")
    preferences = preferences_of(user_ids)
    return {uid: preferences.get(uid, DEFAULT_PREFERENCE) for uid in users.values_list("id", flat=True)}


def plan_deliveries(notices: list[NewNotice], subscriptions, now) -> list[tuple]:
    """Delivery rows (values in ``DELIVERY_FIELDS`` order) for freshly inserted notices: e-mail, then webhooks."""
    adapt = connection.ops.adapt_datetimefield_value
    at_once = adapt(now)
    slots = {
        mode: (key, adapt(at)) for mode in (DigestMode.DAILY, DigestMode.WEEKLY) for key, at in [digest_slot(mode, now)]
    }
    recipients = _email_recipients({n.user for n in notices})
    rows = []
    for notice in notices:
        preference = recipients.get(notice.user)
        if preference and email_wanted(preference, notice.topic):
            digest_key, at = slots.get(preference.mode, ("", at_once))
            rows.append((notice.id, Channel.EMAIL.value, None, email_key(notice.id), digest_key, at, *NEW))
        for sub in subscriptions.get(notice.enterprise, ()):
            if not sub.topics or notice.topic in sub.topics:
                key = webhook_key(sub.id, notice.enterprise, notice.dedupe_key)
                rows.append((notice.id, Channel.WEBHOOK.value, sub.id, key, "", at_once, *NEW))
    return rows
