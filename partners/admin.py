"""Django admin: the superuser's bootstrap tool, and the technical admin's reference-data tool.

The technical admin (role `admin`, staff, never superuser) sees only her territory and no personal data: no
person's name (a decision's person shows as a raw id), no follow-up group's decisions or minutes, no account
that reads personal data to edit, and no way to give a role that reads personal data (only a coordinator of the
territory grants those, from « Personnes et rôles »; a superuser invites a territory's first coordinator with
`manage.py invite_first_coordinator`). Every grant is audited and notified to the territory's coordinators.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.db import models

from . import perms
from .enums import AuditAction, GroupKind, Role
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
from .services import audit_record
from .services.accounts import personal_data_grant_notify


def is_technical_admin(user) -> bool:
    return user.is_active and user.is_staff and not user.is_superuser and user.role == Role.ADMIN


class TerritoryScopedAdmin(admin.ModelAdmin):
    """Superuser: everything. Technical admin: the rows of her territory (`territory_lookup`), view and edit
    reference data without Django's per-model permissions. Anyone else on staff: Django's permissions."""

    territory_lookup = "territory"
    admin_may_add = True
    admin_may_delete = False
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        if not perms.has_territory(request.user):
            return qs.none()
        return qs.filter(**{self.territory_lookup: request.user.territory_id})

    def has_module_permission(self, request):
        return is_technical_admin(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_technical_admin(request.user) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_technical_admin(request.user) or super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        if is_technical_admin(request.user):
            return self.admin_may_add
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        if is_technical_admin(request.user):
            return self.admin_may_delete
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """Choices in her territory only (organisations, groups…)."""
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if not request.user.is_superuser and field is not None and perms.has_territory(request.user):
            model = db_field.related_model
            if model is Territory:
                field.queryset = field.queryset.filter(pk=request.user.territory_id)
            elif any(f.name == "territory" for f in model._meta.fields):
                field.queryset = field.queryset.filter(territory_id=request.user.territory_id)
        return field


class TechnicalAdminInlineMixin:
    """Inlines of a scoped admin page: the technical admin edits them without Django's per-model permissions."""

    def has_view_permission(self, request, obj=None):
        return is_technical_admin(request.user) or super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return is_technical_admin(request.user) or super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return is_technical_admin(request.user) or super().has_add_permission(request, obj)


@admin.register(Territory)
class TerritoryAdmin(TerritoryScopedAdmin):
    list_display = ["name", "slug", "department"]
    prepopulated_fields = {"slug": ["name"]}
    territory_lookup = "pk"
    admin_may_add = False


@admin.register(Organisation)
class OrganisationAdmin(TerritoryScopedAdmin):
    list_display = ["name", "short_name", "kind", "territory", "technical_group_member", "is_active"]
    list_filter = ["territory", "kind", "technical_group_member", "is_active"]
    search_fields = ["name", "short_name", "siret"]


@admin.register(User)
class UserAdmin(TerritoryScopedAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "organisation", "role", "is_active", "has_proconnect"]
    list_filter = ["role", "organisation__territory", "is_active"]
    list_select_related = ["organisation"]
    territory_lookup = "organisation__territory"
    admin_may_add = False  # accounts come through invitations (« Personnes et rôles »)
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Rattachement", {"fields": ["organisation", "role"]}),
    ]
    add_fieldsets = [
        *DjangoUserAdmin.add_fieldsets,
        ("Rattachement", {"fields": ["email", "first_name", "last_name", "organisation", "role"]}),
    ]

    @admin.display(boolean=True, description="ProConnect")
    def has_proconnect(self, user):
        return bool(user.proconnect_sub)

    # What only a superuser changes: the role (a grant), the territory (through the organisation), the rights.
    ADMIN_READONLY = ["role", "organisation", "is_superuser", "is_staff", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "last_login", "date_joined"]  # facts, not settings
        if not request.user.is_superuser:
            readonly += self.ADMIN_READONLY
        return readonly

    def has_change_permission(self, request, obj=None):
        """An account that reads personal data is not the technical admin's to change (e-mail, password…)."""
        if is_technical_admin(request.user) and obj is not None and perms.grants_personal_data(obj.role):
            return False
        return super().has_change_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        user = self.get_object(request, id)
        if not request.user.is_superuser and (user is None or perms.grants_personal_data(user.role)):
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

    def save_model(self, request, obj, form, change):
        """A superuser who gives a role that reads personal data here: audited and notified like any grant."""
        previous = User.objects.filter(pk=obj.pk).values_list("role", "is_active").first() if change else None
        super().save_model(request, obj, form, change)
        granted = perms.grants_personal_data(obj.role) and obj.is_active and previous != (obj.role, True)
        if granted and obj.organisation_id and (previous is None or previous[0] != obj.role or not previous[1]):
            audit_record(
                actor=request.user,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                obj=obj,
                fields=["role"],
                detail=f"{previous[0] if previous else '—'} → {obj.role} : accès aux données personnelles (admin)",
                territory_id=obj.organisation.territory_id,
            )
            personal_data_grant_notify(
                territory=obj.organisation.territory, what=f"administration, rôle {Role(obj.role).label}"
            )


@admin.register(AuditEntry)
class AuditEntryAdmin(TerritoryScopedAdmin):
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
class WorkingGroupAdmin(TerritoryScopedAdmin):
    list_display = ["name", "kind", "territory", "is_active"]
    list_filter = ["territory", "kind", "is_active"]
    filter_horizontal = ["members"]


# Stacked inlines, not tabular: each field keeps its own label (a tabular row's inputs have none; axe-core: label).
class AgendaItemInline(TechnicalAdminInlineMixin, admin.StackedInline):
    model = AgendaItem
    extra = 0


class AttendeeInline(TechnicalAdminInlineMixin, admin.StackedInline):
    model = Attendee
    extra = 0
    raw_id_fields = ["user", "organisation"]


class DecisionInline(TechnicalAdminInlineMixin, admin.StackedInline):
    """A decision's text and owner; the person or action it concerns is a link owned by cohorts or actions, set from
    the meeting page and never shown here (no person's name in the admin)."""

    model = Decision
    extra = 0
    raw_id_fields = ["owner"]


@admin.register(Meeting)
class MeetingAdmin(TerritoryScopedAdmin):
    list_display = ["date", "kind", "title", "territory"]
    list_filter = ["territory", "kind"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline, AttendeeInline, DecisionInline]

    def get_inlines(self, request, obj):
        """A follow-up group's decisions name people: not shown to the technical admin."""
        if obj is not None and obj.kind == GroupKind.FOLLOW_UP_GROUP and not request.user.is_superuser:
            return [AgendaItemInline, AttendeeInline]
        return self.inlines

    def get_exclude(self, request, obj=None):
        if obj is not None and obj.kind == GroupKind.FOLLOW_UP_GROUP and not request.user.is_superuser:
            return ["minutes"]
        return super().get_exclude(request, obj)


@admin.register(Invitation)
class InvitationAdmin(TerritoryScopedAdmin):
    """Read-only for the technical admin: an invitation carries a role (a grant), sent from the pages."""

    list_display = ["created_at", "organisation", "role", "expires_at", "accepted_at"]
    list_filter = ["role", "organisation__territory"]
    readonly_fields = ["token_hash", "created_at", "accepted_at", "user"]
    territory_lookup = "organisation__territory"
    admin_may_add = False

    def has_change_permission(self, request, obj=None):
        if is_technical_admin(request.user):
            return False
        return super().has_change_permission(request, obj)
