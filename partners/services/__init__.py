"""Writes of the partners app. Keyword-only, atomic, validated, audited."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from .enums import AuditAction
from .models import AuditEntry, Organisation


def audit_record(*, actor, action: str, obj=None, fields=(), detail: str = "") -> AuditEntry:
    """Record who did what to which object. `detail` must never carry personal data."""
    if action not in AuditAction.values:
        raise ValueError(f"Action d'audit inconnue : {action}")
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    territory_id = actor.territory_id if actor is not None and actor.is_authenticated else None
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        territory_id=territory_id,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        fields=sorted(fields),
        detail=detail[:200],
    )


@transaction.atomic
def organisation_create(*, actor, **data) -> Organisation:
    organisation = Organisation(territory_id=actor.territory_id, **data)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=organisation)
    return organisation


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **data) -> Organisation:
    changed = [name for name, value in data.items() if getattr(organisation, name) != value]
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=organisation, fields=changed)
    return organisation
