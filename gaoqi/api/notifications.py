"""REST endpoints of 通知: the caller's inbox and preferences, and an enterprise admin's webhook subscriptions."""

import datetime
from typing import Annotated

from ninja import Field, Router, Schema, Status

from gaoqi.api.schemas import Error, Id, LocalTime, Offset, WebUrl, window
from gaoqi.apps.notifications import selectors, services
from gaoqi.apps.notifications.models import DigestMode, NoticeTopic

router = Router(tags=["notifications"])
ERRORS = {400: Error, 401: Error, 403: Error, 404: Error, 422: Error}


class NoticeOut(Schema):
    id: int
    topic: str
    title: str
    body: str
    reason: str
    link: str
    enterprise_id: Id | None
    created_at: datetime.datetime
    read_at: datetime.datetime | None
    clicked_at: datetime.datetime | None


class InboxOut(Schema):
    unread: int
    items: list[NoticeOut]


class PreferenceIO(Schema):
    muted_topics: list[NoticeTopic] = []
    email_enabled: bool = True
    mode: DigestMode = DigestMode.IMMEDIATE
    quiet_start: LocalTime | None = None
    quiet_end: LocalTime | None = None
    daily_cap: int = Field(default=5, ge=1, le=50)


class WebhookIn(Schema):
    url: Annotated[WebUrl, Field(min_length=1, max_length=500)]
    topics: list[NoticeTopic] = []
    is_active: bool = True


class WebhookPatch(Schema):
    url: Annotated[WebUrl, Field(min_length=1, max_length=500)] | None = None
    topics: list[NoticeTopic] | None = None
    is_active: bool | None = None
    rotate_secret: bool = False


class WebhookOut(Schema):
    id: int
    url: str
    topics: list[str]
    is_active: bool
    secret: str
    created_at: datetime.datetime


@router.get("/inbox", response={200: InboxOut, **ERRORS}, summary="我的消息")
def inbox(request, unread: bool = False, limit: int = 50, offset: Offset = 0):
    notices = selectors.notice_list(actor=request.auth, unread=unread)
    return {
        "unread": selectors.unread_count(actor=request.auth),
        "items": list(notices[window(limit, offset, most=200)]),
    }


@router.post("/inbox/{notice_id}/read", response={200: NoticeOut, **ERRORS}, summary="标为已读")
def inbox_read(request, notice_id: Id):
    return services.notice_read(actor=request.auth, notice_id=notice_id)


@router.post("/inbox/read-all", response={200: dict, **ERRORS}, summary="全部标为已读")
def inbox_read_all(request):
    return {"read": services.notice_read_all(actor=request.auth)}


@router.get("/preferences", response={200: PreferenceIO, **ERRORS}, summary="通知偏好")
def preferences(request):
    return selectors.preference_get(actor=request.auth)


@router.put("/preferences", response={200: PreferenceIO, **ERRORS}, summary="保存通知偏好（整体替换）")
def preferences_put(request, payload: PreferenceIO):
    return services.preference_update(actor=request.auth, **payload.model_dump())


@router.get("/webhooks", response={200: list[WebhookOut], **ERRORS}, summary="Webhook 订阅（企业管理员）")
def webhooks(request):
    return list(selectors.webhook_list(actor=request.auth))


@router.post("/webhooks", response={201: WebhookOut, **ERRORS}, summary="添加 Webhook 订阅")
def webhook_create(request, payload: WebhookIn):
    return Status(201, services.webhook_create(actor=request.auth, **payload.model_dump()))


@router.get("/webhooks/{webhook_id}", response={200: WebhookOut, **ERRORS}, summary="Webhook 订阅详情")
def webhook_read(request, webhook_id: Id):
    return selectors.webhook_get(actor=request.auth, pk=webhook_id)


@router.patch("/webhooks/{webhook_id}", response={200: WebhookOut, **ERRORS}, summary="修改 Webhook 订阅")
def webhook_update(request, webhook_id: Id, payload: WebhookPatch):
    return services.webhook_update(actor=request.auth, subscription_id=webhook_id, **payload.model_dump())


@router.delete("/webhooks/{webhook_id}", response={204: None, **ERRORS}, summary="删除 Webhook 订阅")
def webhook_delete(request, webhook_id: Id):
    services.webhook_delete(actor=request.auth, subscription_id=webhook_id)
    return Status(204, None)
