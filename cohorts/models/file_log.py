"""The access log of a person's file: which audit entries concern her."""

from django.db import models

from .job_seeker import JobSeeker


class FileLogEntry(models.Model):
    """Files an audit entry in the access log of a person's file: every view, API read, change, export or
    download that concerns her, whatever object the entry is about (a barrier, a follow-up, an export of many).

    The cohorts app owns the link (partners, below it, knows nothing of people): `cohorts.file_log` fills it for
    every `audit_record`. Purged with its audit entry after the access-log retention.
    """

    entry = models.ForeignKey(
        "partners.AuditEntry", verbose_name="entrée du journal", on_delete=models.CASCADE, related_name="file_links"
    )
    job_seeker = models.ForeignKey(
        JobSeeker, verbose_name="personne", on_delete=models.CASCADE, related_name="file_log_links"
    )

    class Meta:
        verbose_name = "entrée du journal d'une fiche"
        verbose_name_plural = "journal des fiches"
        constraints = [models.UniqueConstraint(fields=["job_seeker", "entry"], name="file_log_entry_unique")]

    def __str__(self):
        return f"{self.job_seeker_id}:{self.entry_id}"
