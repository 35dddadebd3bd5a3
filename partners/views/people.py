from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows

from .. import perms, services
from ..forms import AcceptInvitationForm, InvitationForm, RoleForm
from ..models import AuditEntry, Invitation, User
from ..selectors import users_for
from ..services.accounts import invitation_from_token, user_from_invitation


def _require_manager(user):
    if not perms.can_manage_users(user):
        raise PermissionDenied


USER_COLUMNS = [("Nom", "nom"), ("Organisation", "organisation"), ("Rôle", "role"), ("État", "etat")]
USER_SORTS = {
    "nom": by_text(lambda person: f"{person.last_name} {person.first_name} {person.username}"),
    "organisation": by_text(lambda person: person.organisation),
    "role": by_text(lambda person: person.get_role_display()),
    "etat": lambda person: not person.is_active,
}


@require_GET
def user_list(request):
    _require_manager(request.user)
    people, sorting = sort_rows(request, list(users_for(request.user)), USER_COLUMNS, USER_SORTS)
    return render(
        request,
        "partners/user_list.html",
        {
            **sorting,
            "people": people,
            "invitations": Invitation.objects.for_user(request.user).pending().select_related("organisation"),
        },
    )


@require_GET
def user_detail(request, pk):
    person = get_object_or_404(users_for(request.user), pk=pk)
    _require_manager(request.user)
    history = (
        AuditEntry.objects.for_user(request.user)
        .filter(content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk))
        .select_related("actor")[:50]
    )
    return render(
        request,
        "partners/user_detail.html",
        {
            "person": person,
            "role_form": RoleForm(user=request.user, initial={"role": person.role}),
            "history": history,
            "can_view_access_log": perms.can_view_audit_log(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def user_invite(request):
    _require_manager(request.user)
    form = InvitationForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Invitation envoyée : le lien est valable 7 jours et ne sert qu'une fois.")
            return redirect("partners:user_list")
    return render(request, "partners/user_invite.html", {"form": form})


def _managed_person(request, pk):
    person = get_object_or_404(users_for(request.user), pk=pk)
    _require_manager(request.user)
    return person


@require_POST
def user_change_role(request, pk):
    person = _managed_person(request, pk)
    form = RoleForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.user_change_role(actor=request.user, user=person, role=form.cleaned_data["role"])
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, "Rôle modifié.")
    else:
        messages.error(request, "Choisissez un rôle dans la liste.")
    return redirect("partners:user_detail", pk=person.pk)


@require_POST
def user_deactivate(request, pk):
    person = _managed_person(request, pk)
    try:
        services.user_deactivate(actor=request.user, user=person)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Compte désactivé : ses sessions et son jeton d'API sont supprimés.")
    return redirect("partners:user_detail", pk=person.pk)


@require_POST
def user_proconnect_unlink(request, pk):
    person = _managed_person(request, pk)
    try:
        services.proconnect_unlink(actor=request.user, user=person)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(
            request, "Identité ProConnect déliée : sa prochaine connexion ProConnect sera reliée selon son courriel."
        )
    return redirect("partners:user_detail", pk=person.pk)


@require_POST
def user_reactivate(request, pk):
    person = _managed_person(request, pk)
    try:
        services.user_reactivate(actor=request.user, user=person)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Compte réactivé.")
    return redirect("partners:user_detail", pk=person.pk)


@login_not_required
@require_http_methods(["GET", "POST"])
def invitation_accept(request, token):
    """Public: the invitee opens her link and chooses her password (single use, 7 days)."""
    invitation = invitation_from_token(token)
    if invitation is None:
        return render(request, "partners/invitation_invalid.html", status=404)
    form = AcceptInvitationForm(user_from_invitation(invitation), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, password=form.cleaned_data["new_password1"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Votre compte est créé. Connectez-vous avec votre adresse électronique.")
            return redirect("login")
    return render(request, "partners/invitation_accept.html", {"form": form, "invitation": invitation})
