"""The budget page of a year: the envelope, its gauge, its commitments; exports."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cite_emploi import tabular
from cite_emploi.sorting import by_text, sort_rows
from partners.enums import AuditAction
from partners.services import audit_record

from .. import perms, services
from ..enums import CommitmentStatus
from ..exceptions import CommitmentFrozen, EnvelopeOverCommitted
from ..forms import CommitmentCorrectionForm, CommitmentForm, EnvelopeForm
from ..gauge import gauge_svg
from ..models import Commitment, Envelope
from ..selectors import budget_by_action, budget_by_category, commitments_for, envelope_for_year, gauge


def _year(request, year=None) -> int:
    if year is not None:
        return int(year)
    try:
        return int(request.GET.get("annee") or timezone.localdate().year)
    except ValueError as exc:
        raise Http404 from exc


@require_GET
def budget(request, year=None):
    return _budget_page(request, year)


def _budget_page(request, year=None, commitment_form=None):
    if not perms.can_view_budget(request.user):
        raise PermissionDenied
    year = _year(request, year)
    envelope = envelope_for_year(request.user, year)
    context = {
        "year": year,
        "envelope": envelope,
        "can_manage": perms.can_manage_budget(request.user),
        "years": list(Envelope.objects.for_user(request.user).order_by("-year").values_list("year", flat=True)),
    }
    if envelope is not None:
        context.update(
            gauge=(envelope_gauge := gauge(envelope)),
            gauge_svg=gauge_svg(envelope_gauge, title=f"Enveloppe {year}"),
            by_category=budget_by_category(envelope),
            by_action=budget_by_action(envelope),
            **_sorted_commitments(request, commitments_for(request.user, envelope=envelope), context["can_manage"]),
            commitment_form=commitment_form or CommitmentForm(user=request.user),
        )
    else:
        context["envelope_form"] = EnvelopeForm(initial={"year": year, "amount": "100000.00"})
    return render(request, "actions/budget.html", context)


COMMITMENT_SORTS = {
    "date": lambda commitment: commitment.committed_on,
    "libelle": by_text(lambda commitment: commitment.label),
    "categorie": by_text(lambda commitment: commitment.get_category_display()),
    "action": by_text(lambda commitment: commitment.action.title if commitment.action_id else ""),
    "montant": lambda commitment: commitment.amount,
    "statut": by_text(lambda commitment: commitment.get_status_display()),
}


def _sorted_commitments(request, commitments, can_manage) -> dict:
    """The commitments of the year, sorted by `?tri=` (labels and titles without regard to accents)."""
    columns = [
        ("Date", "date"),
        ("Libellé", "libelle"),
        ("Catégorie", "categorie"),
        ("Action", "action"),
        ("Montant", "montant", "text-end"),
        ("Statut", "statut"),
    ]
    if can_manage:
        columns.append(("Opérations", None))
    rows, sorting = sort_rows(request, list(commitments), columns, COMMITMENT_SORTS)
    return {"commitments": rows, **sorting}


@require_POST
def envelope_create(request):
    if not perms.can_manage_budget(request.user):
        raise PermissionDenied
    form = EnvelopeForm(request.POST)
    if form.is_valid():
        try:
            envelope = services.envelope_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, IntegrityError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", ["Cette enveloppe existe déjà."])))
        else:
            messages.success(request, f"L'enveloppe {envelope.year} est ouverte.")
            return redirect("actions:budget_year", year=envelope.year)
    else:
        messages.error(request, "Indiquez une année et un montant valides.")
    return redirect("actions:budget")


@require_POST
def commitment_create(request, year):
    if not perms.can_manage_budget(request.user):
        raise PermissionDenied
    envelope = get_object_or_404(Envelope.objects.for_user(request.user), year=year)
    form = CommitmentForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.commitment_create(actor=request.user, envelope=envelope, **form.service_data())
        except EnvelopeOverCommitted as exc:
            form.add_error("amount", exc.message)
        except ValidationError as exc:
            for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(request, "L'engagement est enregistré.")
            return redirect("actions:budget_year", year=year)
    response = _budget_page(request, year=year, commitment_form=form)
    response.status_code = 400
    return response


@require_POST
def commitment_move(request, pk):
    if not perms.can_manage_budget(request.user):
        raise PermissionDenied
    commitment = get_object_or_404(Commitment.objects.for_user(request.user).select_related("envelope"), pk=pk)
    moves = {
        "pay": services.commitment_pay,
        "cancel": services.commitment_cancel,
        "reactivate": services.commitment_reactivate,
    }
    service = moves.get(request.POST.get("move"))
    if service is None:
        raise Http404
    extra = {"reason": request.POST.get("reason", "")} if service is services.commitment_cancel else {}
    if service is services.commitment_pay and request.POST.get("paid_on"):
        try:
            extra["paid_on"] = datetime.date.fromisoformat(request.POST["paid_on"])
        except ValueError:
            messages.error(request, "Date de paiement invalide : indiquez une date au format JJ/MM/AAAA.")
            return redirect("actions:budget_year", year=commitment.envelope.year)
    try:
        service(actor=request.user, commitment=commitment, **extra)
    except (EnvelopeOverCommitted, CommitmentFrozen) as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "L'engagement est mis à jour.")
    return redirect("actions:budget_year", year=commitment.envelope.year)


@require_http_methods(["GET", "POST"])
def commitment_correct(request, pk):
    """A paid commitment is frozen: correcting it cancels it with a reason and records the one that replaces it."""
    if not perms.can_manage_budget(request.user):
        raise PermissionDenied
    commitment = get_object_or_404(
        Commitment.objects.for_user(request.user).select_related("envelope", "action"), pk=pk
    )
    if commitment.status != CommitmentStatus.PAID:
        messages.error(request, "Seul un engagement payé se corrige : les autres se modifient ou s'annulent.")
        return redirect("actions:budget_year", year=commitment.envelope.year)
    initial = {name: getattr(commitment, name) for name in ("label", "category", "amount", "action", "committed_on")}
    initial["cofunding_source"] = commitment.cofunding_source or ""
    form = CommitmentCorrectionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_correct(
                actor=request.user,
                commitment=commitment,
                reason=form.cleaned_data["reason"],
                **form.service_data(),
            )
        except (EnvelopeOverCommitted, CommitmentFrozen) as exc:
            form.add_error("amount" if isinstance(exc, EnvelopeOverCommitted) else None, exc.message)
        except ValidationError as exc:
            for name, errors in getattr(exc, "message_dict", {None: exc.messages}).items():
                form.add_error(name if name in form.fields else None, errors)
        else:
            messages.success(
                request, "L'engagement payé est annulé avec son motif ; le nouvel engagement est enregistré."
            )
            return redirect("actions:budget_year", year=commitment.envelope.year)
    status = 400 if request.method == "POST" else 200
    return render(request, "actions/commitment_correct.html", {"form": form, "commitment": commitment}, status=status)


EXPORT_HEADER = [
    "Date d'engagement",
    "Libellé",
    "Catégorie",
    "Action",
    "Montant (€)",
    "Statut",
    "Date de paiement",
    "Cofinancement associé",
]


def _export_rows(commitments):
    for c in commitments:
        yield [
            c.committed_on,
            c.label,
            c.get_category_display(),
            c.action.title if c.action_id else "",
            c.amount,
            c.get_status_display(),
            c.paid_on,
            c.cofunding_source or "",
        ]


@require_GET
def commitment_export(request, year, fmt):
    """`fmt` is csv or xlsx (URL converter); the file name is built here."""
    if not perms.can_view_budget(request.user):
        raise PermissionDenied
    envelope = get_object_or_404(Envelope.objects.for_user(request.user), year=year)
    commitments = commitments_for(request.user, envelope=envelope)
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=envelope, detail=f"engagements {year} ({fmt})")
    content = tabular.table_bytes(
        fmt,
        EXPORT_HEADER,
        _export_rows(commitments),
        title=f"Engagements {year}",
        widths=(14, 40, 28, 40, 14, 12, 14, 20),
        autofilter=True,
    )
    return tabular.attachment(content, fmt=fmt, filename=f"engagements-{envelope.year}.{fmt}")
