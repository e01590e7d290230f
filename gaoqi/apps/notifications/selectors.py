"""Reads of notifications; who may see what is decided here and only here."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from gaoqi.apps.enterprises.models import Enterprise
from gaoqi.apps.enterprises.selectors import enterprise_is_admin
from gaoqi.apps.notifications.models import Delivery, DeliveryState, Notice, Preference, WebhookSubscription
from gaoqi.core.errors import NotFound, PermissionDenied
from gaoqi.core.roles import Role


def notice_list(*, actor, unread: bool = False) -> QuerySet[Notice]:
    """The actor's own inbox, newest first."""
    notices = Notice.objects.filter(user_id=actor.pk)
    return notices.filter(read_at__isnull=True) if unread else notices


def notice_get(*, actor, pk) -> Notice:
    try:
        return notice_list(actor=actor).get(pk=pk)
    except Notice.DoesNotExist:
        raise NotFound from None


def unread_count(*, actor) -> int:
    return notice_list(actor=actor, unread=True).count() if actor.is_authenticated else 0


def preference_get(*, actor) -> Preference:
    """The actor's preferences (unsaved defaults when never set)."""
    return Preference.objects.filter(user_id=actor.pk).first() or Preference(user_id=actor.pk)


def notice_counts(cause_prefix: str) -> dict:
    """Per cause starting with ``cause_prefix``: notices written, delivered on an external channel, read, clicked."""
    sent = Delivery.objects.filter(notice_id=OuterRef("pk"), state=DeliveryState.SENT)
    rows = (
        Notice.objects.filter(cause__startswith=cause_prefix)
        .values("cause")
        .annotate(
            notified=Count("id"),
            delivered=Count("id", filter=Q(Exists(sent))),
            read=Count("id", filter=Q(read_at__isnull=False)),
            clicked=Count("id", filter=Q(clicked_at__isnull=False)),
        )
        .order_by("cause")
    )
    return {row.pop("cause"): row for row in rows}


def webhook_enterprise(*, actor) -> Enterprise:
    """The enterprise whose webhooks the actor manages: only an enterprise's admin has one."""
    membership = getattr(actor, "membership", None) if actor.is_authenticated else None
    if membership is None or not enterprise_is_admin(actor=actor, enterprise=membership.enterprise):
        raise PermissionDenied
    return membership.enterprise


def webhook_list(*, actor) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(enterprise=webhook_enterprise(actor=actor))


def webhook_get(*, actor, pk) -> WebhookSubscription:
    try:
        return webhook_list(actor=actor).get(pk=pk)
    except WebhookSubscription.DoesNotExist:
        raise NotFound from None


def can_see_dead_letters(actor) -> bool:
    return actor.is_authenticated and actor.role == Role.BUREAU


def dead_letter_list(*, actor) -> QuerySet[Delivery]:
    """Deliveries that failed too often, for bureau staff."""
    if not can_see_dead_letters(actor):
        raise PermissionDenied
    dead = Delivery.objects.filter(state=DeliveryState.DEAD)
    return dead.select_related("notice__user", "notice__enterprise", "subscription").order_by("-next_attempt_at")
