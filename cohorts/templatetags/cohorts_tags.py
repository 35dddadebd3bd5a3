from django import template

from ..enums import JobSeekerStatus, SituationKind

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
def status_label(code):
    return JobSeekerStatus(code).label if code in JobSeekerStatus.values else ""


@register.filter
def status_badge(code):
    return STATUS_BADGES.get(code, "text-bg-light")
