from django import template

from ..enums import JobSeekerStatus, OutcomeClass, SituationKind

register = template.Library()

STATUS_BADGES = {
    JobSeekerStatus.IN_FOLLOW_UP: "text-bg-primary",
    JobSeekerStatus.COMPLETED: "text-bg-success",
    JobSeekerStatus.LEFT_EARLY: "text-bg-secondary",
}


# Labels looked up in plain dicts: `Enum.values` walks the enum at each call, which cost a list of 25 people
# 1.5 ms (issue 13).
SITUATION_LABELS = dict(SituationKind.choices)
OUTCOME_LABELS = dict(OutcomeClass.choices)
STATUS_LABELS = dict(JobSeekerStatus.choices)


@register.filter
def situation_label(code):
    return SITUATION_LABELS.get(code, "")


@register.filter
def status_label(code):
    return STATUS_LABELS.get(code, "")


@register.filter
def status_badge(code):
    return STATUS_BADGES.get(code, "text-bg-light")


@register.filter
def outcome_class_label(code):
    """`emploi_durable` → « Emploi durable (6 mois ou plus) »."""
    return OUTCOME_LABELS.get(code, "")
