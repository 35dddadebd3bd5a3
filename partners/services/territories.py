"""The national layer's writes: a territory created from the interface and its first coordinator invited.

The national administrator does here what a superuser did from a shell (`createsuperuser`, /admin/,
`invite_first_coordinator`): the same invitation machinery (`accounts._invite`), the same audit trail.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from .. import perms
from ..enums import AuditAction, OrganisationKind
from ..models import Organisation, Territory
from .audit import audit_record


@transaction.atomic
def territory_create(*, actor, name: str, department: str, slug: str = "") -> Territory:
    """A new, empty territory: its coordinator is invited next (`first_coordinator_invite`)."""
    if not perms.can_manage_territories(actor):
        raise PermissionDenied("Seule l'administration nationale crée un territoire.")
    territory = Territory(name=name.strip(), department=department.strip().upper(), slug=slug or slugify(name)[:80])
    territory.full_clean()
    territory.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=territory, territory_id=territory.pk)
    return territory


@transaction.atomic
def coordinating_organisation_get_or_create(*, actor, territory: Territory, name: str) -> Organisation:
    """The territory's coordinating structure (e.g. Aldev), created if the territory has none of that name."""
    if not (perms.can_manage_territories(actor) or (actor.is_authenticated and actor.is_superuser)):
        raise PermissionDenied("Seule l'administration nationale prépare un territoire.")
    organisation = Organisation.objects.filter(territory=territory, name__iexact=name.strip()).first()
    if organisation is None:
        organisation = Organisation(territory=territory, name=name.strip(), kind=OrganisationKind.COORDINATOR)
        organisation.full_clean()
        organisation.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=organisation, territory_id=territory.pk)
    return organisation


@transaction.atomic
def territory_publication_set(*, actor, publish: bool) -> Territory:
    """The coordinator lets the other Cités see her territory's name next to its (anonymised) benchmark figures."""
    if not perms.is_coordinator(actor):
        raise PermissionDenied("Seule la coordination décide de publier les indicateurs du territoire.")
    territory = Territory.objects.select_for_update().get(pk=actor.territory_id)
    if territory.publishes_benchmarks != publish:
        territory.publishes_benchmarks = publish
        territory.save(update_fields=["publishes_benchmarks"])
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=territory, fields=["publishes_benchmarks"])
    return territory
