"""The audit trail: who did what to which object. Never personal data in `detail`."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from cite_emploi import figures_cache

from ..enums import AuditAction
from ..models import AuditEntry


@dataclass(frozen=True)
class EntryLinks:
    """Rows written with an audit entry: `(entry, column)` in `model` for each id of `ids` (`model` has a foreign key
    `entry` to the audit entry and a unique constraint on the pair)."""

    model: type[models.Model]
    column: str
    ids: tuple[int, ...]


# Apps above partners that index audit entries (cohorts: the access log of each person's file) register a
# function here from their AppConfig.ready(): linker(obj, about) -> EntryLinks | None, the rows to write with
# each entry. On PostgreSQL the entry and its rows are one statement: one round trip and one commit where an
# API list page or a file view used to make two (issue 13).
AUDIT_LINKERS: list = []

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
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        territory_id=territory_id,
        action=action,
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        fields=sorted(fields),
        detail=detail[:200],
    )
    links = [found for found in (linker(obj, about) for linker in AUDIT_LINKERS) if found is not None and found.ids]
    _write(entry, links)
    return entry


def _field(model: type[models.Model], name: str) -> models.Field:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)  # a concrete column, not a reverse relation
    return field


def _write(entry: AuditEntry, links: list[EntryLinks]) -> None:
    if connection.vendor != "postgresql":
        entry.save(force_insert=True)
        for link in links:
            attname = _field(link.model, link.column).attname
            link.model._default_manager.bulk_create(
                [link.model(entry=entry, **{attname: value}) for value in link.ids], ignore_conflicts=True
            )
        return
    quote = connection.ops.quote_name
    fields = [field for field in AuditEntry._meta.concrete_fields if not field.primary_key]
    values = [field.get_db_prep_save(field.pre_save(entry, True), connection) for field in fields]
    sql = [
        f"WITH entry AS (INSERT INTO {quote(AuditEntry._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING {quote(AuditEntry._meta.pk.column)} AS id)"
    ]
    params = list(values)
    for number, link in enumerate(links):
        meta = link.model._meta
        sql.append(
            f", linked_{number} AS (INSERT INTO {quote(meta.db_table)} ({quote(_field(link.model, 'entry').column)}, "
            f"{quote(_field(link.model, link.column).column)}) SELECT entry.id, unnest(%s::bigint[]) FROM entry "
            "ON CONFLICT DO NOTHING)"
        )
        params.append(sorted(link.ids))
    sql.append(" SELECT id FROM entry")
    with connection.cursor() as cursor:
        cursor.execute("".join(sql), params)
        entry.pk = cursor.fetchone()[0]
    entry._state.adding = False
    entry._state.db = connection.alias


def changed_fields(obj, data: dict) -> list[str]:
    return [name for name, value in data.items() if getattr(obj, name) != value]
