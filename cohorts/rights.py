"""The complete file of one person, to answer her access request (RGPD art. 15): JSON and PDF from the same data.

Everything stored about her: identity and contact details, consent, team, barriers and their transitions,
follow-ups (confidential notes included: the person has a right to them), situations, participations in actions and
their results, decisions of the follow-up groups about her, the announcements of her anonymisation, and the access
log (who opened, changed, exported or downloaded her file, and when). A fixed number of queries, whatever the data.
"""

import datetime

from django.utils import timezone

from partners.models import Decision

from .file_log import access_log_for, with_links
from .models import BarrierTransition, JobSeeker, RetentionNotice

# Sections that higher apps add to the file at ready(): name -> fn(job_seeker) -> list of plain dicts, in a fixed
# number of queries. The actions app adds "participations" (actions/apps.py).
PERSONAL_FILE_SECTIONS: dict = {}


def _date(value):
    return value.isoformat() if value else None


def _person(user) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.username


def _org(organisation) -> str | None:
    return str(organisation) if organisation is not None else None


def personal_file(job_seeker: JobSeeker) -> dict:
    """The whole file as plain data (the caller has checked `perms.can_exercise_rights`)."""
    js = (
        JobSeeker.objects.select_related("territory", "cohort", "qpv", "referent_organisation", "referent")
        .prefetch_related("team_members__organisation")
        .get(pk=job_seeker.pk)
    )
    barriers = list(js.barriers.select_related("author", "organisation", "action").order_by("identified_on", "id"))
    # one query for the transitions of every barrier
    transitions: dict[int, list] = {}
    for transition in (
        BarrierTransition.objects.filter(barrier__job_seeker=js).select_related("actor").order_by("on", "id")
    ):
        transitions.setdefault(transition.barrier_id, []).append(transition)
    data = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "territory": str(js.territory),
        "identity": {
            "id": js.pk,
            "first_name": js.first_name,
            "last_name": js.last_name,
            "birth_date": _date(js.birth_date),
            "sex": js.get_sex_display(),
            "address": js.address,
            "commune": js.commune,
            "qpv": str(js.qpv) if js.qpv else None,
            "qpv_exception_reason": js.qpv_exception_reason,
            "phone": js.phone,
            "email": js.email,
            "france_travail_id": js.france_travail_id,
            "labour_market_status": js.get_labour_market_status_display(),
            "education_level": js.get_education_level_display(),
            "rsa_beneficiary": js.rsa_beneficiary,
            "single_parent": js.single_parent,
            "disability_recognised": js.disability_recognised,
            "anonymised_on": _date(js.anonymised_on),
        },
        "follow_up": {
            "cohort": str(js.cohort),
            "entry_date": _date(js.entry_date),
            "follow_up_end_date": _date(js.follow_up_end_date),
            "left_early_on": _date(js.left_early_on),
            "left_early_reason": js.get_left_early_reason_display(),
            "consent_recorded_on": _date(js.consent_recorded_on),
            "referent_organisation": _org(js.referent_organisation),
            "referent": _person(js.referent),
            "created_at": js.created_at.isoformat(timespec="seconds"),
            "updated_at": js.updated_at.isoformat(timespec="seconds"),
        },
        "team": [
            {
                "organisation": _org(m.organisation),
                "started_on": _date(m.started_on),
                "reason": m.get_reason_display(),
                "ended_on": _date(m.ended_on),
                "end_reason": m.get_end_reason_display() or None,
            }
            for m in js.team_members.all()
        ],
        "consents": [
            {
                "purpose": c.get_purpose_display(),
                "organisation": _org(c.organisation),
                "given_on": _date(c.given_on),
                "withdrawn_on": _date(c.withdrawn_on),
            }
            for c in js.consents.all()
        ],
        "barriers": [
            {
                "category": b.get_category_display(),
                "status": b.get_status_display(),
                "identified_on": _date(b.identified_on),
                "started_on": _date(b.started_on),
                "lifted_on": _date(b.lifted_on),
                "closed_on": _date(b.closed_on),
                "comment": b.comment,
                "action": b.action.title if b.action else None,
                "author": _person(b.author),
                "organisation": _org(b.organisation),
                "transitions": [
                    {
                        "from": t.get_from_status_display(),
                        "to": t.get_to_status_display(),
                        "on": _date(t.on),
                        "by": _person(t.actor),
                    }
                    for t in transitions.get(b.pk, [])
                ],
            }
            for b in barriers
        ],
        "follow_ups": [
            {
                "date": _date(f.date),
                "kind": f.get_kind_display(),
                "author": _person(f.author),
                "organisation": _org(f.organisation),
                "summary": f.summary,
                "confidential_note": f.confidential_note,
                "next_step": f.next_step,
                "next_step_due": _date(f.next_step_due),
            }
            for f in js.follow_ups.select_related("author", "organisation").order_by("date", "id")
        ],
        "situations": [
            {
                "date": _date(s.date),
                "situation": s.get_situation_display(),
                "contract_start": _date(s.contract_start),
                "contract_end": _date(s.contract_end),
                "weekly_hours": str(s.weekly_hours) if s.weekly_hours is not None else None,
                "outcome_class": s.get_outcome_class_display(),
                "employer": s.employer,
                "comment": s.comment,
                "author": _person(s.author),
                "organisation": _org(s.organisation),
            }
            for s in js.situations.select_related("author", "organisation").order_by("date", "id")
        ],
        "scheme_connections": [
            {
                "date": _date(c.date),
                "scheme": c.get_scheme_display(),
                "organisation": _org(c.organisation),
                "comment": c.comment,
                "author": _person(c.author),
            }
            for c in js.scheme_connections.select_related("organisation", "author").order_by("date", "id")
        ],
        "identification": _identification(js),
        **{name: section(js) for name, section in PERSONAL_FILE_SECTIONS.items()},
        "decisions": _decisions(js),
        "retention_notices": [
            {"due_on": _date(n.due_on), "sent_at": n.sent_at.isoformat(timespec="seconds")}
            for n in RetentionNotice.objects.filter(job_seeker=js)
        ],
        "access_log": [
            {
                "at": e.created_at.isoformat(timespec="seconds"),
                "action": e.get_action_display(),
                "user": _person(e.actor),
                "organisation": _org(e.organisation),
                "about": e.label,
                "link": e.url,
                "fields": e.fields,
                "detail": e.detail,
            }
            for e in with_links(access_log_for(js))
        ],
    }
    return data


def _decisions(js) -> list:
    return [
        {
            "meeting": str(d.meeting),
            "date": _date(d.meeting.date),
            "text": d.text,
            "status": d.get_status_display(),
        }
        for d in Decision.objects.filter(job_seeker_link__job_seeker=js)
        .select_related("meeting")
        .order_by("meeting__date", "id")
    ]


def filename(job_seeker: JobSeeker, extension: str, on: datetime.date | None = None) -> str:
    """No name in the file name: it travels in emails and download folders."""
    on = on or timezone.localdate()
    return f"dossier-personne-{job_seeker.pk}-{on:%Y%m%d}.{extension}"


def _identification(js) -> dict | None:
    """The path before enrolment, when she came through it: who identified her, her consent, each stage."""
    candidate = getattr(js, "candidate", None)
    if candidate is None:
        return None
    return {
        "identified_by": _org(candidate.identified_by),
        "identified_on": _date(candidate.identified_on),
        "consent_recorded_on": _date(candidate.consent_recorded_on),
        "consent_recorded_by": _person(candidate.consent_recorded_by),
        "stages": [
            {"to": t.get_to_stage_display(), "on": _date(t.on), "by": _person(t.actor)}
            for t in candidate.transitions.select_related("actor").order_by("on", "id")
        ],
    }
