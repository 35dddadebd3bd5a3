"""The journal of a person's file: follow-ups, barriers and situations."""

import contextlib
import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from cite_emploi.forms import add_service_errors

from .. import perms, selectors, services
from ..forms import BarrierForm, BarrierStatusForm, FollowUpForm, SchemeConnectionForm, SituationForm
from .helpers import get_job_seeker, require


def _journal_form(request, pk, form_class, create, success, template_title, *, form_kwargs):
    job_seeker = get_job_seeker(request, pk)
    require(perms.can_log_on(request.user, job_seeker))
    form = form_class(request.POST or None, **form_kwargs(job_seeker))
    if request.method == "POST" and form.is_valid():
        try:
            create(actor=request.user, job_seeker=job_seeker, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(f"{job_seeker.get_absolute_url()}#journal")
    return render(
        request, "cohorts/journal_form.html", {"form": form, "job_seeker": job_seeker, "title": template_title}
    )


@require_http_methods(["GET", "POST"])
def follow_up_create(request, pk):
    return _journal_form(
        request,
        pk,
        FollowUpForm,
        services.follow_up_create,
        "Suivi enregistré.",
        "Nouveau suivi",
        form_kwargs=lambda job_seeker: {},
    )


@require_http_methods(["GET", "POST"])
def follow_up_update(request, pk, follow_up_pk):
    job_seeker = get_job_seeker(request, pk)
    follow_up = get_object_or_404(selectors.follow_ups_for(request.user).filter(job_seeker=job_seeker), pk=follow_up_pk)
    require(perms.can_edit_follow_up(request.user, follow_up), "Seul l'auteur d'un suivi peut le modifier.")
    form = FollowUpForm(request.POST or None, instance=follow_up)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_update(actor=request.user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Suivi modifié.")
            return redirect(f"{job_seeker.get_absolute_url()}#journal")
    return render(
        request, "cohorts/journal_form.html", {"form": form, "job_seeker": job_seeker, "title": "Modifier le suivi"}
    )


@require_http_methods(["GET", "POST"])
def barrier_create(request, pk):
    return _journal_form(
        request,
        pk,
        BarrierForm,
        services.barrier_create,
        "Frein enregistré.",
        "Nouveau frein",
        form_kwargs=lambda job_seeker: {"user": request.user, "job_seeker": job_seeker},
    )


@require_http_methods(["GET", "POST"])
def barrier_update(request, pk, barrier_pk):
    job_seeker = get_job_seeker(request, pk)
    barrier = get_object_or_404(selectors.barriers_for(request.user).filter(job_seeker=job_seeker), pk=barrier_pk)
    require(perms.can_log_on(request.user, job_seeker))
    form = BarrierStatusForm(request.POST or None, barrier=barrier, initial={"comment": barrier.comment})
    if form.closed:
        messages.info(request, f"Le frein « {barrier.get_category_display()} » est levé : son état ne change plus.")
        return redirect(f"{job_seeker.get_absolute_url()}#freins")
    if request.method == "POST" and form.is_valid():
        try:
            services.barrier_update(actor=request.user, barrier=barrier, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Frein mis à jour.")
            return redirect(f"{job_seeker.get_absolute_url()}#freins")
    return render(
        request,
        "cohorts/journal_form.html",
        {"form": form, "job_seeker": job_seeker, "title": f"Frein : {barrier.get_category_display()}"},
    )


@require_http_methods(["GET", "POST"])
def situation_create(request, pk):
    """`?date=` (a milestone's date, from the file's « à renseigner » link) pre-fills the date: the situation at
    entry is asked at enrolment, and only there on the file when it was not given then (an import)."""
    initial = {}
    with contextlib.suppress(ValueError):  # no date, or not a date: the form's own default (today)
        initial["date"] = datetime.date.fromisoformat(request.GET.get("date", ""))
    return _journal_form(
        request,
        pk,
        SituationForm,
        services.situation_create,
        "Situation enregistrée.",
        "Nouvelle situation",
        form_kwargs=lambda job_seeker: {"initial": initial},
    )


@require_http_methods(["GET", "POST"])
def scheme_connection_create(request, pk):
    return _journal_form(
        request,
        pk,
        SchemeConnectionForm,
        services.scheme_connection_create,
        "Raccrochage au dispositif enregistré.",
        "Raccrochage à un dispositif de droit commun",
        form_kwargs=lambda job_seeker: {"user": request.user},
    )
