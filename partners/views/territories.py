"""The national administrator's pages: every territory with its start (checklist), a new territory, its first
coordinator invited. No shell, no Django admin: the same services as `invite_first_coordinator`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cite_emploi.forms import add_service_errors

from .. import perms, services, setup
from ..enums import Role
from ..forms import FirstCoordinatorForm, TerritoryForm
from ..middleware import national_page
from ..models import Invitation, Territory, User


def _require_national_admin(user):
    if not perms.can_manage_territories(user):
        raise PermissionDenied("Seule l'administration nationale gère les territoires.")


def _territories(user):
    """Every territory with what its list shows; counts only, never a person (2 queries with the checklists)."""
    coordinators = User.objects.filter(organisation__territory=OuterRef("pk"), role=Role.COORDINATOR, is_active=True)
    pending = Invitation.objects.pending().filter(organisation__territory=OuterRef("pk"), role=Role.COORDINATOR)
    return (
        Territory.objects.for_user(user)
        .annotate(
            has_coordinator=Exists(coordinators),
            invitation_pending=Exists(pending),
            qpv_count=Count("qpvs", distinct=True),
        )
        .order_by("name")
    )


@national_page
@require_GET
def territory_list(request):
    _require_national_admin(request.user)
    territories = list(_territories(request.user))
    checklists = setup.checklists(Territory.objects.for_user(request.user))
    for territory in territories:
        territory.progress = setup.Progress(checklists.get(territory.pk, []))
    return render(request, "partners/territory_list.html", {"territories": territories})


@national_page
@require_http_methods(["GET", "POST"])
def territory_create(request):
    _require_national_admin(request.user)
    form = TerritoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            territory = services.territory_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Territoire « {territory.name} » créé : invitez maintenant sa coordination.")
            return redirect("partners:territory_invite", pk=territory.pk)
    return render(request, "partners/territory_form.html", {"form": form})


@national_page
@require_http_methods(["GET", "POST"])
def territory_invite(request, pk):
    territory = get_object_or_404(Territory.objects.for_user(request.user), pk=pk)
    _require_national_admin(request.user)
    form = FirstCoordinatorForm(request.POST or None)
    has_coordinator = User.objects.filter(
        organisation__territory=territory, role=Role.COORDINATOR, is_active=True
    ).exists()
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            organisation = services.coordinating_organisation_get_or_create(
                actor=request.user, territory=territory, name=data["organisation"]
            )
            services.first_coordinator_invite(
                actor=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                organisation=organisation,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Invitation envoyée à la coordination de « {territory.name} » (lien valable "
                f"{Invitation.VALIDITY_DAYS} jours). Elle invitera ensuite ses partenaires.",
            )
            return redirect("partners:territory_list")
    pending = Invitation.objects.pending().filter(organisation__territory=territory, role=Role.COORDINATOR).exists()
    return render(
        request,
        "partners/territory_invite.html",
        {"territory": territory, "form": form, "has_coordinator": has_coordinator, "pending": pending},
    )


__all__ = ["territory_create", "territory_invite", "territory_list"]
