from django.contrib import admin

from gaoqi.apps.training.models import Feedback, Programme, Registration, Session


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "year"]
    list_filter = ["topic", "year"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "topic", "district", "starts_at", "capacity", "status"]
    list_filter = ["topic", "district", "status"]
    search_fields = ["title", "speakers"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["attendee_name", "enterprise", "session", "status", "checked_in_at"]
    list_filter = ["status"]
    search_fields = ["attendee_name", "attendee_phone", "code"]
    raw_id_fields = ["session", "enterprise", "registered_by", "checked_in_by"]


admin.site.register(Feedback)
