from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import (
    AgendaItem,
    Attendee,
    AuditEntry,
    Decision,
    Invitation,
    Meeting,
    Organisation,
    Territory,
    User,
    WorkingGroup,
)


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


@admin.register(WorkingGroup)
class WorkingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "territory", "is_active"]
    list_filter = ["territory", "kind", "is_active"]
    filter_horizontal = ["members"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


class AttendeeInline(admin.TabularInline):
    model = Attendee
    extra = 0
    raw_id_fields = ["user", "organisation"]


class DecisionInline(admin.StackedInline):
    model = Decision
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["date", "kind", "title", "territory"]
    list_filter = ["territory", "kind"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendeeInline, DecisionInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "organisation", "role", "expires_at", "accepted_at"]
    list_filter = ["role", "organisation__territory"]
    readonly_fields = ["token_hash", "created_at", "accepted_at", "user"]
