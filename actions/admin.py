"""Admin: reference and reading. Commitments are read-only here: the envelope is engaged through the services
(which lock it), never by editing rows by hand."""

from django.contrib import admin

from partners.admin import TechnicalAdminInlineMixin, TerritoryScopedAdmin

from .models import Action, CoFunding, Commitment, Envelope, OutcomeType


# Stacked inlines: each field keeps its own label (axe-core: label), see partners.admin.
class OutcomeTypeInline(TechnicalAdminInlineMixin, admin.StackedInline):
    model = OutcomeType
    extra = 0


class CoFundingInline(TechnicalAdminInlineMixin, admin.StackedInline):
    model = CoFunding
    extra = 0


@admin.register(Action)
class ActionAdmin(TerritoryScopedAdmin):
    list_display = ["title", "territory", "lead_organisation", "status", "start_date", "fse_plus_cofunded"]
    list_filter = ["territory", "status", "fse_plus_cofunded", "shared_nationally"]
    list_select_related = ["territory", "lead_organisation"]
    search_fields = ["title"]
    inlines = [OutcomeTypeInline, CoFundingInline]
    readonly_fields = ["status"]


@admin.register(Envelope)
class EnvelopeAdmin(TerritoryScopedAdmin):
    admin_may_add = False
    list_display = ["year", "territory", "amount", "funder"]
    list_filter = ["territory"]


@admin.register(Commitment)
class CommitmentAdmin(TerritoryScopedAdmin):
    territory_lookup = "envelope__territory"
    list_display = ["committed_on", "label", "category", "amount", "status", "envelope"]
    list_filter = ["envelope__territory", "envelope__year", "category", "status"]
    list_select_related = ["envelope"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
