from django.contrib import admin

from gaoqi.apps.market.models import Organisation, Product, Proposal, Scenario


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "enterprise", "field", "kind", "state"]
    list_filter = ["state", "kind"]
    search_fields = ["name"]
    raw_id_fields = ["enterprise", "ip_items"]


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "field", "deadline", "state"]
    list_filter = ["state", "budget", "district"]
    search_fields = ["title"]
    filter_horizontal = ["events"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["scenario", "enterprise", "state", "created_at"]
    list_filter = ["state"]
    raw_id_fields = ["scenario", "enterprise", "products"]
