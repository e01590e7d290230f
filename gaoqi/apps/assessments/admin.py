from django.contrib import admin

from gaoqi.apps.assessments.models import Assessment, BatchRun


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "verdict", "score_min", "score_max", "as_of", "created_at")
    list_filter = ("verdict", "is_latest")
    raw_id_fields = ("enterprise", "actor", "batch")


@admin.register(BatchRun)
class BatchRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "district", "status", "done", "total", "created_at")
