"""The national administrator's page of national accounts (ANCT, DGEFP, national administration): list them, invite a
national viewer or administrator, deactivate or reactivate an account. Formerly done by a superuser in /admin/."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows

from .. import perms, services
from ..forms import NationalAccountInvitationForm
from ..middleware import national_page
from ..models import Invitation
from ..selectors import national_accounts_for, national_invitations_for


def _require_national_admin(user):
    if not perms.can_manage_national_accounts(user):
        raise PermissionDenied("Seule l'administration nationale gère les comptes nationaux.")


ACCOUNT_COLUMNS = [
    ("Nom", "nom"),
    ("Courriel", "courriel"),
    ("Rôle", "role"),
    ("État", "etat"),
    ("Dernière connexion", "connexion"),
    ("Action", None),
]
ACCOUNT_SORTS = {
    "nom": by_text(lambda person: f"{person.last_name} {person.first_name} {person.username}"),
    "courriel": by_text(lambda person: person.email),
    "role": by_text(lambda person: person.get_role_display()),
    "etat": lambda person: not person.is_active,
    "connexion": lambda person: (person.last_login is None, person.last_login.timestamp() if person.last_login else 0),
}


@national_page
@require_GET
def national_account_list(request):
    _require_national_admin(request.user)
    accounts = list(
        national_accounts_for(request.user)
        .only("first_name", "last_name", "username", "email", "role", "is_active", "last_login", "organisation")
        .order_by("last_name", "first_name", "pk")
    )
    accounts, sorting = sort_rows(request, accounts, ACCOUNT_COLUMNS, ACCOUNT_SORTS)
    return render(
        request,
        "partners/national_account_list.html",
        {
            **sorting,
            "accounts": accounts,
            "invitations": national_invitations_for(request.user).order_by("expires_at", "pk"),
        },
    )


@national_page
@require_http_methods(["GET", "POST"])
def national_account_invite(request):
    _require_national_admin(request.user)
    form = NationalAccountInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.national_account_invite(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Invitation envoyée : le lien est valable {Invitation.VALIDITY_DAYS} jours et ne sert qu'une fois. "
                "La personne y choisit elle-même son mot de passe.",
            )
            return redirect("partners:national_account_list")
    return render(request, "partners/national_account_invite.html", {"form": form})


def _account(request, pk):
    _require_national_admin(request.user)
    return get_object_or_404(national_accounts_for(request.user), pk=pk)


@national_page
@require_POST
def national_account_deactivate(request, pk):
    account = _account(request, pk)
    try:
        services.national_account_deactivate(actor=request.user, user=account)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Compte désactivé : ses sessions et son jeton d'API sont supprimés.")
    return redirect("partners:national_account_list")


@national_page
@require_POST
def national_account_reactivate(request, pk):
    account = _account(request, pk)
    try:
        services.national_account_reactivate(actor=request.user, user=account)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Compte réactivé.")
    return redirect("partners:national_account_list")


__all__ = [
    "national_account_deactivate",
    "national_account_invite",
    "national_account_list",
    "national_account_reactivate",
]
