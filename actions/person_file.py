"""What the actions app adds to a person's file (cohorts app): her participations in the timeline, and in the
complete file she may ask for (RGPD art. 15). Registered in cohorts' registries at ready() (actions/apps.py):
cohorts never imports actions.
"""

from cohorts.rights import _date, _org  # the file's own formats
from cohorts.selectors import TimelineEvent

from .models import Participation


def participation_events(user, job_seeker):
    """The actions the person takes part in (actions app), as the caller may see them: one query."""
    events = []
    for participation in Participation.objects.for_user(user).filter(job_seeker=job_seeker).select_related("action"):
        action = participation.action
        events.append(
            TimelineEvent(participation.enrolled_on, "action", f"Entrée dans l'action « {action.title} »", action)
        )
        if participation.left_on:
            events.append(
                TimelineEvent(participation.left_on, "action", f"Sortie de l'action « {action.title} »", action)
            )
    return events


def personal_file_participations(js) -> list:
    return [
        {
            "action": p.action.title,
            "status": p.get_status_display(),
            "enrolled_on": _date(p.enrolled_on),
            "left_on": _date(p.left_on),
            "single_parent": p.single_parent,
            "children_count": p.children_count,
            "enrolled_by": _org(p.enrolled_by),
            "outcomes": [
                {"outcome": o.outcome_type.label, "achieved_on": _date(o.achieved_on)} for o in p.outcomes.all()
            ],
        }
        for p in Participation.objects.filter(job_seeker=js)
        .select_related("action", "enrolled_by")
        .prefetch_related("outcomes__outcome_type")
        .order_by("enrolled_on", "id")
    ]
