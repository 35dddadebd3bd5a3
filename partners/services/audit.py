"""The audit trail: who did what to which object. Never personal data in `detail`."""

from django.contrib.contenttypes.models import ContentType

from cite_emploi import figures_cache

from ..enums import AuditAction
from ..models import AuditEntry

# Apps above partners that index audit entries (cohorts: the access log of each person's file) register a
# function here from their AppConfig.ready(): listener(entry, obj, about) runs after each entry is written,
# in the same transaction.
AUDIT_LISTENERS: list = []

# The audited actions that change a territory's data: they make its cached figures and choices obsolete.
DATA_CHANGING_ACTIONS = frozenset({AuditAction.CREATE, AuditAction.UPDATE, AuditAction.DELETE, AuditAction.ANONYMISE})


def audit_record(
    *,
    actor,
    action: str,
    obj=None,
    fields=(),
    detail: str = "",
    territory_id: int | None = None,
    about=(),
) -> AuditEntry:
    """Record who did what to which object. `detail` must never carry personal data.

    `territory_id` is for entries without an actor (periodic jobs, failed logins): the territory whose
    coordinator reads the entry; also for a superuser without territory acting on one. With an actor of a territory,
    the actor's territory is used.
    `about`: the people (objects or ids) the entry concerns when `obj` does not say it — an export, an import,
    an API list read; the listeners file the entry in each one's access log.
    """
    if action not in AuditAction.values:
        raise ValueError(f"Action d'audit inconnue : {action}")
    organisation = getattr(actor, "organisation", None) if actor is not None else None
    if actor is not None and actor.is_authenticated and actor.territory_id is not None:
        territory_id = actor.territory_id
    if action in DATA_CHANGING_ACTIONS:
        figures_cache.bump(territory_id)
    entry = AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        territory_id=territory_id,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        fields=sorted(fields),
        detail=detail[:200],
    )
    for listener in AUDIT_LISTENERS:
        listener(entry, obj, about)
    return entry


def changed_fields(obj, data: dict) -> list[str]:
    return [name for name, value in data.items() if getattr(obj, name) != value]
