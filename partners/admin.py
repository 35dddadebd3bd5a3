from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import AuditEntry, Organisation, Territory, User


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "department"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "territory", "technical_group_member", "is_active"]
    list_filter = ["territory", "kind", "technical_group_member", "is_active"]
    search_fields = ["name", "short_name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active"]
    list_filter = ["role", "organisation__territory", "is_active"]
    list_select_related = ["organisation"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Rattachement", {"fields": ["organisation", "role"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        ("Rattachement", {"fields": ["email", "first_name", "last_name", "organisation", "role"]}),
    ]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "organisation", "action", "content_type", "object_id"]
    list_filter = ["action", "territory", "content_type"]
    list_select_related = ["actor", "organisation", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
