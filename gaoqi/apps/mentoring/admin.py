from django.contrib import admin

from gaoqi.apps.mentoring.models import MentorProfile, Station, Visit


@admin.register(Station)
class StationAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "organisation", "is_active"]
    list_filter = ["district", "is_active"]
    search_fields = ["name", "organisation"]
    filter_horizontal = ["operators"]


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "district", "organisation", "capacity", "is_active"]
    list_filter = ["district", "is_active"]
    search_fields = ["user__username", "user__first_name", "organisation"]


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["on", "mentor", "enterprise", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["enterprise"]
