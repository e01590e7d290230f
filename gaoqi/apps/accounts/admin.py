from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from gaoqi.apps.accounts.models import User


@admin.register(User)
class GaoqiUserAdmin(UserAdmin):
    list_display = ("username", "role", "district", "is_active")
    list_filter = ("role", "district", "is_active")
    fieldsets = (*UserAdmin.fieldsets, ("gaoqi", {"fields": ("role", "district")}))
    add_fieldsets = (*UserAdmin.add_fieldsets, ("gaoqi", {"fields": ("role", "district")}))
