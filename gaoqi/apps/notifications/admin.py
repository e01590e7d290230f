"""Read-mostly admin views of the inbox and the outbox, for support."""

from django.contrib import admin

from gaoqi.apps.notifications.models import Delivery, Notice, Preference, WebhookSubscription


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "topic", "cause", "created_at", "read_at", "clicked_at"]
    list_filter = ["topic"]
    search_fields = ["title", "cause", "dedupe_key", "user__username"]
    raw_id_fields = ["user", "enterprise"]
    readonly_fields = ["created_at", "read_at", "clicked_at"]


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ["idempotency_key", "channel", "state", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["channel", "state"]
    search_fields = ["idempotency_key", "last_error"]
    raw_id_fields = ["notice", "subscription"]
    readonly_fields = ["idempotency_key", "claimed_by", "claimed_until", "sent_at"]


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email_enabled", "mode", "quiet_start", "quiet_end", "daily_cap"]
    raw_id_fields = ["user"]


@admin.register(WebhookSubscription)
class WebhookSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["url", "enterprise", "is_active", "created_at"]
    list_filter = ["is_active"]
    raw_id_fields = ["enterprise", "created_by"]
    exclude = ["secret"]
