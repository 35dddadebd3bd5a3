"""The cohort list, the person's file, enrolment and edition, early exit, team, "mes personnes", export."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi import tabular
from cite_emploi.forms import add_service_errors
from cite_emploi.pagination import get_page
from cite_emploi.sorting import sort_rows, sortable_headers
from cite_emploi.text import normalise
from partners.enums import AuditAction
from partners.services import audit_record

from .. import exports, perms, selectors, services
from ..enums import TEAM_END_REASONS, TeamReason
from ..forms import (
    BarrierForm,
    ConsentWithdrawForm,
    EarlyExitForm,
    FollowUpForm,
    JobSeekerFilterForm,
    JobSeekerForm,
    SituationForm,
    TeamMemberForm,
)
from ..list_rows import rows_html
from ..models import Consent, FollowUpTeamMember
from .helpers import get_job_seeker, require


def _filtered(request, rows=selectors.job_seeker_rows_for):
    """The form and the people it selects: nobody when a filter is invalid (never everyone)."""
    data = None
    if request.GET:
        data = request.GET.copy()
        data.setdefault("page_size", "50")  # the select shows the page size the list uses
    form = JobSeekerFilterForm(data, user=request.user)
    qs = rows(request.user)
    if form.is_invalid:
        return form, qs.none()
    return form, selectors.filter_job_seekers(qs, user=request.user, **form.filters())


# Sortable columns of the cohort list: key in the URL (?tri=nom, ?tri=-entree) → fields.
LIST_SORTS = {
    "nom": ("search_name",),
    "cohorte": ("cohort__year", "cohort__label"),
    "qpv": ("qpv__name",),
    "organisation": ("referent_organisation__name",),
    "entree": ("entry_date",),
    "fin": ("follow_up_end_date",),
}
LIST_COLUMNS = [
    ("Personne", "nom"),
    ("Cohorte", "cohorte"),
    ("QPV", "qpv"),
    ("Organisation référente", "organisation"),
    ("Entrée", "entree"),
    ("Fin du suivi", "fin"),
    ("Statut", None),
    ("Situation actuelle", None),
    ("Freins ouverts", None),
]


@require_GET
def job_seeker_list(request):
    require(perms.can_view_personal_data(request.user), "Votre rôle ne donne pas accès aux données personnelles.")
    form, qs = _filtered(request)
    page_size = (form.cleaned_data.get("page_size") if form.is_bound and not form.is_invalid else None) or 50
    sort = request.GET.get("tri", "")
    if sort.lstrip("-") in LIST_SORTS:
        field = LIST_SORTS[sort.lstrip("-")]
        qs = qs.order_by(*[f"-{f}" if sort.startswith("-") else f for f in field], "pk")
    else:
        sort = ""
    page = get_page(qs, request.GET.get("page"), page_size)
    query = request.GET.copy()
    query.pop("page", None)
    unsorted = query.copy()
    unsorted.pop("tri", None)
    return render(
        request,
        "cohorts/job_seeker_list.html",
        {
            "form": form,
            "invalid_filters": form.INVALID_MESSAGE if form.is_invalid else "",
            "page": page,
            "rows": rows_html(page.object_list),
            "query": query.urlencode(),
            "sort": sort,
            "sort_query": unsorted.urlencode(),
            "sortable": sortable_headers(LIST_COLUMNS, sort),
            "can_enrol": perms.can_enrol(request.user),
            "can_import": perms.can_import(request.user),
            "can_manage_cohorts": perms.can_manage_cohorts(request.user),
        },
    )


@require_GET
def job_seeker_export(request, extension):
    """`extension` is csv or xlsx (URL converter); `anonyme=1` is the former name of `pseudonymise=1`."""
    require(perms.can_export(request.user), "Votre rôle ne permet pas d'exporter des données personnelles.")
    form, qs = _filtered(request, rows=selectors.job_seeker_export_rows_for)
    if form.is_invalid:
        return HttpResponseBadRequest(form.INVALID_MESSAGE, content_type="text/plain; charset=utf-8")
    pseudonymised = "1" in {request.GET.get("pseudonymise"), request.GET.get("anonyme")}
    people = list(qs)
    content = exports.export_bytes(extension, request.user, people, pseudonymised=pseudonymised)
    audit_record(
        actor=request.user,
        action=AuditAction.EXPORT,
        detail=f"export {extension}{' pseudonymisé' if pseudonymised else ''} de {len(people)} personne(s)",
        about=people,
    )
    return tabular.attachment(content, fmt=extension, filename=exports.filename(extension, pseudonymised=pseudonymised))


@require_GET
def job_seeker_detail(request, pk):
    job_seeker = get_job_seeker(request, pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=job_seeker)
    file = selectors.job_seeker_file(request.user, job_seeker)
    return render(
        request,
        "cohorts/job_seeker_detail.html",
        {
            "file": file,
            "job_seeker": job_seeker,
            "follow_up_form": FollowUpForm(),
            "barrier_form": BarrierForm(user=request.user, job_seeker=job_seeker),
            "situation_form": SituationForm(),
            "can_edit": perms.can_edit_job_seeker(request.user, job_seeker),
            "can_manage_team": perms.can_manage_team(request.user, job_seeker),
            "can_view_file_accesses": perms.can_view_file_accesses(request.user),
            "can_exercise_rights": perms.can_exercise_rights(request.user, job_seeker),
            "file_links": selectors.file_links(request.user, job_seeker),
        },
    )


@require_http_methods(["GET", "POST"])
def job_seeker_create(request):
    require(perms.can_enrol(request.user), "Votre rôle ne permet pas d'inscrire une personne.")
    form = JobSeekerForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            try:
                job_seeker = services.job_seeker_enrol(
                    actor=request.user, entry_situation=form.cleaned_data["entry_situation"], **form.service_data()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, f"Inscription enregistrée : {job_seeker.full_name}, {job_seeker.cohort}.")
                return redirect(job_seeker)
        elif form.is_bound:  # an empty POST leaves the form unbound: nothing was read, nothing more to check
            # The enrolment rules too (duplicate, QPV), on what could be read: every problem in one round trip.
            problems = services.job_seeker_enrolment_problems(actor=request.user, **form.service_data())
            if problems is not None:
                add_service_errors(form, problems, skip_fields_in_error=True)
    return render(request, "cohorts/job_seeker_form.html", {"form": form, "title": "Inscrire une personne"})


@require_http_methods(["GET", "POST"])
def job_seeker_update(request, pk):
    job_seeker = get_job_seeker(request, pk)
    require(perms.can_edit_job_seeker(request.user, job_seeker))
    form = JobSeekerForm(request.POST or None, instance=job_seeker, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_seeker_update(actor=request.user, job_seeker=job_seeker, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Fiche enregistrée.")
            return redirect(job_seeker)
    return render(
        request,
        "cohorts/job_seeker_form.html",
        {"form": form, "title": f"Modifier la fiche de {job_seeker.full_name}", "job_seeker": job_seeker},
    )


@require_http_methods(["GET", "POST"])
def job_seeker_early_exit(request, pk):
    job_seeker = get_job_seeker(request, pk)
    require(perms.can_record_early_exit(request.user, job_seeker))
    form = EarlyExitForm(request.POST or None, instance=job_seeker)
    if request.method == "POST" and form.is_valid():
        try:
            services.job_seeker_record_early_exit(
                actor=request.user,
                job_seeker=job_seeker,
                left_early_on=form.cleaned_data["left_early_on"],
                left_early_reason=form.cleaned_data["left_early_reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, "Sortie anticipée enregistrée." if job_seeker.left_early_on else "Sortie annulée."
            )
            return redirect(job_seeker)
    return render(request, "cohorts/early_exit_form.html", {"form": form, "job_seeker": job_seeker})


@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk, consent_pk):
    """Record that the person withdrew a consent to sharing: a date (today by default), then back to her file."""
    job_seeker = get_job_seeker(request, pk)
    consent = get_object_or_404(
        Consent.objects.filter(job_seeker=job_seeker).select_related("organisation", "recorded_by"), pk=consent_pk
    )
    consent.job_seeker = job_seeker
    require(perms.can_withdraw_consent(request.user, consent), services.CONSENT_WITHDRAW_DENIED)
    if not consent.in_force and request.method == "GET":
        messages.info(request, f"Ce consentement est déjà retiré (le {consent.withdrawn_on:%d/%m/%Y}).")
        return redirect(job_seeker)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Retrait du consentement enregistré : la fiche n'est plus partagée avec {consent.organisation} "
                "par une nouvelle orientation, et les orientations en attente vers elle ne peuvent plus être "
                "acceptées.",
            )
            return redirect(job_seeker)
    return render(
        request, "cohorts/consent_withdraw_form.html", {"form": form, "job_seeker": job_seeker, "consent": consent}
    )


@require_http_methods(["GET", "POST"])
def job_seeker_team(request, pk):
    job_seeker = get_job_seeker(request, pk)
    require(perms.can_manage_team(request.user, job_seeker), "Seule la coordination compose l'équipe de suivi.")
    form = TeamMemberForm(request.POST or None, user=request.user, job_seeker=job_seeker)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_member_add(
                actor=request.user,
                job_seeker=job_seeker,
                organisation=form.cleaned_data["organisation"],
                reason=TeamReason.GROUP_DECISION,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Organisation ajoutée à l'équipe de suivi.")
            return redirect("cohorts:job_seeker_team", pk=job_seeker.pk)
    members = (
        FollowUpTeamMember.objects.filter(job_seeker=job_seeker)
        .select_related("organisation", "added_by", "ended_by")
        .order_by("-started_on", "-id")
    )
    return render(
        request,
        "cohorts/team.html",
        {
            "form": form,
            "job_seeker": job_seeker,
            "members": members,
            "end_reasons": [(r, TeamReason(r).label) for r in TEAM_END_REASONS],
        },
    )


@require_POST
def job_seeker_team_remove(request, pk, member_pk):
    """End a membership today (the row stays as the team's history): the organisation no longer reads the file."""
    job_seeker = get_job_seeker(request, pk)
    require(perms.can_manage_team(request.user, job_seeker), "Seule la coordination compose l'équipe de suivi.")
    member = get_object_or_404(FollowUpTeamMember.objects.filter(job_seeker=job_seeker), pk=member_pk)
    reason = request.POST.get("end_reason") or TeamReason.GROUP_DECISION
    try:
        services.team_member_end(actor=request.user, member=member, end_reason=reason)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"{member.organisation} a quitté l'équipe de suivi aujourd'hui ; l'historique est gardé."
        )
    return redirect("cohorts:job_seeker_team", pk=job_seeker.pk)


@require_GET
def my_people(request):
    """The advisor's people with what is due; sorted by what is most urgent, filtered by what is due (in the URL)."""
    require(perms.is_advisor(request.user), "« Mes personnes » est la page des conseillères et conseillers.")
    whole_organisation = request.GET.get("organisation") == "1"
    people = selectors.my_people(request.user, whole_organisation=whole_organisation)
    due_count = sum(1 for p in people if p.has_something_due)
    show = request.GET.get("afficher", "")
    invalid_filter = show not in MY_PEOPLE_FILTERS
    # An unknown filter shows nobody (and says so), never everyone.
    people = [] if invalid_filter else [p for p in people if MY_PEOPLE_FILTERS[show][1](p)]
    people, sorting = sort_rows(
        request, people, MY_PEOPLE_COLUMNS, {key: how for key, (_, how) in MY_PEOPLE_SORTS.items()}, default="urgence"
    )
    return render(
        request,
        "cohorts/my_people.html",
        {
            **sorting,
            "people": people,
            "whole_organisation": whole_organisation,
            "due_count": due_count,
            "show": show,
            "invalid_filter": MY_PEOPLE_INVALID_FILTER if invalid_filter else "",
            "filters": [(key, label) for key, (label, _) in MY_PEOPLE_FILTERS.items()],
            "sorts": _sort_choices(sorting["sort"] or "urgence"),
            "sort_choice": sorting["sort"] or "urgence",
        },
    )


def _sort_choices(current: str) -> list[tuple[str, str]]:
    """The "Trier par" select: every sort, and the current one when a column header reversed it."""
    choices = [(key, label) for key, (label, _) in MY_PEOPLE_SORTS.items()]
    if current.startswith("-") and current[1:] in MY_PEOPLE_SORTS:
        choices.append((current, f"{MY_PEOPLE_SORTS[current[1:]][0]} (ordre inverse)"))
    return choices


MY_PEOPLE_INVALID_FILTER = (
    "Filtre inconnu : choisissez-en un dans la liste « Afficher ». Aucune personne n'est affichée."
)
MY_PEOPLE_COLUMNS = [
    ("Personne", "nom"),
    ("Prochaine étape", "echeance"),
    ("Jalons à renseigner", "jalons"),
    ("Dernier contact", "contact"),
]
_FAR = datetime.date.max
MY_PEOPLE_FILTERS = {
    "": ("Toutes", lambda p: True),
    "a-faire": ("Avec quelque chose à faire", lambda p: p.has_something_due),
    "en-retard": ("Étape en retard", lambda p: p.next_step_late),
    "sans-contact": ("Sans contact depuis 30 jours", lambda p: p.no_recent_contact),
    "jalons": ("Jalon à renseigner", lambda p: bool(p.milestones_due)),
}
MY_PEOPLE_SORTS = {
    "urgence": (
        "Ce qui est dû d'abord",
        lambda p: (
            not p.next_step_late,
            not p.no_recent_contact,
            not p.milestones_due,
            not p.next_step_due_soon,
            p.next_step_due or _FAR,
            normalise(p.job_seeker.last_name),
        ),
    ),
    "echeance": (
        "Échéance de la prochaine étape",
        lambda p: (p.next_step_due or _FAR, normalise(p.job_seeker.last_name)),
    ),
    "jalons": ("Jalons à renseigner", lambda p: (-len(p.milestones_due), normalise(p.job_seeker.last_name))),
    "contact": ("Dernier contact, le plus ancien d'abord", lambda p: (p.last_contact or datetime.date.min,)),
    "nom": ("Nom", lambda p: (normalise(p.job_seeker.last_name), normalise(p.job_seeker.first_name))),
    "fin": ("Fin du suivi", lambda p: (p.job_seeker.follow_up_end_date, normalise(p.job_seeker.last_name))),
}
