"""Actions: create, edit, move along planned → running → closed, outcome types, co-funding."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import slugify

from partners.enums import AuditAction
from partners.models import Organisation
from partners.services import audit_record

from .. import perms
from ..enums import ACTION_TRANSITIONS, ActionStatus
from ..models import Action, ActionTransition, CoFunding, OutcomeType

ACTION_FIELDS = {
    "title",
    "description",
    "objectives",
    "lead_organisation",
    "barrier_categories",
    "start_date",
    "end_date",
    "capacity",
    "fse_plus_cofunded",
    "shared_nationally",
}


def _check_can_manage(actor, action: Action) -> None:
    if not perms.can_manage_action(actor, action):
        raise PermissionDenied("Seule la coordination du territoire crée et modifie les actions.")


def _check_can_fund(actor, action: Action) -> None:
    if not perms.can_manage_cofunding(actor, action):
        raise PermissionDenied("Seule la coordination du territoire enregistre les cofinancements.")


def outcome_code_from(label: str) -> str:
    return slugify(label).replace("-", "_")[:60] or "resultat"


def _check_partners(actor, partners) -> list[Organisation]:
    partners = list(partners)
    if any(org.territory_id != actor.territory_id for org in partners):
        raise ValidationError(
            {"partner_organisations": "Les partenaires doivent être des organisations du territoire."}
        )
    return partners


def _set_outcome_types(action: Action, outcome_types) -> bool:
    """Replace the action's outcome types by `outcome_types` ([{code?, label, national_class?}]); keeps codes already
    used. `national_class` (cohorts.enums.OutcomeClass) is the class of exits the result counts as; « autre » when
    omitted for a new type, unchanged when omitted for an existing one."""
    wanted = []
    seen = set()
    for position, item in enumerate(outcome_types):
        label = (item.get("label") or "").strip()
        if not label:
            raise ValidationError({"outcome_types": "Chaque type de résultat doit avoir un libellé."})
        code = (item.get("code") or "").strip() or outcome_code_from(label)
        if code in seen:
            raise ValidationError({"outcome_types": f"Le code de résultat « {code} » est en double."})
        seen.add(code)
        wanted.append((position, code, label, item.get("national_class")))
    existing = {ot.code: ot for ot in action.outcome_types.all()}
    changed = False
    removed = [ot for code, ot in existing.items() if code not in seen]
    for ot in removed:
        try:
            ot.delete()
        except ProtectedError as exc:
            raise ValidationError(
                {
                    "outcome_types": f"Le type « {ot.label} » a déjà des résultats enregistrés : il ne peut pas être retiré."
                }
            ) from exc
        changed = True
    for position, code, label, national_class in wanted:
        current = existing.get(code)
        if current is None:
            ot = OutcomeType(action=action, code=code, label=label, position=position)
            if national_class:
                ot.national_class = national_class
            ot.full_clean()
            ot.save()
            changed = True
        elif (current.label, current.position, current.national_class) != (
            label,
            position,
            national_class or current.national_class,
        ):
            current.label, current.position = label, position
            current.national_class = national_class or current.national_class
            current.full_clean()
            current.save(update_fields=["label", "position", "national_class"])
            changed = True
    return changed


@transaction.atomic
def action_create(*, actor, partner_organisations=(), outcome_types=(), **data) -> Action:
    unknown = set(data) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"Champs inconnus : {sorted(unknown)}")
    if not perms.can_manage_actions(actor):
        raise PermissionDenied("Seule la coordination crée les actions.")
    action = Action(territory_id=actor.territory_id, status=ActionStatus.PLANNED, **data)
    action.full_clean()
    action.save()
    action.partner_organisations.set(_check_partners(actor, partner_organisations))
    _set_outcome_types(action, outcome_types)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=action)
    return action


@transaction.atomic
def action_update(*, actor, action: Action, partner_organisations=None, outcome_types=None, **data) -> Action:
    unknown = set(data) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"Champs inconnus : {sorted(unknown)}")
    _check_can_manage(actor, action)
    changed = [name for name, value in data.items() if getattr(action, name) != value]
    for name, value in data.items():
        setattr(action, name, value)
    action.full_clean()
    action.save()
    if partner_organisations is not None:
        partners = _check_partners(actor, partner_organisations)
        if {org.pk for org in partners} != set(action.partner_organisations.values_list("pk", flat=True)):
            action.partner_organisations.set(partners)
            changed.append("partner_organisations")
    if outcome_types is not None and _set_outcome_types(action, outcome_types):
        changed.append("outcome_types")
    if changed:
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=action, fields=changed)
    return action


@transaction.atomic
def action_transition(*, actor, action: Action, to_status: str) -> Action:
    _check_can_manage(actor, action)
    action = Action.objects.select_for_update().get(pk=action.pk)
    allowed = ACTION_TRANSITIONS[ActionStatus(action.status)]
    if to_status not in allowed:
        raise ValidationError(
            {
                "status": f"Une action « {action.get_status_display()} » ne peut pas passer "
                f"au statut « {ActionStatus(to_status).label if to_status in ActionStatus.values else to_status} »."
            }
        )
    ActionTransition.objects.create(action=action, from_status=action.status, to_status=to_status, actor=actor)
    action.status = to_status
    action.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=action, fields=["status"], detail=f"statut → {to_status}")
    return action


@transaction.atomic
def cofunding_set(*, actor, action: Action, funder: str, amount: Decimal) -> CoFunding:
    """Record (or change) one funder's share of an action's cost."""
    _check_can_fund(actor, action)
    funder = funder.strip()
    cofunding = CoFunding.objects.filter(action=action, funder__iexact=funder).first() or CoFunding(
        action=action, funder=funder
    )
    is_new = cofunding.pk is None
    cofunding.amount = amount
    cofunding.full_clean()
    cofunding.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE if is_new else AuditAction.UPDATE,
        obj=cofunding,
        fields=[] if is_new else ["amount"],
    )
    return cofunding


@transaction.atomic
def cofunding_delete(*, actor, cofunding: CoFunding) -> None:
    _check_can_fund(actor, cofunding.action)
    audit_record(actor=actor, action=AuditAction.DELETE, obj=cofunding)
    cofunding.delete()
