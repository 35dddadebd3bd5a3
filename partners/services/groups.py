from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from .. import perms
from ..enums import AuditAction, GroupKind, Role
from ..models import WorkingGroup
from .audit import audit_record, changed_fields

FOLLOW_UP_MEMBER_ROLES = {Role.ADVISOR, Role.COORDINATOR}


def _check_members(group: WorkingGroup, members) -> None:
    for member in members:
        if member.territory_id != group.territory_id:
            raise ValidationError({"members": "Les membres doivent appartenir au territoire du groupe."})
        if group.kind == GroupKind.FOLLOW_UP_GROUP and member.role not in FOLLOW_UP_MEMBER_ROLES:
            raise ValidationError({"members": "Un groupe de suivi réunit des conseillers et la coordination."})
        if group.kind == GroupKind.TECHNICAL_GROUP and not member.organisation.technical_group_member:
            raise ValidationError(
                {"members": "Les représentants du groupe technique viennent de ses organisations membres."}
            )


def technical_group_of(territory_id) -> WorkingGroup:
    group, _ = WorkingGroup.objects.get_or_create(
        territory_id=territory_id, kind=GroupKind.TECHNICAL_GROUP, defaults={"name": "Groupe technique"}
    )
    return group


@transaction.atomic
def group_create(*, actor, kind: str, name: str, description: str = "", members=()) -> WorkingGroup:
    if not perms.can_manage_groups(actor):
        raise PermissionDenied("Seule la coordination crée les groupes.")
    group = WorkingGroup(territory_id=actor.territory_id, kind=kind, name=name, description=description)
    group.full_clean()
    _check_members(group, members)
    group.save()
    group.members.set(members)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=group, fields=["members"] if members else [])
    return group


@transaction.atomic
def group_update(*, actor, group: WorkingGroup, members=None, **data) -> WorkingGroup:
    if not perms.can_manage_groups(actor) or group.territory_id != actor.territory_id:
        raise PermissionDenied("Seule la coordination modifie les groupes.")
    changed = changed_fields(group, data)
    for name, value in data.items():
        setattr(group, name, value)
    group.full_clean()
    group.save()
    if members is not None:
        members = list(members)
        _check_members(group, members)
        if {m.pk for m in members} != set(group.members.values_list("pk", flat=True)):
            changed.append("members")
        group.members.set(members)
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=group, fields=changed)
    return group
