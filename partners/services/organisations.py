from typing import cast

from django.contrib.admin.utils import NestedObjects
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Model

from .. import perms
from ..enums import AuditAction
from ..models import Organisation
from .audit import audit_record, changed_fields


def _check_can_manage(actor, organisation: Organisation) -> None:
    if not perms.can_manage_organisations(actor) or not perms.is_in_territory(actor, organisation.territory_id):
        raise PermissionDenied("Seules la coordination et l'administration du territoire gèrent les organisations.")


@transaction.atomic
def organisation_create(*, actor, **data) -> Organisation:
    if not perms.can_manage_organisations(actor):
        raise PermissionDenied("Seules la coordination et l'administration créent les organisations.")
    organisation = Organisation(territory_id=actor.territory_id, **data)
    organisation.full_clean()
    organisation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=organisation)
    return organisation


@transaction.atomic
def organisation_update(*, actor, organisation: Organisation, **data) -> Organisation:
    _check_can_manage(actor, organisation)
    changed = changed_fields(organisation, data)
    for name, value in data.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=organisation, fields=changed)
    return organisation


def organisation_records(organisation: Organisation) -> dict[str, int]:
    """What refers to this organisation, by kind of record (e.g. {"utilisateurs": 3}), whatever the app."""
    collector = NestedObjects(using=DEFAULT_DB_ALIAS)
    collector.collect([organisation])
    counts: dict[str, int] = {}
    for model, objects in collector.model_objs.items():
        if model is Organisation:
            continue
        label = str(cast(type[Model], model)._meta.verbose_name_plural)
        counts[label] = counts.get(label, 0) + len(objects)
    for obj in collector.protected:
        label = str(type(obj)._meta.verbose_name_plural)
        counts[label] = counts.get(label, 0) + 1
    return counts


@transaction.atomic
def organisation_delete(*, actor, organisation: Organisation) -> None:
    """Delete an organisation that nothing refers to; otherwise refuse and say why (deactivate it instead)."""
    _check_can_manage(actor, organisation)
    records = organisation_records(organisation)
    if records:
        summary = ", ".join(f"{count} {label}" for label, count in sorted(records.items()))
        raise ValidationError(
            f"Cette organisation ne peut pas être supprimée car des enregistrements y sont rattachés ({summary}). "
            "Vous pouvez la désactiver : elle restera dans l'historique sans être proposée."
        )
    audit_record(actor=actor, action=AuditAction.DELETE, obj=organisation)
    organisation.delete()
