"""Writes of the catalogue: publish (a new frozen version), withdraw, copy into one's territory, import a file.

Each service checks the caller's right (catalogue.perms, PermissionDenied), runs in a transaction, validates, and
records an audit entry (identifiers only: a sheet holds no personal data).
"""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from actions.models import Action
from actions.services import action_create, action_update
from cite_emploi.text import normalise
from partners.enums import AuditAction
from partners.services import audit_record

from . import perms, schema
from .enums import SheetOrigin, TargetPublic
from .models import SCHEMA_VERSION, PublishedSheet, SheetCopy, SheetVersion
from .sheet import build_sheet, exchange_file

REQUIRED_EDITORIAL = {
    "transfer_conditions": "Dites à quelles conditions une autre Cité peut reprendre l'action.",
    "contact_email": "Indiquez une adresse de contact professionnelle (de préférence une boîte de service).",
}


def _search_text(data: dict) -> str:
    public = dict(TargetPublic.choices)
    words = [
        data["title"],
        data["territory"],
        data["description"],
        data["objectives"],
        data["public"]["description"],
        *(public.get(code, code) for code in data["public"]["categories"]),
        *(b["label"] for b in data["barriers_addressed"]),
        data["lead_organisation"]["name"],
        *(p["name"] for p in data["partners"]),
        *(o["label"] for o in data["results"]["action_outcomes"]),
        data["transfer_conditions"],
    ]
    return normalise(" ".join(words))


def _result_classes(data: dict) -> list[str]:
    """The classes the sheet reports a result in, as printed: a count above zero or « < 5 » (an « s » says nothing)."""
    return [
        row["code"]
        for row in data["results"]["by_class"]
        if row["count"] == "< 5" or (isinstance(row["count"], int) and row["count"] > 0)
    ]


def _index(sheet: PublishedSheet, data: dict, *, published_at: datetime.datetime) -> None:
    """Repeat the current version's data in the columns the catalogue searches and filters on."""
    sheet.current_version = data["version"]
    sheet.published_at = published_at
    sheet.title = data["title"]
    sheet.origin_territory = data["territory"]
    sheet.barrier_categories = [b["code"] for b in data["barriers_addressed"]]
    sheet.public_categories = list(data["public"]["categories"])
    sheet.result_classes = _result_classes(data)
    sheet.total_cost = Decimal(data["cost"]["total"])
    sheet.search_text = _search_text(data)


def _clean_editorial(editorial: dict) -> dict:
    errors: dict[str, Any] = {}
    categories = list(editorial.get("public_categories") or [])
    unknown = [c for c in categories if c not in TargetPublic.values]
    if not categories:
        errors["public_categories"] = "Choisissez au moins un public visé."
    elif unknown:
        errors["public_categories"] = f"Public(s) inconnu(s) : {', '.join(map(str, unknown))}."
    for name, message in REQUIRED_EDITORIAL.items():
        if not str(editorial.get(name) or "").strip():
            errors[name] = message
    if "contact_email" not in errors:
        try:
            validate_email(editorial["contact_email"])
        except ValidationError:
            errors["contact_email"] = "Saisissez une adresse électronique valide."
    if errors:
        raise ValidationError(errors)
    cleaned: dict[str, Any] = {name: str(editorial.get(name) or "").strip() for name in REQUIRED_EDITORIAL}
    for name in ("public_description", "duration_description", "contact_organisation", "contact_role", "contact_phone"):
        cleaned[name] = str(editorial.get(name) or "").strip()
    cleaned["public_categories"] = list(dict.fromkeys(categories))
    return cleaned


@transaction.atomic
def sheet_publish(*, actor, action: Action, **editorial) -> SheetVersion:
    """Publish the sheet of `action` (figures of today, frozen); publishing again makes a new version."""
    if not perms.can_publish(actor, action):
        raise PermissionDenied("Seule la coordination du territoire de l'action publie sa fiche.")
    cleaned = _clean_editorial(editorial)
    action = (
        Action.objects.select_related("territory", "lead_organisation")
        .prefetch_related("partner_organisations", "outcome_types")
        .get(pk=action.pk)
    )
    sheet = PublishedSheet.objects.select_for_update().filter(action=action).first()
    number = (sheet.current_version + 1) if sheet else 1
    uid = sheet.uid if sheet else uuid.uuid4()
    data = build_sheet(action, uid=uid, version=number, editorial=cleaned)
    errors = schema.errors_in(exchange_file([data]))
    if errors:
        raise ValidationError([e.replace("Fiche 1", "La fiche", 1) for e in errors])
    now = timezone.now()
    if sheet is None:
        sheet = PublishedSheet(uid=uid, territory_id=action.territory_id, action=action, origin=SheetOrigin.LOCAL)
    _index(sheet, data, published_at=now)
    sheet.is_published, sheet.unpublished_at = True, None
    sheet.full_clean()
    sheet.save()
    version = SheetVersion(
        sheet=sheet, number=number, schema_version=SCHEMA_VERSION, data=data, published_at=now, published_by=actor
    )
    version.full_clean()
    version.save()
    if not action.shared_nationally:
        action_update(actor=actor, action=action, shared_nationally=True)
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=version, detail=f"fiche {sheet.pk} publiée, version {number}"
    )
    return version


@transaction.atomic
def sheet_unpublish(*, actor, sheet: PublishedSheet) -> PublishedSheet:
    """Withdraw a sheet from the catalogue: other territories no longer find it; copies already made stay theirs."""
    if not perms.can_manage_sheet(actor, sheet):
        raise PermissionDenied("Seule la coordination du territoire qui a publié la fiche peut la retirer.")
    sheet = PublishedSheet.objects.select_for_update(of=("self",)).select_related("action").get(pk=sheet.pk)
    if not sheet.is_published:
        raise ValidationError("Cette fiche est déjà retirée du catalogue.")
    sheet.is_published, sheet.unpublished_at = False, timezone.now()
    sheet.save(update_fields=["is_published", "unpublished_at"])
    if sheet.action is not None and sheet.action.shared_nationally:
        action_update(actor=actor, action=sheet.action, shared_nationally=False)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=sheet, fields=["is_published"], detail="fiche retirée")
    return sheet


def current_data(sheet: PublishedSheet) -> dict:
    return SheetVersion.objects.get(sheet=sheet, number=sheet.current_version).data


@transaction.atomic
def sheet_copy(*, actor, sheet: PublishedSheet) -> SheetCopy:
    """One click: a new draft action of the caller's territory from the sheet (description, barriers, outcome types;
    no participant, nothing committed: the original budget is kept as a suggestion), with its provenance."""
    if not perms.can_copy(actor):
        raise PermissionDenied("Seule la coordination reprend une action du catalogue dans son territoire.")
    sheet = PublishedSheet.objects.for_user(actor).filter(pk=sheet.pk).first()
    if sheet is None or not sheet.is_published:
        raise ValidationError("Cette fiche n'est plus publiée : elle ne peut pas être copiée.")
    if sheet.origin == SheetOrigin.LOCAL and sheet.territory_id == actor.territory_id:
        raise ValidationError("Cette fiche est celle d'une action de votre territoire : elle existe déjà chez vous.")
    data = current_data(sheet)
    action = action_create(
        actor=actor,
        title=data["title"],
        description=data["description"],
        objectives=data["objectives"],
        lead_organisation=actor.organisation,
        barrier_categories=[b["code"] for b in data["barriers_addressed"]],
        start_date=timezone.localdate(),
        capacity=data["capacity"],
        outcome_types=[{"code": o["code"], "label": o["label"]} for o in data["results"]["action_outcomes"]],
    )
    copy = SheetCopy(
        sheet=sheet,
        version=data["version"],
        source_title=data["title"],
        source_territory=data["territory"],
        action=action,
        territory_id=actor.territory_id,
        suggested_budget={
            "total": data["cost"]["total"],
            "by_category": data["cost"]["by_category"],
            "cofunding": data["cost"]["cofunding"],
        },
        copied_by=actor,
    )
    copy.full_clean()
    copy.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=copy,
        detail=f"action {action.pk} copiée de la fiche {sheet.pk}, version {data['version']}",
    )
    return copy


@transaction.atomic
def sheets_import(*, actor, document: dict) -> list[PublishedSheet]:
    """Import an exchange file from another deployment: every sheet, or none (errors in French, by sheet and field).

    A sheet already imported comes back as a new version when its version number is higher; a sheet published on this
    deployment is never overwritten by a file.
    """
    if not perms.can_import(actor):
        raise PermissionDenied("Seule la coordination importe des fiches dans le catalogue.")
    errors = schema.errors_in(document)
    if errors:
        raise ValidationError({"file": errors})
    existing = {
        str(sheet.uid): sheet
        for sheet in PublishedSheet.objects.select_for_update().filter(uid__in=[s["uid"] for s in document["sheets"]])
    }
    for index, data in enumerate(document["sheets"], start=1):
        where = f"Fiche {index} (« {data['title'][:80]} »)"
        sheet = existing.get(data["uid"])
        if sheet is None:
            continue
        if sheet.origin == SheetOrigin.LOCAL:
            errors.append(
                f"{where}, champ uid : cette fiche a été publiée sur ce déploiement ; elle n'est pas importée."
            )
        elif sheet.territory_id != actor.territory_id:
            errors.append(f"{where}, champ uid : cette fiche a déjà été importée par un autre territoire.")
        elif data["version"] <= sheet.current_version:
            errors.append(
                f"{where}, champ version : la version {data['version']} est déjà présente "
                f"(version en cours : {sheet.current_version})."
            )
    if errors:
        raise ValidationError({"file": errors})
    now = timezone.now()
    imported = []
    for data in document["sheets"]:
        sheet = existing.get(data["uid"]) or PublishedSheet(
            uid=uuid.UUID(data["uid"]), territory_id=actor.territory_id, origin=SheetOrigin.IMPORTED
        )
        published_on = parse_date(data["published_on"])
        _index(sheet, data, published_at=now)
        sheet.is_published, sheet.unpublished_at = True, None
        sheet.full_clean()
        sheet.save()
        version = SheetVersion(
            sheet=sheet,
            number=data["version"],
            schema_version=SCHEMA_VERSION,
            data=data,
            published_at=timezone.make_aware(datetime.datetime.combine(published_on, datetime.time(12)))
            if published_on
            else now,
            published_by=actor,
        )
        version.full_clean()
        version.save()
        imported.append(sheet)
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        detail=f"import de {len(imported)} fiche(s) action : {', '.join(str(s.pk) for s in imported)}",
    )
    return imported
