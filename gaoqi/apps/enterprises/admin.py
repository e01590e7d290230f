from django.contrib import admin

from gaoqi.apps.enterprises.models import (
    ContestResult,
    Enterprise,
    EquityRound,
    FiscalYear,
    IPItem,
    Membership,
    MentorAssignment,
)


class FiscalYearInline(admin.TabularInline):
    model = FiscalYear
    extra = 0


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = ("name", "uscc", "district", "tech_field", "registered_on")
    list_filter = ("district",)
    search_fields = ("name", "uscc")
    inlines = [FiscalYearInline]


admin.site.register([IPItem, Membership, MentorAssignment, ContestResult, EquityRound])
