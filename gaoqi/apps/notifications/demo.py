"""Demo data: a welcome notice for every enterprise user, a webhook endpoint and one dead letter for the bureau page."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gaoqi.apps.enterprises.models import Membership
from gaoqi.apps.notifications.models import Channel, Delivery, DeliveryState, Notice, WebhookSubscription
from gaoqi.apps.notifications.routing import webhook_key
from gaoqi.apps.notifications.services import NoticeSpec, notify

WELCOME = "broadcast:welcome"


@transaction.atomic
def seed() -> int:
    """Idempotent: the dedupe keys and fixed URLs make a second run add nothing. Returns the new notices."""
    members = Membership.objects.filter(user__is_active=True).values_list("user_id", "enterprise_id")
    created = notify(
        NoticeSpec(
            user_id=user_id,
            topic="broadcast",
            title=_("欢迎使用高企服务云"),
            body=_("完善企业画像后，系统会对照高企认定条件给出差距分析，并在政策、培训和导师服务与您相关时通知您。"),
            reason=_("您是本平台注册企业的用户。"),
            dedupe_key=WELCOME,
            link="/portal/",
            enterprise_id=enterprise_id,
            cause=WELCOME,
        )
        for user_id, enterprise_id in members
    )
    admin = get_user_model().objects.filter(username="enterprise").select_related("membership__enterprise").first()
    if admin is not None and hasattr(admin, "membership"):
        _dead_webhook(admin)
    return created


def _dead_webhook(admin) -> None:
    """An ERP endpoint that stopped answering, with one delivery that ran out of attempts."""
    enterprise = admin.membership.enterprise
    hook, _created = WebhookSubscription.objects.get_or_create(
        enterprise=enterprise,
        url="https://erp.example.cn/gaoqi/webhook",
        defaults={"topics": ["policy", "service"], "is_active": False, "created_by": admin},
    )
    notice = Notice.objects.filter(user=admin, dedupe_key=WELCOME).first()
    Delivery.objects.get_or_create(
        idempotency_key=webhook_key(hook.id, enterprise.id, WELCOME),
        defaults={
            "notice": notice,
            "channel": Channel.WEBHOOK,
            "subscription": hook,
            "state": DeliveryState.DEAD,
            "attempts": 6,
            "next_attempt_at": timezone.now(),
            "last_error": "URLError: <urlopen error [Errno -2] Name or service not known>",
        },
    )
