"""The audit trail: who did what to which object. Never personal data in `detail`."""

from django.contrib.contenttypes.models import ContentType

from cite_emploi import figures_cache

from ..enums import AuditAction
from ..models import AuditEntry

# The audited actions that change a territory's data: they make its cached figures and choices obsolete.
DATA_CHANGING_ACTIONS = frozenset({AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.ANONYMISE})


def audit_record(
    *, actor, action: str, obj=None, fields=(), detail: str = "", territory_id: int | None = None
) -> AuditEntry:
    """Record who did what to which object. `detail` must never carry personal data.

    `territory_id` is for entries without an actor (periodic jobs, failed logins): the territory whose
    coordinator reads the entry. With an actor, the actor's territory is used.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Action d'audit inconnue : {action}")
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    if actor is not None and actor.is_authenticated:
        territory_id = actor.territory_id
    if action in DATA_CHANGING_ACTIONS:
        figures_cache.bump(territory_id)
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


def changed_fields(obj, data: dict) -> list[str]:
    return [name for name, value in data.items() if getattr(obj, name) != value]
