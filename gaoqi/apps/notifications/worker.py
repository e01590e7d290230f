"""The delivery worker: claim due outbox rows in small batches, send them, record the outcome.

A claim marks rows ``sending`` with a token and a lease and counts an attempt (committed before anything is sent, so a
row whose sending keeps killing the worker still ends as a dead letter); every later write is conditional on that
token, so a worker whose lease ran out cannot overwrite the one that took over. Rows left ``sending`` by a killed
worker become due again when the lease ends and are resent with the same idempotency key (Message-ID,
X-Gaoqi-Delivery).
"""

import datetime
import time
import uuid
from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from gaoqi.apps.notifications import channels
from gaoqi.apps.notifications.models import Channel, Delivery, DeliveryState, DigestMode
from gaoqi.apps.notifications.routing import DEFAULT_PREFERENCE, email_wanted, preferences_of
from gaoqi.apps.notifications.schedule import backoff, day_start, digest_slot, options, quiet_until


def due(now) -> Q:
    waiting = Q(state__in=[DeliveryState.PENDING, DeliveryState.FAILED], next_attempt_at__lte=now)
    return waiting | Q(state=DeliveryState.SENDING, claimed_until__lt=now)


def claim(candidates, now, limit: int) -> tuple[str, list[Delivery]]:
    """Claim up to ``limit`` due rows among ``candidates``; on PostgreSQL rows locked by another worker are skipped."""
    token = uuid.uuid4().hex
    lease = now + datetime.timedelta(seconds=options()["lease_seconds"])
    claimed = {
        "state": DeliveryState.SENDING,
        "claimed_by": token,
        "claimed_until": lease,
        "attempts": F("attempts") + 1,
    }
    with transaction.atomic():
        rows = candidates.filter(due(now)).order_by()  # unordered: the due index answers a LIMIT without sorting
        if connection.features.has_select_for_update_skip_locked:
            ids = list(rows.select_for_update(skip_locked=True, of=("self",)).values_list("id", flat=True)[:limit])
            Delivery.objects.filter(id__in=ids).update(**claimed)
        else:
            ids = list(rows.values_list("id", flat=True)[:limit])
            Delivery.objects.filter(due(now), id__in=ids).update(**claimed)
    mine = Delivery.objects.filter(claimed_by=token, state=DeliveryState.SENDING)
    return token, list(mine.select_related("notice__user", "subscription").order_by("id"))


def _mine(token: str, deliveries):
    return Delivery.objects.filter(claimed_by=token, id__in=[d.id for d in deliveries])


def _release(token, deliveries, **changes):
    _mine(token, deliveries).update(claimed_by="", claimed_until=None, **changes)


def _hold(token, deliveries, **changes):
    """Put claimed rows back without sending; holding is not an attempt."""
    _release(token, deliveries, state=DeliveryState.PENDING, attempts=F("attempts") - 1, **changes)


def _attempt(token, deliveries, send, now) -> bool:
    """Send (the claim counted the attempt), then record sent, or failed / dead with backoff."""
    try:
        send()
    except Exception as exc:  # any failure of the channel is recorded and retried
        attempts = max(d.attempts for d in deliveries)
        dead = attempts >= options()["max_attempts"]
        state = DeliveryState.DEAD if dead else DeliveryState.FAILED
        _release(
            token,
            deliveries,
            state=state,
            next_attempt_at=backoff(attempts, now),
            last_error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        return False
    _release(token, deliveries, state=DeliveryState.SENT, sent_at=now, last_error="")
    return True


def _wants_email(preference, user, topic) -> bool:
    return bool(user.email) and email_wanted(preference, topic)


def sent_today(user_ids, now) -> Counter:
    """Immediate e-mails sent to each user since local midnight, for the daily cap."""
    rows = Delivery.objects.filter(
        notice__user_id__in=user_ids,
        channel=Channel.EMAIL,
        digest_key="",
        state=DeliveryState.SENT,
        sent_at__gte=day_start(now),
    )
    return Counter(dict(rows.values_list("notice__user_id").annotate(n=Count("id")).order_by()))


def _email_one(token, delivery, preference, sent, now) -> None:
    notice, user = delivery.notice, delivery.notice.user

    def send():
        channels.email_send(
            key=delivery.idempotency_key, to=user.email, user_id=user.id, notices=[notice], topic=notice.topic
        )

    if not _wants_email(preference, user, notice.topic):
        _release(token, [delivery], state=DeliveryState.SKIPPED)
    elif later := quiet_until(preference.quiet_start, preference.quiet_end, now):
        _hold(token, [delivery], next_attempt_at=later)
    elif sent[user.id] >= preference.daily_cap:
        mode = DigestMode.DAILY if preference.mode == DigestMode.IMMEDIATE else preference.mode
        key, at = digest_slot(mode, now)
        _hold(token, [delivery], digest_key=key, next_attempt_at=at)
    elif _attempt(token, [delivery], send, now):
        sent[user.id] += 1


def _webhook_one(token, delivery, now) -> None:
    if delivery.subscription.is_active:
        _attempt(token, [delivery], lambda: channels.webhook_send(delivery, delivery.notice), now)
    else:
        _release(token, [delivery], state=DeliveryState.SKIPPED)


def _digest(token, deliveries, preference, now) -> None:
    user = deliveries[0].notice.user
    if later := quiet_until(preference.quiet_start, preference.quiet_end, now):
        _hold(token, deliveries, next_attempt_at=later)
        return
    wanted = [d for d in deliveries if _wants_email(preference, user, d.notice.topic)]
    _release(token, [d for d in deliveries if d not in wanted], state=DeliveryState.SKIPPED)
    if wanted:
        key = f"digest-{user.id}-{deliveries[0].digest_key}"
        notices = [d.notice for d in wanted]

        def send():
            channels.email_send(key=key, to=user.email, user_id=user.id, notices=notices, topic="")

        _attempt(token, wanted, send, now)


def immediate_batch(now) -> int:
    """Claim and send one small batch of single deliveries; the number claimed."""
    token, deliveries = claim(Delivery.objects.filter(digest_key=""), now, options()["batch_size"])
    user_ids = {d.notice.user_id for d in deliveries if d.channel == Channel.EMAIL}
    preferences, sent = preferences_of(user_ids), sent_today(user_ids, now)
    for delivery in deliveries:
        if delivery.channel == Channel.WEBHOOK:
            _webhook_one(token, delivery, now)
        else:
            _email_one(token, delivery, preferences.get(delivery.notice.user_id, DEFAULT_PREFERENCE), sent, now)
    return len(deliveries)


def digest_batch(now) -> int:
    """Claim one user's due digest and send it as one e-mail; the number of deliveries claimed."""
    group = Delivery.objects.filter(due(now)).exclude(digest_key="").values("notice__user_id", "digest_key").first()
    if group is None:
        return 0
    user_id = group["notice__user_id"]
    candidates = Delivery.objects.filter(notice__user_id=user_id, digest_key=group["digest_key"])
    token, deliveries = claim(candidates, now, limit=1000)
    if deliveries:
        _digest(token, deliveries, preferences_of([user_id]).get(user_id, DEFAULT_PREFERENCE), now)
    return len(deliveries)


def deliver_pass(now=None, budget_seconds: float | None = None) -> int:
    """Send what is due in small batches (at the fixed ``now`` when given), stopping after ``budget_seconds`` so a
    large push does not hold the worker from other tasks; returns how many deliveries were handled."""
    deadline = time.monotonic() + budget_seconds if budget_seconds else None
    handled = 0
    while step := immediate_batch(now or timezone.now()) + digest_batch(now or timezone.now()):
        handled += step
        if deadline and time.monotonic() > deadline:
            break
    return handled


def next_due_at():
    """When the next waiting delivery becomes due (None when the outbox is empty)."""
    waiting = Delivery.objects.filter(state__in=[DeliveryState.PENDING, DeliveryState.FAILED])
    first = waiting.order_by("next_attempt_at").values_list("next_attempt_at", flat=True).first()
    leased = Delivery.objects.filter(state=DeliveryState.SENDING).order_by("claimed_until")
    lease_end = leased.values_list("claimed_until", flat=True).first()
    return min((t for t in (first, lease_end) if t is not None), default=None)
