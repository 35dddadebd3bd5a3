from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, sort_rows

from .. import perms, services
from ..forms import GroupForm
from ..models import WorkingGroup
from ..selectors import groups_for, organisations_for

GROUP_COLUMNS = [("Nom", "nom"), ("Type", "type"), ("Membres", "membres"), ("État", "etat")]
GROUP_SORTS = {
    "nom": by_text(lambda group: group.name),
    "type": by_text(lambda group: group.get_kind_display()),
    "membres": lambda group: group.member_count,
    "etat": lambda group: not group.is_active,
}


@require_GET
def group_list(request):
    groups, sorting = sort_rows(request, list(groups_for(request.user)), GROUP_COLUMNS, GROUP_SORTS)
    return render(
        request,
        "partners/group_list.html",
        {
            **sorting,
            "groups": groups,
            "technical_group_organisations": organisations_for(request.user).filter(
                technical_group_member=True, is_active=True
            ),
            "can_manage": perms.can_manage_groups(request.user),
        },
    )


@require_GET
def group_detail(request, pk):
    group = get_object_or_404(WorkingGroup.objects.for_user(request.user), pk=pk)
    members, sorting = sort_rows(
        request,
        list(group.members.select_related("organisation").order_by("organisation__name", "last_name")),
        [("Nom", "nom"), ("Organisation", "organisation")],
        MEMBER_SORTS,
    )
    return render(
        request,
        "partners/group_detail.html",
        {**sorting, "group": group, "members": members, "can_manage": perms.can_manage_groups(request.user)},
    )


MEMBER_SORTS = {
    "nom": by_text(lambda member: f"{member.last_name} {member.first_name} {member.username}"),
    "organisation": by_text(lambda member: member.organisation),
}


def _form_data(form):
    return {name: form.cleaned_data[name] for name in ("name", "description", "is_active")}


@require_http_methods(["GET", "POST"])
def group_create(request):
    if not perms.can_manage_groups(request.user):
        raise PermissionDenied
    form = GroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            data = _form_data(form)
            data.pop("is_active")
            group = services.group_create(
                actor=request.user, kind=form.cleaned_data["kind"], members=form.cleaned_data["members"], **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Groupe créé.")
            return redirect("partners:group_detail", pk=group.pk)
    return render(request, "partners/group_form.html", {"form": form, "group": None})


@require_http_methods(["GET", "POST"])
def group_edit(request, pk):
    group = get_object_or_404(WorkingGroup.objects.for_user(request.user), pk=pk)
    if not perms.can_manage_groups(request.user):
        raise PermissionDenied
    form = GroupForm(request.POST or None, instance=WorkingGroup.objects.get(pk=group.pk), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(
                actor=request.user, group=group, members=form.cleaned_data["members"], **_form_data(form)
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Groupe enregistré.")
            return redirect("partners:group_detail", pk=group.pk)
    return render(request, "partners/group_form.html", {"form": form, "group": group})
