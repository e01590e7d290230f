"""Sending on the external channels: one e-mail (single or digest) and one signed webhook call."""

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, mailers
from django.utils import translation
from django.utils.translation import gettext as _

from gaoqi.apps.notifications import targets
from gaoqi.apps.notifications.models import Delivery, Notice, NoticeTopic
from gaoqi.core.pagelinks import link_for

UNSUBSCRIBE_SALT = "notifications.unsubscribe"


def unsubscribe_token(user_id: int, topic: str) -> str:
    """A signed, login-free token that turns off e-mail for one topic (or all with topic "")."""
    return signing.dumps({"u": user_id, "t": topic}, salt=UNSUBSCRIBE_SALT)


def unsubscribe_read(token: str) -> dict | None:
    try:
        return signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None


def absolute(path: str) -> str:
    return settings.NOTIFICATIONS["site_url"].rstrip("/") + path if path.startswith("/") else path


def message_id(idempotency_key: str) -> str:
    """The Message-ID of a delivery: derived only from its idempotency key, so every resend repeats it."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1]
    return f"<{idempotency_key}@{domain}>"


def _notice_text(notice: Notice) -> str:
    lines = [notice.title, "", notice.body, "", _("推送理由：%(reason)s") % {"reason": notice.reason}]
    if notice.link:
        lines.append(_("查看详情：%(url)s") % {"url": absolute(link_for("notifications.open", notice.id))})
    return "\n".join(lines)


def email_send(*, key: str, to: str, user_id: int, notices: list[Notice], topic: str) -> None:
    """Send one e-mail with the given notices (a digest when more than one), with RFC 8058 unsubscribe headers."""
    with translation.override(settings.LANGUAGE_CODE):
        unsubscribe = absolute(link_for("notifications.unsubscribe", unsubscribe_token(user_id, topic)))
        if len(notices) == 1:
            subject = notices[0].title
        else:
            subject = _("高企服务通知汇总（%(count)s 条）") % {"count": len(notices)}
        parts = [_notice_text(n) for n in notices]
        topic_label = NoticeTopic(topic).label if topic else _("全部通知")
        footer = _("不想再收到“%(topic)s”邮件？一键退订：%(url)s") % {"topic": topic_label, "url": unsubscribe}
        body = "\n\n----\n\n".join(parts) + "\n\n" + footer + "\n"
    message = EmailMessage(
        subject=subject,
        body=body,
        to=[to],
        headers={
            "Message-ID": message_id(key),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    mailers.default.send_messages([message])


def webhook_payload(delivery: Delivery, notice: Notice, now: int) -> bytes:
    data = {
        "id": delivery.idempotency_key,
        "topic": notice.topic,
        "title": notice.title,
        "body": notice.body,
        "reason": notice.reason,
        "link": absolute(notice.link) if notice.link else "",
        "enterprise_id": notice.enterprise_id,
        "cause": notice.cause,
        "created_at": notice.created_at.isoformat(),
        "timestamp": now,
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_send(delivery: Delivery, notice: Notice) -> None:
    """POST the notice as JSON to the checked, pinned address; any answer other than 2xx, or none, raises."""
    now = int(time.time())
    body = webhook_payload(delivery, notice, now)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "gaoqi-webhooks/1",
        "X-Gaoqi-Signature": signature(delivery.subscription.secret, body),
        "X-Gaoqi-Delivery": delivery.idempotency_key,
        "X-Gaoqi-Timestamp": str(now),
    }
    targets.post(delivery.subscription.url, body, headers, settings.NOTIFICATIONS["webhook_timeout_seconds"])
