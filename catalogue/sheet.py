"""The shared action sheet (schema v1): built from one action at publication, under statistical secrecy.

Figures come from `actions.selectors.indicators_for_actions` (the one place an action's figures are computed), known
on the day of publication, and go through `cite_emploi.secrecy.protect` once for the whole sheet. Results are given
in the action's own outcome types and summed into the national outcome classes by `national_class`, the one mapping.
No personal data: no participant is named, only counts; the contact is a professional one.
"""

import datetime
from collections.abc import Hashable
from decimal import Decimal

from django.utils import timezone

from actions.enums import ActionStatus, BarrierCategory
from actions.selectors import action_budget_by_category, indicators_for_actions
from cite_emploi import secrecy
from cohorts.enums import LEGACY_SITUATIONS, OutcomeClass, SituationKind, from_legacy_situation, outcome_class_for

from .enums import TargetPublic
from .models import SCHEMA_VERSION

# The attribute an outcome type declares its national class in (issue 14, item 5, adds it to actions.OutcomeType).
DECLARED_CLASS_ATTRIBUTE = "national_class"
EDITORIAL_FIELDS = (
    "public_categories",
    "public_description",
    "duration_description",
    "transfer_conditions",
    "contact_organisation",
    "contact_role",
    "contact_email",
    "contact_phone",
)


def national_class(outcome_type) -> str | None:
    """THE mapping from an action's own outcome type to a national outcome class (emploi durable / de transition /
    sortie positive / autre), or None when it is not an exit (« solution de garde pérenne »).

    The class the outcome type declares wins (issue 14 adds it); otherwise an outcome type coded after a class
    (`emploi_durable`) or after a situation (`cdi`, `qualifying_training`: cohorts.enums.outcome_class_for) counts
    as that class; anything else is the action's own result, outside the national classes.
    """
    declared = getattr(outcome_type, DECLARED_CLASS_ATTRIBUTE, None)
    if declared in OutcomeClass.values and declared != OutcomeClass.AUTRE:
        return declared
    # « autre » is also the field's default: a result left at it counts by its code, else as the action's own result.
    code = getattr(outcome_type, "code", "")
    if code in OutcomeClass.values:
        return code
    if code in SituationKind.values:
        return outcome_class_for(code)
    if code in LEGACY_SITUATIONS:  # a former length code (« cdd_under_6m »): the class its length gave
        legacy = from_legacy_situation(code, datetime.date(2000, 1, 1))
        return outcome_class_for(legacy["situation"], legacy["contract_start"], legacy["contract_end"])
    return None


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _months(start: datetime.date, end: datetime.date | None) -> int | None:
    if end is None:
        return None
    return max(0, round((end - start).days / 30.44))


def _results(action, indicators) -> dict:
    classes = {ot.code: national_class(ot) for ot in action.outcome_types.all()}
    values: dict[Hashable, int | None] = {
        "participants": indicators.participant_count,
        "single_parent": indicators.single_parent_count,
        "other_parent": indicators.participant_count - indicators.single_parent_count,
    }
    values |= {f"outcome:{item.code}": item.count for item in indicators.outcome_counts}
    constraints = [secrecy.Constraint("participants", ("single_parent", "other_parent"))]
    for klass in OutcomeClass.values:
        parts = tuple(f"outcome:{item.code}" for item in indicators.outcome_counts if classes.get(item.code) == klass)
        if parts:
            values[f"class:{klass}"] = sum(values[p] or 0 for p in parts)
            constraints.append(secrecy.Constraint(f"class:{klass}", parts))
    shown = secrecy.protected_labels(values, constraints)
    return {
        "participants": shown["participants"],
        "single_parents": shown["single_parent"],
        "by_class": [
            {"code": klass, "label": label, "count": shown.get(f"class:{klass}")}
            for klass, label in OutcomeClass.choices
        ],
        "action_outcomes": [
            {
                "code": item.code,
                "label": item.label,
                "national_class": classes.get(item.code),
                "count": shown[f"outcome:{item.code}"],
            }
            for item in indicators.outcome_counts
        ],
        "secrecy": secrecy.LEGEND if any(isinstance(v, str) for v in shown.values()) else None,
        "_participants_visible": isinstance(shown["participants"], int),
    }


def build_sheet(action, *, uid, version: int, editorial: dict, today: datetime.date | None = None) -> dict:
    """The sheet of `action` as published today (one entry of an exchange file's `sheets`)."""
    today = today or timezone.localdate()
    indicators = indicators_for_actions([action.pk], as_of=today, with_funders=True)[action.pk]
    results = _results(action, indicators)
    participants_visible = results.pop("_participants_visible")
    barrier_labels = dict(BarrierCategory.choices)
    public_labels = dict(TargetPublic.choices)
    categories = [code for code in editorial.get("public_categories") or [] if code in public_labels]
    return {
        "uid": str(uid),
        "version": version,
        "published_on": today.isoformat(),
        "territory": str(action.territory),
        "title": action.title,
        "description": action.description,
        "objectives": action.objectives,
        "public": {"categories": categories, "description": editorial.get("public_description", "")},
        "barriers_addressed": [{"code": c, "label": barrier_labels.get(c, c)} for c in action.barrier_categories],
        "lead_organisation": {"name": action.lead_organisation.name, "kind": action.lead_organisation.kind},
        "partners": [{"name": org.name, "kind": org.kind} for org in action.partner_organisations.all()],
        "status": ActionStatus(action.status).value,
        "duration": {
            "start_date": action.start_date.isoformat(),
            "end_date": action.end_date.isoformat() if action.end_date else None,
            "months": _months(action.start_date, action.end_date),
            "description": editorial.get("duration_description", ""),
        },
        "capacity": action.capacity,
        "cost": {
            "total": _money(indicators.total_cost),
            "state_envelope": _money(indicators.committed),
            "cofunded": _money(indicators.cofunded),
            "per_participant": _money(indicators.cost_per_participant) if participants_visible else None,
            "fse_plus_cofunded": action.fse_plus_cofunded,
            "by_category": [
                {"category": line.key, "label": line.label, "amount": _money(line.committed)}
                for line in action_budget_by_category(action)
            ],
            "cofunding": [
                {"funder": funder, "amount": _money(amount)} for funder, amount in indicators.cofunding_by_funder
            ],
        },
        "results": {"as_of": today.isoformat(), **results},
        "transfer_conditions": editorial.get("transfer_conditions", ""),
        "contact": {
            "organisation": editorial.get("contact_organisation") or action.lead_organisation.name,
            "role": editorial.get("contact_role", ""),
            "email": editorial.get("contact_email", ""),
            "phone": editorial.get("contact_phone", ""),
        },
    }


def editorial_of(sheet: dict) -> dict:
    """The fields the coordinator typed at the last publication (to prefill the next one)."""
    return {
        "public_categories": sheet["public"]["categories"],
        "public_description": sheet["public"]["description"],
        "duration_description": sheet["duration"]["description"],
        "transfer_conditions": sheet["transfer_conditions"],
        "contact_organisation": sheet["contact"]["organisation"],
        "contact_role": sheet["contact"]["role"],
        "contact_email": sheet["contact"]["email"],
        "contact_phone": sheet["contact"]["phone"],
    }


def exchange_file(sheets: list[dict]) -> dict:
    """The exchange document (one file, one or several sheets)."""
    return {
        "format": "cite-emploi/fiches-action",
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.localtime().isoformat(timespec="seconds"),
        "sheets": sheets,
    }
