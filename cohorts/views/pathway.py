"""The path into the cohort: people identified by partners, contacted, proposed, enrolled or not."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from cite_emploi.forms import add_service_errors

from .. import pathway, perms, retention
from ..enums import CandidateStage, EnrolmentValidator
from ..forms import (
    CandidateEnrolForm,
    CandidateFilterForm,
    CandidateForm,
    CandidateNotEnrolledForm,
    PathwaySettingsForm,
)
from ..models import Candidate
from .helpers import require

PAGE_SIZE = 25


def _get_candidate(request, pk) -> Candidate:
    """The person if the caller may see her; 404 otherwise."""
    require(perms.can_identify(request.user), "Votre rôle ne donne pas accès aux personnes repérées.")
    return get_object_or_404(pathway.candidates_for(request.user), pk=pk)


def _group_meetings(request):
    """The follow-up group's meetings to choose from, when the territory gives the group the decision; else None."""
    if pathway.enrolment_validator(request.user.territory_id) == EnrolmentValidator.FOLLOW_UP_GROUP:
        return pathway.decision_meetings_for(request.user)
    return None


@require_http_methods(["GET"])
def candidate_list(request):
    require(perms.can_identify(request.user), "Votre rôle ne donne pas accès aux personnes repérées.")
    form = CandidateFilterForm(request.GET or None, user=request.user)
    qs = pathway.candidates_for(request.user)
    if form.is_bound and form.is_valid():
        if form.cleaned_data["stage"]:
            qs = qs.filter(stage=form.cleaned_data["stage"])
        if form.cleaned_data["identified_by"]:
            qs = qs.filter(identified_by_id=form.cleaned_data["identified_by"])
    elif form.is_bound:
        qs = qs.none()  # an invalid filter lists no one (never everyone)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = pathway.stage_counts(request.user)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cohorts/candidate_list.html",
        {
            "form": form,
            "page": page,
            "stages": [(code, label, counts[code]) for code, label in CandidateStage.choices],
            "query_string": query.urlencode(),
            "can_manage_settings": perms.can_manage_pathway_settings(request.user),
            "validator_label": EnrolmentValidator(pathway.enrolment_validator(request.user.territory_id)).label,
        },
    )


@require_http_methods(["GET", "POST"])
def candidate_create(request):
    require(perms.can_identify(request.user), "Votre rôle ne permet pas de signaler une personne.")
    form = CandidateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = pathway.candidate_identify(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Personne repérée enregistrée : {candidate.full_name}.")
            return redirect(candidate)
    return render(request, "cohorts/candidate_form.html", {"form": form, "title": "Signaler une personne repérée"})


@require_http_methods(["GET", "POST"])
def candidate_update(request, pk):
    candidate = _get_candidate(request, pk)
    require(perms.can_advance_candidate(request.user, candidate) and candidate.is_open)
    form = CandidateForm(request.POST or None, instance=candidate, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            pathway.candidate_update(actor=request.user, candidate=candidate, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Fiche de repérage enregistrée.")
            return redirect(candidate)
    return render(
        request,
        "cohorts/candidate_form.html",
        {"form": form, "title": f"Modifier : {candidate.full_name}", "candidate": candidate},
    )


@require_http_methods(["GET"])
def candidate_detail(request, pk):
    candidate = _get_candidate(request, pk)
    user = request.user
    transitions = list(candidate.transitions.select_related("actor", "organisation", "meeting"))
    can_advance = perms.can_advance_candidate(user, candidate) and candidate.is_open
    can_decide = perms.can_decide_enrolment(user, candidate) and candidate.stage == CandidateStage.PROPOSED
    return render(
        request,
        "cohorts/candidate_detail.html",
        {
            "candidate": candidate,
            "transitions": transitions,
            "can_edit": can_advance,
            "can_contact": can_advance and candidate.stage == CandidateStage.IDENTIFIED,
            "can_propose": can_advance and candidate.stage in (CandidateStage.IDENTIFIED, CandidateStage.CONTACTED),
            "can_close": (can_advance and candidate.stage != CandidateStage.PROPOSED) or can_decide,
            "can_decide": can_decide,
            "can_erase": perms.can_decide_enrolment(user, candidate) and candidate.stage != CandidateStage.ENROLLED,
            "validator_label": EnrolmentValidator(pathway.enrolment_validator(candidate.territory_id)).label,
        },
    )


def _step(request, pk, service, success):
    candidate = _get_candidate(request, pk)
    require(perms.can_advance_candidate(request.user, candidate))
    try:
        service(actor=request.user, candidate=candidate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(candidate)


@require_POST
def candidate_contact(request, pk):
    return _step(request, pk, pathway.candidate_contact, "Personne contactée : c'est noté.")


@require_POST
def candidate_propose(request, pk):
    return _step(request, pk, pathway.candidate_propose, "Personne proposée à la cohorte : la coordination décidera.")


@require_http_methods(["GET", "POST"])
def candidate_not_enrol(request, pk):
    candidate = _get_candidate(request, pk)
    deciding = candidate.stage == CandidateStage.PROPOSED
    if deciding:
        require(perms.can_decide_enrolment(request.user, candidate), "Seule la coordination décide d'une inscription.")
    else:
        require(perms.can_advance_candidate(request.user, candidate) and candidate.is_open)
    form = CandidateNotEnrolledForm(request.POST or None, meetings=_group_meetings(request) if deciding else None)
    if request.method == "POST" and form.is_valid():
        try:
            pathway.candidate_not_enrol(actor=request.user, candidate=candidate, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Non-inscription enregistrée.")
            return redirect(candidate)
    return render(
        request,
        "cohorts/candidate_form.html",
        {"form": form, "title": f"Ne pas inscrire : {candidate.full_name}", "candidate": candidate},
    )


@require_http_methods(["GET", "POST"])
def candidate_enrol(request, pk):
    candidate = _get_candidate(request, pk)
    require(perms.can_decide_enrolment(request.user, candidate), "Seule la coordination valide une inscription.")
    if candidate.stage != CandidateStage.PROPOSED:
        messages.info(request, "Seule une personne proposée à la cohorte peut être inscrite.")
        return redirect(candidate)
    form = CandidateEnrolForm(
        request.POST or None,
        user=request.user,
        meetings=_group_meetings(request),
        initial=pathway.enrolment_initial(candidate),
    )
    if request.method == "POST" and form.is_valid():
        try:
            job_seeker = pathway.candidate_enrol(
                actor=request.user,
                candidate=candidate,
                meeting=form.cleaned_data.get("meeting"),
                entry_situation=form.cleaned_data["entry_situation"],
                **form.service_data(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Inscription validée : {job_seeker.full_name}, {job_seeker.cohort}.")
            return redirect(job_seeker)
    return render(
        request,
        "cohorts/candidate_enrol.html",
        {"form": form, "title": f"Inscrire {candidate.full_name}", "candidate": candidate},
    )


@require_http_methods(["GET", "POST"])
def pathway_settings(request):
    require(perms.can_manage_pathway_settings(request.user), "Seule la coordination règle la validation.")
    current = pathway.enrolment_validator(request.user.territory_id)
    form = PathwaySettingsForm(request.POST or None, initial={"enrolment_validated_by": current})
    if request.method == "POST" and form.is_valid():
        try:
            pathway.pathway_settings_update(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Réglage enregistré.")
            return redirect("cohorts:candidate_list")
    return render(request, "cohorts/candidate_form.html", {"form": form, "title": "Validation des inscriptions"})


@require_POST
def candidate_erase(request, pk):
    """The person's erasure request (or withdrawn agreement), before any enrolment: anonymised at once."""
    candidate = _get_candidate(request, pk)
    require(perms.can_decide_enrolment(request.user, candidate), "Seule la coordination efface une personne repérée.")
    try:
        retention.candidate_erase(actor=request.user, candidate=candidate)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Personne repérée anonymisée.")
    return redirect(candidate)
