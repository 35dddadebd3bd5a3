"""Pages of the action catalogue and of one action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi import secrecy
from cite_emploi.forms import add_service_errors
from cite_emploi.sorting import by_text, query_without, sort_rows, sortable_headers
from cite_emploi.text import normalise

from .. import page_links, perms, services
from ..enums import ACTION_TRANSITIONS, ActionStatus
from ..forms import (
    ActionFilterForm,
    ActionForm,
    CoFundingForm,
    EnrolForm,
    EnrolManyForm,
    OutcomeForm,
    OutcomesForm,
    WorkshopForm,
)
from ..models import Action, Commitment, Participation, ParticipationOutcome
from ..panels import panels_for
from ..selectors import action_indicators, actions_for, indicators_for_actions, protected_indicators


def get_action(request, pk) -> Action:
    """The action if it is in the caller's territory, else 404."""
    return get_object_or_404(
        Action.objects.for_user(request.user)
        .select_related("lead_organisation")
        .prefetch_related("partner_organisations", "outcome_types"),
        pk=pk,
    )


@require_GET
def action_list(request):
    form = ActionFilterForm(request.GET or None)
    invalid = form.is_bound and not form.is_valid()
    filters = form.cleaned_data if form.is_bound and not invalid else {}
    # An invalid filter lists nothing (and says so) rather than silently listing every action.
    actions = (
        []
        if invalid
        else list(
            actions_for(
                request.user,
                status=filters.get("status"),
                barrier_category=filters.get("barrier_category"),
                year=filters.get("year"),
                search=filters.get("q"),
            )
        )
    )
    indicators = indicators_for_actions(actions)
    secret = not perms.can_view_participations(request.user)  # viewers: statistical secrecy on the counts
    rows = [
        (
            action,
            indicators[action.pk],
            protected_indicators(indicators[action.pk]).participant_count
            if secret
            else indicators[action.pk].participant_count,
        )
        for action in actions
    ]
    sort = request.GET.get("tri", "")
    if sort.lstrip("-") in ACTION_SORTS:
        rows.sort(key=ACTION_SORTS[sort.lstrip("-")], reverse=sort.startswith("-"))
    else:
        sort = ""
    return render(
        request,
        "actions/action_list.html",
        {
            "form": form,
            "rows": rows,
            "invalid_filters": ActionFilterForm.INVALID_MESSAGE if invalid else "",
            "can_manage": perms.can_manage_actions(request.user),
            "sort": sort,
            "sort_query": query_without(request.GET, "tri"),
            "sortable": sortable_headers(ACTION_COLUMNS, sort),
        },
    )


ACTION_SORTS = {
    "titre": lambda row: normalise(row[0].title),
    "statut": lambda row: row[0].status,
    "porteur": lambda row: normalise(str(row[0].lead_organisation)),
    # the count shown (secrecy: a hidden count sorts as 0, so the order gives nothing away)
    "participants": lambda row: row[2] if isinstance(row[2], int) else 0,
    "engage": lambda row: row[1].committed or 0,
}
ACTION_COLUMNS = [
    ("Action", "titre"),
    ("Statut", "statut"),
    ("Porteur", "porteur"),
    ("Freins visés", None),
    ("Participants", "participants", "text-end"),
    ("Engagé", "engage", "text-end"),
]


PARTICIPANT_SORTS = {
    "participant": by_text(lambda p: p.display_name),
    "inscription": lambda p: p.enrolled_on,
    "parent": lambda p: not p.single_parent,
    "enfants": lambda p: p.children_count,
    "resultats": lambda p: len(p.outcomes.all()),
}


@require_GET
def action_detail(request, pk):
    action = get_action(request, pk)
    user = request.user
    indicators = action_indicators(action)
    context = {
        "action": action,
        "indicators": indicators,
        "public": protected_indicators(indicators),
        "secrecy_legend": secrecy.LEGEND,
        "can_manage": perms.can_manage_actions(user),
        "can_view_participations": perms.can_view_participations(user),
        "can_view_budget": perms.can_view_budget(user),
        "can_enrol": perms.can_enrol(user, action),
        "next_statuses": [ActionStatus(s) for s in ACTION_TRANSITIONS[ActionStatus(action.status)]],
        "cofundings": list(action.cofundings.all()),
        "page_links": page_links.links_for(user, action),
        "panels": panels_for(request, action),
    }
    if context["can_view_participations"]:
        participations = (
            Participation.objects.for_user(user)
            .filter(action=action)
            .select_related("job_seeker")
            .prefetch_related(
                Prefetch("outcomes", queryset=ParticipationOutcome.objects.select_related("outcome_type"))
            )
            .order_by("status", "enrolled_on", "id")
        )
        columns = [
            ("Participant", "participant"),
            ("Inscription", "inscription"),
            ("Parent isolé", "parent"),
            ("Enfants", "enfants"),
            ("Résultats", "resultats"),
        ]
        if context["can_enrol"]:
            columns.append(("Opérations", None))
        rows, sorting = sort_rows(request, list(participations), columns, PARTICIPANT_SORTS)
        context |= {"participations": rows, **sorting}
        context["workshops"] = list(action.workshops.annotate(attendance=Count("attendees")).order_by("-date"))
    if context["can_view_budget"]:
        context["commitments"] = list(
            Commitment.objects.for_user(user).filter(action=action).select_related("envelope")
        )
        context["cofunding_form"] = CoFundingForm()
    return render(request, "actions/action_detail.html", context)


@require_http_methods(["GET", "POST"])
def action_create(request):
    if not perms.can_manage_actions(request.user):
        raise PermissionDenied
    form = ActionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"L'action « {action.title} » est créée.")
            return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "action": None})


@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    if not perms.can_manage_actions(request.user):
        raise PermissionDenied
    action = get_action(request, pk)
    form = ActionForm(request.POST or None, instance=action, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action=Action.objects.get(pk=action.pk), **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'action est mise à jour.")
            return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "action": action})


@require_POST
def action_transition(request, pk):
    if not perms.can_manage_actions(request.user):
        raise PermissionDenied
    action = get_action(request, pk)
    to_status = request.POST.get("status", "")
    if to_status not in ActionStatus.values:
        messages.error(request, "Choisissez le nouveau statut de l'action.")
        return redirect("actions:detail", pk=pk)
    try:
        action = services.action_transition(actor=request.user, action=action, to_status=to_status)
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"L'action est maintenant « {action.get_status_display()} ».")
    return redirect("actions:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def participation_enrol(request, pk):
    action = get_action(request, pk)
    if not perms.can_enrol(request.user, action):
        raise PermissionDenied
    form = EnrolForm(request.POST or None, user=request.user, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            participation = services.participation_enrol(actor=request.user, action=action, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            if participation.status == "waiting":
                messages.warning(request, "L'action est complète : la personne est inscrite sur la liste d'attente.")
            else:
                messages.success(request, "Le participant est inscrit.")
            return redirect("actions:detail", pk=pk)
    return render(request, "actions/enrol_form.html", {"form": form, "action": action})


@require_http_methods(["GET", "POST"])
def participation_enrol_many(request, pk):
    """Several cohort members at once, chosen from a searchable list; past the capacity, the waiting list."""
    action = get_action(request, pk)
    if not perms.can_enrol(request.user, action):
        raise PermissionDenied
    form = EnrolManyForm(request.POST or None, user=request.user, action=action)
    if request.method == "POST" and form.is_valid():
        try:
            enrolled = services.participations_enrol_many(
                actor=request.user,
                action=action,
                job_seekers=form.cleaned_data["job_seekers"],
                enrolled_on=form.cleaned_data["enrolled_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            waiting = sum(1 for p in enrolled if p.status == "waiting")
            text = f"{len(enrolled) - waiting} participant{'s' if len(enrolled) - waiting > 1 else ''} inscrit"
            text += "s" if len(enrolled) - waiting > 1 else ""
            if waiting:
                text += f", {waiting} sur liste d'attente (action complète)"
            messages.success(request, text + ".")
            return redirect("actions:detail", pk=pk)
    return render(request, "actions/enrol_many_form.html", {"form": form, "action": action})


def _participation(request, action, participation_pk):
    """The participation, if the caller may change the action's participants (403) and sees her (404)."""
    if not perms.can_enrol(request.user, action):
        raise PermissionDenied
    return get_object_or_404(Participation.objects.for_user(request.user).filter(action=action), pk=participation_pk)


@require_POST
def participation_remove(request, pk, participation_pk):
    action = get_action(request, pk)
    participation = _participation(request, action, participation_pk)
    try:
        services.participation_remove(actor=request.user, participation=participation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{participation.display_name} ne participe plus à l'action.")
    return redirect("actions:detail", pk=pk)


@require_POST
def participation_promote(request, pk, participation_pk):
    action = get_action(request, pk)
    participation = _participation(request, action, participation_pk)
    try:
        services.participation_promote(actor=request.user, participation=participation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{participation.display_name} passe de la liste d'attente aux participants.")
    return redirect("actions:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def outcomes_record(request, pk):
    """Every enrolled participant on one form: choose an outcome where there is one, save once."""
    action = get_action(request, pk)
    if not perms.can_enrol(request.user, action):
        raise PermissionDenied
    participations = list(
        Participation.objects.for_user(request.user)
        .filter(action=action, status="enrolled")
        .select_related("job_seeker")
        .prefetch_related(Prefetch("outcomes", queryset=ParticipationOutcome.objects.select_related("outcome_type")))
        .order_by("job_seeker__search_name", "participant_label", "id")
    )
    form = OutcomesForm(request.POST or None, action=action, participations=participations)
    if request.method == "POST" and form.is_valid():
        outcomes = form.outcomes()
        if not outcomes:
            form.add_error(None, "Choisissez au moins un résultat.")
        else:
            try:
                services.participation_outcomes_record(actor=request.user, action=action, outcomes=outcomes)
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(
                    request,
                    f"{len(outcomes)} résultat{'s' if len(outcomes) > 1 else ''} enregistré{'s' if len(outcomes) > 1 else ''}.",
                )
                return redirect("actions:detail", pk=pk)
    return render(request, "actions/outcomes_form.html", {"form": form, "action": action})


@require_POST
def outcome_record(request, pk, participation_pk):
    if not perms.can_view_participations(request.user):
        raise PermissionDenied
    action = get_action(request, pk)
    participation = get_object_or_404(
        Participation.objects.for_user(request.user).filter(action=action), pk=participation_pk
    )
    form = OutcomeForm(request.POST, action=action)
    if form.is_valid():
        try:
            services.participation_outcome_record(actor=request.user, participation=participation, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Le résultat est enregistré.")
    else:
        messages.error(request, "Choisissez un résultat et une date valides.")
    return redirect("actions:detail", pk=pk)


@require_http_methods(["GET", "POST"])
def workshop_create(request, pk):
    action = get_action(request, pk)
    if not perms.can_view_participations(request.user):
        raise PermissionDenied
    participations = Participation.objects.for_user(request.user).filter(action=action).select_related("job_seeker")
    form = WorkshopForm(request.POST or None, participations=participations)
    if request.method == "POST" and form.is_valid():
        try:
            services.workshop_create(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "L'atelier est enregistré.")
            return redirect("actions:detail", pk=pk)
    return render(request, "actions/workshop_form.html", {"form": form, "action": action})


@require_POST
def cofunding_add(request, pk):
    if not perms.can_manage_budget(request.user):
        raise PermissionDenied
    action = get_action(request, pk)
    form = CoFundingForm(request.POST)
    if form.is_valid():
        try:
            services.cofunding_set(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Le cofinancement est enregistré.")
    else:
        messages.error(request, "Indiquez un financeur et un montant positif.")
    return redirect("actions:detail", pk=pk)
