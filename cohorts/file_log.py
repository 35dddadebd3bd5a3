"""The access log of a person's file: every view, API read, change, export and download that concerns her.

`partners.services.audit_record` writes the audit trail; `entry_links` (registered at `CohortsConfig.ready()`)
files each entry under the people it concerns: the person herself, the person a barrier, follow-up, situation,
team membership, participation or decision belongs to, and the people an export, an import or an API list read
carried (`about=`). `access_log_for(job_seeker)` reads it back; the rights page, the complete file (JSON/PDF)
and the file page all show that one list, so it answers a subject-access request on its own.
"""

from django.db.models import Exists, OuterRef

from partners.models import AuditEntry, Decision
from partners.services.audit import EntryLinks

from .models import FileLogEntry, JobSeeker, JobSeekerDecision


def job_seeker_ids(obj, about=()) -> set[int]:
    """The people an audit entry concerns: those named in `about`, else the object's person."""
    ids = {getattr(item, "pk", item) for item in about or ()}
    if isinstance(obj, JobSeeker):
        ids.add(obj.pk)
    elif obj is not None:
        person_id = getattr(obj, "job_seeker_id", None)
        if person_id is None and hasattr(obj, "audit_job_seeker_id"):
            person_id = obj.audit_job_seeker_id()
        if person_id is None and isinstance(obj, Decision):  # the link to a person belongs to cohorts
            person_id = JobSeekerDecision.objects.filter(decision=obj).values_list("job_seeker_id", flat=True).first()
        if person_id is not None:
            ids.add(person_id)
    return {int(i) for i in ids if i is not None}


def entry_links(obj, about) -> EntryLinks | None:
    """Registered in `partners.services.audit.AUDIT_LINKERS`: the entry is filed under each person it concerns, in
    the statement that writes it."""
    ids = job_seeker_ids(obj, about)
    return EntryLinks(FileLogEntry, "job_seeker", tuple(sorted(ids))) if ids else None


def access_log_for(job_seeker):
    """Every audit entry about this person's file, newest first, with what each one points at (one query each)."""
    filed = FileLogEntry.objects.filter(entry=OuterRef("pk"), job_seeker=job_seeker)
    return (
        AuditEntry.objects.filter(Exists(filed))
        .select_related("actor", "organisation", "content_type")
        .prefetch_related("target")
        .order_by("-created_at", "-id")
    )


def entry_label(entry) -> str:
    """What the entry is about, in French, without personal data: « suivi n° 12 »; « — » for an export or a list
    read, which concern several people (the entry's detail says which kind)."""
    if entry.content_type_id:
        return f"{entry.content_type.name} n° {entry.object_id}"
    return "—"


def with_links(entries):
    """The entries as a list, each with `url` and `label` set (the page and the complete file use both)."""
    entries = list(entries)
    for entry in entries:
        entry.url = entry.target_url
        entry.label = entry_label(entry)
    return entries
