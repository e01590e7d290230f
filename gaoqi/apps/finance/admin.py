from django.contrib import admin

from gaoqi.apps.finance.models import Consent, Deal, Demand, Institution, PoolLoan, Product, Staff


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "pool_partner", "is_active"]


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["user", "institution"]


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "kind", "amount_min", "amount_max", "pool_covered", "is_active"]
    list_filter = ["kind", "pool_covered"]


admin.site.register([Demand, Consent, Deal, PoolLoan])
