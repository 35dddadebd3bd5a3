from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows

from .. import perms, services
from ..forms import OrganisationForm
from ..models import Organisation
from ..selectors import organisations_for

ORGANISATION_COLUMNS = [
    ("Nom", "nom"),
    ("Type", "type"),
    ("Groupe technique", "groupe"),
    ("Comptes actifs", "comptes"),
    ("État", "etat"),
]
ORGANISATION_SORTS = {
    "nom": by_text(lambda organisation: organisation.name),
    "type": by_text(lambda organisation: organisation.get_kind_display()),
    "groupe": lambda organisation: not organisation.technical_group_member,
    "comptes": lambda organisation: organisation.user_count,
    "etat": lambda organisation: not organisation.is_active,
}


@require_GET
def organisation_list(request):
    organisations = organisations_for(request.user).annotate(user_count=Count("users", filter=Q(users__is_active=True)))
    organisations, sorting = sort_rows(request, list(organisations), ORGANISATION_COLUMNS, ORGANISATION_SORTS)
    return render(
        request,
        "partners/organisation_list.html",
        {
            "organisations": organisations,
            "territory": request.territory,
            "can_manage": perms.can_manage_organisations(request.user),
            **sorting,
        },
    )


@require_GET
def organisation_detail(request, pk):
    organisation = get_object_or_404(organisations_for(request.user), pk=pk)
    people = organisation.users.filter(is_active=True).order_by("last_name", "first_name")
    return render(
        request,
        "partners/organisation_detail.html",
        {
            "organisation": organisation,
            "people": people,
            "can_manage": perms.can_manage_organisations(request.user),
            "can_manage_users": perms.can_manage_users(request.user),
        },
    )


def _save(request, form, organisation=None):
    data = {name: form.cleaned_data[name] for name in form.Meta.fields}
    try:
        if organisation is None:
            return services.organisation_create(actor=request.user, **data)
        return services.organisation_update(actor=request.user, organisation=organisation, **data)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@require_http_methods(["GET", "POST"])
def organisation_create(request):
    if not perms.can_manage_organisations(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=Organisation(territory_id=request.user.territory_id))
    if request.method == "POST" and form.is_valid() and (organisation := _save(request, form)):
        messages.success(request, "Organisation ajoutée.")
        return redirect("partners:organisation_detail", pk=organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": None})


@require_http_methods(["GET", "POST"])
def organisation_edit(request, pk):
    organisation = get_object_or_404(organisations_for(request.user), pk=pk)
    if not perms.can_manage_organisations(request.user):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=Organisation.objects.get(pk=organisation.pk))
    if request.method == "POST" and form.is_valid() and _save(request, form, organisation):
        messages.success(request, "Organisation enregistrée.")
        return redirect("partners:organisation_detail", pk=organisation.pk)
    return render(request, "partners/organisation_form.html", {"form": form, "organisation": organisation})


@require_POST
def organisation_delete(request, pk):
    organisation = get_object_or_404(organisations_for(request.user), pk=pk)
    if not perms.can_manage_organisations(request.user):
        raise PermissionDenied
    try:
        services.organisation_delete(actor=request.user, organisation=organisation)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("partners:organisation_detail", pk=organisation.pk)
    messages.success(request, "Organisation supprimée.")
    return redirect("partners:organisation_list")
