from django import template

from ..enums import JobSeekerStatus, OutcomeClass, SituationKind, outcome_class_for

register = template.Library()

STATUS_BADGES = {
    JobSeekerStatus.IN_FOLLOW_UP: "text-bg-primary",
    JobSeekerStatus.COMPLETED: "text-bg-success",
    JobSeekerStatus.LEFT_EARLY: "text-bg-secondary",
}


@register.filter
def situation_label(code):
    return SituationKind(code).label if code in SituationKind.values else ""


@register.filter
def outcome_label(situation_code):
    return OutcomeClass(outcome_class_for(situation_code)).label if situation_code else ""


@register.filter
def status_label(code):
    return JobSeekerStatus(code).label if code in JobSeekerStatus.values else ""


@register.filter
def status_badge(code):
    return STATUS_BADGES.get(code, "text-bg-light")


@register.filter
def outcome_class_label(code):
    """`emploi_durable` → « Emploi durable (6 mois ou plus) »."""
    return OutcomeClass(code).label if code in OutcomeClass.values else ""
