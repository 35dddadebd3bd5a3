"""A follow-up group's decision about one person (cohorts.JobSeekerDecision), plugged into the meeting pages, the
decision services and the meetings API of partners through partners.decision_links (registered in cohorts/apps.py).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.decision_links import DecisionLink
from partners.enums import GroupKind

from . import perms
from .models import JobSeeker, JobSeekerDecision


def _form_field(user, meeting):
    if meeting.kind != GroupKind.FOLLOW_UP_GROUP or not perms.can_view_personal_data(user):
        return None
    return forms.ModelChoiceField(
        label="Personne concernée",
        queryset=JobSeeker.objects.for_user(user).order_by("last_name", "first_name"),
        required=False,
        help_text="Groupes de suivi uniquement ; visible seulement de qui peut voir cette personne.",
    )


def _current(decision):
    link = JobSeekerDecision.objects.filter(decision=decision).select_related("job_seeker").first()
    return link.job_seeker if link else None


def _save(*, actor, decision, value) -> None:
    if value is None:
        JobSeekerDecision.objects.filter(decision=decision).delete()
        return
    if decision.meeting.kind != GroupKind.FOLLOW_UP_GROUP:
        raise ValidationError({"job_seeker": "Une décision ne concerne une personne que dans un groupe de suivi."})
    if not JobSeeker.objects.for_user(actor).filter(pk=value.pk).exists():
        raise ValidationError({"job_seeker": "Cette personne n'est pas dans votre périmètre."})
    JobSeekerDecision.objects.update_or_create(decision=decision, defaults={"job_seeker": value})


def _visible(user, decisions) -> dict[int, tuple[str, str, int]]:
    if not perms.can_view_decision_job_seeker(user):
        return {}
    links = JobSeekerDecision.objects.filter(job_seeker__in=JobSeeker.objects.for_user(user)).select_related(
        "job_seeker"
    )
    if decisions is not None:
        links = links.filter(decision__in=[decision.pk for decision in decisions])
    return {
        link.decision_id: (
            str(link.job_seeker),
            reverse("cohorts:job_seeker_detail", kwargs={"pk": link.job_seeker_id}),
            link.job_seeker_id,
        )
        for link in links
    }


JOB_SEEKER_LINK = DecisionLink(
    name="job_seeker",
    label="Personne concernée",
    form_field=_form_field,
    current=_current,
    save=_save,
    visible=_visible,
)
