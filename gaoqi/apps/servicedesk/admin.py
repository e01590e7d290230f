from django.contrib import admin

from gaoqi.apps.servicedesk.models import Attachment, RequestEvent, ServiceRequest, SlaTarget


@admin.register(SlaTarget)
class SlaTargetAdmin(admin.ModelAdmin):
    list_display = ["category", "first_response_days", "resolution_days"]


class EventInline(admin.TabularInline):
    model = RequestEvent
    extra = 0
    readonly_fields = ["kind", "actor", "from_state", "to_state", "note", "at"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = ["name", "size", "uploaded_by", "uploaded_at"]
    exclude = ["file"]


@admin.register(ServiceRequest)
class ServiceRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "enterprise", "category", "state", "queue", "escalation", "created_at"]
    list_filter = ["state", "queue", "escalation", "category"]
    search_fields = ["title", "enterprise__name"]
    raw_id_fields = ["enterprise", "created_by", "preferred_mentor", "preferred_station", "mentor", "station"]
    inlines = [EventInline, AttachmentInline]
