"""Pages of the referrals app: the list (received / sent), sending from the person's file, the answer page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi.forms import add_service_errors
from cohorts.models import JobSeeker
from cohorts.services import consent_record
from partners.enums import AuditAction
from partners.services import audit_record

from . import perms, selectors, services
from .enums import Direction
from .forms import DeclineForm, ReferralFilterForm, ReferralForm


def _require(rule: bool, message: str = "Votre rôle ne donne pas accès aux orientations.") -> None:
    if not rule:
        raise PermissionDenied(message)


@require_GET
def referral_list(request):
    user = request.user
    _require(perms.can_view_referrals(user))
    data = request.GET.copy() if request.GET else None
    if data is None and not perms.sees_every_referral(user):
        data = {"direction": Direction.RECEIVED}  # an advisor lands on what waits for her organisation
    form = ReferralFilterForm(data)
    qs = selectors.referrals_for(user)
    if form.is_invalid:
        qs = qs.none()
    elif form.is_bound:
        qs = selectors.filter_referrals(
            qs,
            user=user,
            direction=form.cleaned_data["direction"],
            status=form.cleaned_data["status"],
            job_seeker=form.cleaned_data["job_seeker"],
        )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    audit_record(
        actor=user,
        action=AuditAction.VIEW,
        detail=f"liste des orientations : {len(page.object_list)} ligne(s)",
        about=[r.job_seeker_id for r in page.object_list],
    )
    current = form.cleaned_data.get("direction", "") if form.is_bound and not form.is_invalid else ""
    return render(
        request,
        "referrals/referral_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "invalid_filters": form.INVALID_MESSAGE if form.is_invalid else "",
            "direction": current,
            "tabs": [("", "Toutes"), *Direction.choices],
            "pending": selectors.pending_counts(user),
            "job_seeker_filter": form.cleaned_data.get("job_seeker") if form.is_bound and not form.is_invalid else None,
        },
    )


def _job_seeker(request, pk) -> JobSeeker:
    _require(perms.can_view_referrals(request.user))
    return get_object_or_404(JobSeeker.objects.for_user(request.user).with_referents(), pk=pk)


@require_http_methods(["GET", "POST"])
def referral_create(request, pk):
    """Send a referral from the person's file: the consent to the sharing is recorded first, in the same step."""
    user = request.user
    job_seeker = _job_seeker(request, pk)
    _require(
        perms.can_send_referral(user, job_seeker, follows=True),
        "Seules les organisations qui suivent cette personne, et la coordination, l'orientent.",
    )
    form = ReferralForm(request.POST or None, user=user, job_seeker=job_seeker)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                consent_record(
                    actor=user,
                    job_seeker=job_seeker,
                    organisation=data["to_organisation"],
                    given_on=data["consent_given_on"],
                )
                referral = services.referral_send(
                    actor=user,
                    job_seeker=job_seeker,
                    to_organisation=data["to_organisation"],
                    reason=data["reason"],
                    barrier=data["barrier"],
                    barrier_category=data["barrier_category"],
                )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "given_on" in exc.error_dict:
                exc = ValidationError({"consent_given_on": exc.error_dict["given_on"]})
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                f"Orientation envoyée à {referral.to_organisation} ; elle attend sa réponse "
                f"(expiration le {referral.expires_at:%d/%m/%Y}).",
            )
            return redirect(referral)
    return render(request, "referrals/referral_form.html", {"form": form, "job_seeker": job_seeker})


def _referral(request, pk):
    _require(perms.can_view_referrals(request.user))
    return get_object_or_404(
        selectors.referrals_for(request.user)
        .select_related("sent_by", "answered_by", "consent")
        .defer("sent_by__password", "answered_by__password"),
        pk=pk,
    )


def _detail(request, referral, decline_form=None, status=200):
    user = request.user
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "can_answer": referral.is_pending and perms.can_answer_referral(user, referral),
            "decline_form": decline_form or DeclineForm(),
            "file_visible": JobSeeker.objects.for_user(user).filter(pk=referral.job_seeker_id).exists(),
            "transitions": referral.transitions.select_related("actor").order_by("at", "id"),
        },
        status=status,
    )


@require_GET
def referral_detail(request, pk):
    referral = _referral(request, pk)
    audit_record(actor=request.user, action=AuditAction.VIEW, obj=referral)
    return _detail(request, referral)


@require_POST
def referral_accept(request, pk):
    referral = _referral(request, pk)
    _require(
        perms.can_answer_referral(request.user, referral), "Seule l'organisation qui reçoit l'orientation y répond."
    )
    try:
        services.referral_accept(actor=request.user, referral=referral)
    except services.ReferralAlreadyAnswered as exc:
        messages.error(request, str(exc))
        return redirect(referral)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(referral)
    messages.success(
        request,
        f"Orientation acceptée : {referral.to_organisation} fait partie de l'équipe de suivi à partir d'aujourd'hui.",
    )
    return redirect("cohorts:job_seeker_detail", pk=referral.job_seeker_id)


@require_POST
def referral_decline(request, pk):
    referral = _referral(request, pk)
    _require(
        perms.can_answer_referral(request.user, referral), "Seule l'organisation qui reçoit l'orientation y répond."
    )
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.referral_decline(actor=request.user, referral=referral, reason=form.cleaned_data["reason"])
        except services.ReferralAlreadyAnswered as exc:
            messages.error(request, str(exc))
            return redirect(referral)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Orientation déclinée ; l'organisation qui oriente lit votre motif.")
            return redirect(referral)
    return _detail(request, referral, decline_form=form, status=200)
